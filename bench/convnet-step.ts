// One training step of SimpleConvNet or DeepConvNet with scratchnet, timed, for bench/run.ts:
// the Trainer's step (the book's Trainer.train_step) — a batch of 100 drawn by rng.choice,
// gradient, Adam (lr 0.001), the loss after the update — on MNIST, median of STEPS after WARMUP.
// Run: npx tsx bench/convnet-step.ts simple|deep float32|float64 THREADS [STEPS] [WARMUP] [BACKEND] [scope]
// (`scope`: each step in a StepScope, as the Trainer runs it, so resident storage is reused;
// without it a long run fills the resident budget and later steps stage their operands)
import { cpus } from 'node:os';
import {
  Adam,
  DeepConvNet,
  RandomState,
  SimpleConvNet,
  StepScope,
  setBackend,
  setThreads,
  take,
  wasmFma,
  workersReady,
  type DType,
  type Net,
} from '../src/index.js';
import { loadMnist, startNodeWorkers } from '../src/node.js';

const [
  name = 'simple',
  dtypeArg = 'float32',
  threadsArg = '1',
  stepsArg,
  warmupArg,
  backend = 'wasm',
  scopeArg,
] = process.argv.slice(2);
if (name !== 'simple' && name !== 'deep')
  throw new Error(`convnet-step: net must be simple or deep, got ${name}`);
const dtype = dtypeArg as DType;
const threads = Number(threadsArg);
const steps = Number(stepsArg ?? 10);
const warmup = Number(warmupArg ?? 2);
setBackend(backend);
startNodeWorkers(threads);
setThreads(threads);
const used = await workersReady();
const { xTrain, tTrain } = await loadMnist({ dtype, flatten: false });
const rng = new RandomState(0);
const net: Net = name === 'simple' ? new SimpleConvNet({ rng, dtype }) : new DeepConvNet({ rng, dtype });
const optimizer = new Adam(0.001);
const scope = scopeArg === 'scope' ? new StepScope([net, optimizer]) : null;

function trainStep(): number {
  const batchMask = rng.choice(xTrain.shape[0], 100);
  const xBatch = take(xTrain, batchMask);
  const tBatch = take(tTrain, batchMask);
  const grads = net.gradient(xBatch, tBatch);
  optimizer.update(net.params, grads);
  return net.loss(xBatch, tBatch);
}

const times: number[] = [];
let loss = NaN;
for (let i = 0; i < warmup + steps; i++) {
  const t0 = performance.now();
  loss = scope ? scope.run(trainStep) : trainStep();
  if (i >= warmup) times.push(performance.now() - t0);
}
if (!Number.isFinite(loss)) throw new Error(`convnet-step: the loss is ${loss}`);
const sorted = [...times].sort((a, b) => a - b);
const mid = sorted.length >> 1;
// np.median's: the mean of the middle two for an even count
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(
  JSON.stringify({
    bench: 'conv-step',
    impl: `scratchnet ${backend}`,
    net: name,
    dtype,
    threads: backend === 'wasm' ? used : 1,
    steps,
    warmup,
    scope: scope !== null,
    msPerStep: median,
    msAll: times.map((t) => Math.round(t * 100) / 100),
    loss,
    fma: backend === 'wasm' ? wasmFma : undefined,
    cpu: cpus()[0]?.model,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
process.exit(0); // the worker pool would keep the process alive
