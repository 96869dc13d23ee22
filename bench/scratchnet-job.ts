// The book's job with scratchnet, one run, for bench/run.ts: prints one JSON line.
// Run: npx tsx bench/scratchnet-job.ts DTYPE THREADS [ITERS] [BACKEND]
import {
  RandomState,
  Trainer,
  TwoLayerNet,
  setBackend,
  setThreads,
  workersReady,
  type DType,
} from '../src/index.js';
import { loadMnist, startNodeWorkers } from '../src/node.js';
import { report } from './peers/mnist.js';

const dtype = (process.argv[2] ?? 'float32') as DType;
const threads = Number(process.argv[3] ?? 1);
const iters = Number(process.argv[4] ?? 10000);
const backend = process.argv[5] ?? 'wasm';
setBackend(backend);
startNodeWorkers(threads);
setThreads(threads);
const used = await workersReady();
const data = await loadMnist({ dtype });
const rng = new RandomState(0);
const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype });
const trainer = new Trainer({ net, ...data, rng, iters, batchSize: 100, lr: 0.1 });
let evalSeconds = 0;
let mark = performance.now();
trainer.on('iteration', () => (mark = performance.now()));
trainer.on('epoch', () => (evalSeconds += (performance.now() - mark) / 1000));
const cpu0 = process.cpuUsage();
const r = await trainer.train();
const cpu = process.cpuUsage(cpu0);
report({
  impl: `scratchnet ${backend}`,
  dtype,
  threads: backend === 'wasm' ? used : 1,
  iters,
  wallSeconds: r.wallSeconds,
  evalSeconds,
  // CPU time of the training loop (user + system, every thread): steadier than wall time
  // on a machine other work loads
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  itersPerSecond: iters / r.wallSeconds,
  testAcc: r.final.testAcc,
});
