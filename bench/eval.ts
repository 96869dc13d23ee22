// One evaluation of the book's job as the Trainer runs it: a 784-50-10 TwoLayerNet's accuracy
// over all 70,000 MNIST images (the training set, then the test set), inside a step scope as
// the Trainer's; median ms of REPS after one warm-up. bench/run.ts's job section times the 17
// evaluations of a whole run, next to NumPy's.
// Run: npx tsx bench/eval.ts [THREADS] [DTYPE] [REPS]
import {
  RandomState,
  StepScope,
  TwoLayerNet,
  evaluateAccuracy,
  setThreads,
  workersReady,
  type DType,
} from '../src/index.js';
import { loadMnist, startNodeWorkers } from '../src/node.js';

const threads = Number(process.argv[2] ?? 1);
const dtype = (process.argv[3] ?? 'float32') as DType;
const reps = Number(process.argv[4] ?? 9);
startNodeWorkers(threads);
setThreads(threads);
const used = await workersReady();
const { xTrain, tTrain, xTest, tTest } = await loadMnist({ dtype });
const net = new TwoLayerNet({
  inputSize: 784,
  hiddenSize: 50,
  outputSize: 10,
  rng: new RandomState(0),
  dtype,
});
const scope = new StepScope([net]);
const times: number[] = [];
let acc = [NaN, NaN];
for (let i = 0; i <= reps; i++) {
  const t0 = performance.now();
  acc = scope.run(() => [evaluateAccuracy(net, xTrain, tTrain), evaluateAccuracy(net, xTest, tTest)]);
  if (i > 0) times.push(performance.now() - t0);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'eval',
    dtype,
    threads: used,
    reps,
    msMedian: sorted[sorted.length >> 1],
    msAll: times.map((t) => Math.round(t * 10) / 10),
    trainAcc: acc[0],
    testAcc: acc[1],
  }),
);
process.exit(0); // the worker pool would keep the process alive
