// Entry point of the `scratchnet` command (bin/scratchnet.js runs the compiled copy).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
