// Entry point of the `scratchnet` command (bin/scratchnet.js runs the compiled copy).
import { main } from './main.js';

// A reader that closes early (`scratchnet eval model | head -1`) makes the next write fail with
// EPIPE; like any Unix tool, stop quietly instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2));
