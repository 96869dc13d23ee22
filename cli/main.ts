// scratchnet's command line: train, eval, predict, info.
import { evalCommand } from './commands/eval.js';
import { infoCommand } from './commands/info.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand, TRAIN_USAGE } from './commands/train.js';
import { backendNames, setBackend } from '../src/node.js';
import { UsageError } from './usage.js';

const USAGE = `usage: scratchnet <command> [options]

commands:
  train            train a network on MNIST (the book's ch05 job by default)
  eval MODEL       test accuracy and confusion matrix of a saved model
  predict MODEL IMAGE.png
                   the top three classes for a picture of a digit
  info             versions, kernel backend and threads

any command takes --backend reference|js|wasm (default: the fastest available)

Run 'scratchnet <command> --help' for a command's options.`;

const USAGES: Record<string, string> = {
  train: TRAIN_USAGE,
  eval: 'usage: scratchnet eval MODEL [--dataset mnist|fashion-mnist] [--data DIR] [--json]',
  predict: 'usage: scratchnet predict MODEL IMAGE.png [--json]',
  info: 'usage: scratchnet info [--json]',
};

type Command = (args: string[]) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  train: trainCommand,
  eval: evalCommand,
  predict: predictCommand,
  info: infoCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`scratchnet: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGES[name]);
    return 0;
  }
  try {
    // --backend NAME (any command): the kernel backend, like SCRATCHNET_BACKEND
    const at = rest.findIndex((a) => a === '--backend' || a.startsWith('--backend='));
    if (at >= 0) {
      const [flag, inline] = rest[at].split('=');
      const name = inline ?? rest[at + 1];
      rest.splice(at, inline === undefined ? 2 : 1);
      if (!name || !backendNames().includes(name)) {
        throw new UsageError(`${flag} must be one of ${backendNames().join(', ')}, got '${name ?? ''}'`);
      }
      setBackend(name);
    }
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`scratchnet ${name}: ${(e as Error).message}\n\n${USAGES[name]}`);
      return 2;
    }
    console.error(`scratchnet ${name}: ${(e as Error).message}`);
    return 1;
  }
}
