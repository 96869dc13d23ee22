// scratchnet's command line: train, eval, predict, info.
import { availableParallelism } from 'node:os';
import { evalCommand } from './commands/eval.js';
import { infoCommand, packageVersion } from './commands/info.js';
import { predictCommand } from './commands/predict.js';
import { serveCommand, SERVE_USAGE } from './commands/serve.js';
import { trainCommand, TRAIN_USAGE } from './commands/train.js';
import { backendNames, setBackend, setThreads, startNodeWorkers } from '../src/node.js';
import { UsageError } from './usage.js';
import { didYouMean } from './suggest.js';
import { inCliWords } from './wording.js';

const USAGE = `usage: scratchnet <command> [options]

commands:
  train            train a network on MNIST (the book's ch05 job by default)
  eval MODEL       test accuracy and confusion matrix of a saved model
  predict MODEL IMAGE.png
                   the top three classes for a picture of a digit
  info             versions, kernel backend and threads
  serve            the playground in the browser: train live, draw a digit, optimizers
  version          the version of scratchnet (also --version)

any command takes --backend reference|js|wasm (default: the fastest available)
and --threads N (default and most: one per core; wasm backend only)

Run 'scratchnet <command> --help' for a command's options.`;

const USAGES: Record<string, string> = {
  train: TRAIN_USAGE,
  eval:
    'usage: scratchnet eval MODEL [--dataset mnist|fashion-mnist] [--data DIR] [--dtype float32|float64] [--json]\n\n' +
    "--dtype computes in that type instead of the one the file records (the book's files: float64)",
  predict:
    'usage: scratchnet predict MODEL IMAGE.png [--json]\n\n' +
    'exit status: 0 printed the top three, 1 the model or image could not be read, 2 usage error,\n' +
    '3 no digit found (the image is all one colour)',
  info: 'usage: scratchnet info [--json]',
  serve: SERVE_USAGE,
};

type Command = (args: string[]) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  train: trainCommand,
  eval: evalCommand,
  predict: predictCommand,
  info: infoCommand,
  serve: serveCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(packageVersion());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const known = [...Object.keys(COMMANDS), 'version', 'help'];
    console.error(`scratchnet: unknown command '${name}'${didYouMean(name, known)}\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGES[name]);
    return 0;
  }
  try {
    checkEnvironment();
    // --backend NAME and --threads N (any command), like SCRATCHNET_BACKEND and SCRATCHNET_THREADS
    const backend = takeOption(rest, '--backend');
    if (backend !== undefined) {
      if (!backendNames().includes(backend)) {
        throw new UsageError(`--backend must be one of ${backendNames().join(', ')}, got '${backend}'`);
      }
      setBackend(backend);
    }
    const threads = takeOption(rest, '--threads');
    if (threads !== undefined) {
      if (!/^[1-9]\d*$/.test(threads.trim()))
        throw new UsageError(`--threads must be a whole number ≥ 1, got '${threads}'`);
      const n = capThreads(`--threads ${threads}`, Number(threads));
      startNodeWorkers(n);
      setThreads(n);
    }
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      let message = (e as Error).message;
      const unknown = /^Unknown option '(--[^']+)'/.exec(message);
      if (unknown) {
        // the command's options, as its usage lists them, and the ones every command takes
        const known = [...new Set([...USAGES[name].matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))];
        message = `unknown option '${unknown[1]}'${didYouMean(unknown[1], [...known, '--backend', '--threads', '--help'])}`;
      }
      console.error(`scratchnet ${name}: ${message}\n\n${USAGES[name]}`);
      return 2;
    }
    console.error(`scratchnet ${name}: ${inCliWords((e as Error).message)}`);
    return 1;
  }
}

/**
 * SCRATCHNET_BACKEND and SCRATCHNET_THREADS as usage errors (exit 2) naming the variable; the
 * library itself would only report them at the first use of the kernels.
 */
function checkEnvironment(): void {
  const backend = process.env.SCRATCHNET_BACKEND;
  if (backend && !backendNames().includes(backend)) {
    throw new UsageError(`SCRATCHNET_BACKEND must be one of ${backendNames().join(', ')}, got '${backend}'`);
  }
  const threads = process.env.SCRATCHNET_THREADS;
  if (threads !== undefined && threads.trim() !== '') {
    if (!/^[1-9]\d*$/.test(threads.trim()))
      throw new UsageError(`SCRATCHNET_THREADS must be a whole number ≥ 1, got '${threads}'`);
    // the library already started at most one thread per core; say so
    capThreads(`SCRATCHNET_THREADS=${threads}`, Number(threads));
  }
}

/** More threads than cores only slow a CPU-bound pool down: warn and use the cores. */
function capThreads(asked: string, n: number): number {
  const cores = availableParallelism();
  if (n <= cores) return n;
  console.error(`scratchnet: warning: ${asked} is more than the ${cores} cores here; using ${cores} threads`);
  return cores;
}

/** Removes `--name VALUE` or `--name=VALUE` from args and returns VALUE ('' when missing). */
function takeOption(args: string[], name: string): string | undefined {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const inline = args[at].startsWith(`${name}=`) ? args[at].slice(name.length + 1) : undefined;
  const value = inline ?? args[at + 1] ?? '';
  args.splice(at, inline === undefined ? 2 : 1);
  return value;
}
