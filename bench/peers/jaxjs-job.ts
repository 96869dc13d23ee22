// The book's job (see tfjs-job.ts) in jax-js on its wasm device, with the same manual
// backpropagation in a jit-compiled step, arrays passed by jax-js's ownership rules
// (.ref to keep one).
// Run: npx tsx bench/peers/jaxjs-job.ts [ITERS] [float32|float64]
import { defaultDevice, init, jit, nn, numpy as np } from '@jax-js/jax';
import { jobData, jobStream, peerVersion, report } from './mnist.js';

const version = peerVersion('@jax-js/jax');

const iters = Number(process.argv[2] ?? 10000);
const dtype = process.argv[3] === 'float64' ? np.float64 : np.float32;
// wasm only: Node has no WebGPU; and no global Worker, so jax-js's thread pool does not start here
await init('wasm');
defaultDevice('wasm');

const d = await jobData();
const stream = jobStream(d.trainSize, 100);
const cast = (x: Float32Array): Float32Array | Float64Array =>
  dtype === np.float64 ? Float64Array.from(x) : x;
const xTrain = np.array(cast(d.xTrain)).reshape([d.trainSize, 784]);
const xTest = np.array(cast(d.xTest)).reshape([d.testSize, 784]);
const yTrain = np.array(d.labelsTrain, { dtype: np.int32 });
const yTest = np.array(d.labelsTest, { dtype: np.int32 });
let W1 = np.array(cast(stream.w1)).reshape([784, 50]);
let b1 = np.zeros([50], { dtype });
let W2 = np.array(cast(stream.w2)).reshape([50, 10]);
let b2 = np.zeros([10], { dtype });

type Params = [np.Array, np.Array, np.Array, np.Array];

function scores([W1, b1, W2, b2]: Params, x: np.Array): np.Array {
  return np.add(np.matmul(nn.relu(np.add(np.matmul(x, W1), b1)), W2), b2);
}

// One training step, compiled with jit (jax-js fuses its elementwise work): forward and
// backward as the book's layers, the SGD update, and the loss after the update.
const trainStep = jit((W1: np.Array, b1: np.Array, W2: np.Array, b2: np.Array, x: np.Array, t: np.Array) => {
  const a1 = np.add(np.matmul(x.ref, W1.ref), b1.ref);
  const z1 = nn.relu(a1.ref);
  const y = nn.softmax(np.add(np.matmul(z1.ref, W2.ref), b2.ref), -1);
  // backward: SoftmaxWithLoss, Affine, Relu, Affine
  const dy = np.multiply(np.subtract(y, t.ref), 1 / 100);
  const dW2 = np.matmul(np.matrixTranspose(z1), dy.ref);
  const db2 = np.sum(dy.ref, 0);
  const dz1 = np.matmul(dy, np.matrixTranspose(W2.ref));
  const da1 = np.multiply(dz1, np.greater(a1, 0).astype(dtype));
  const dW1 = np.matmul(np.matrixTranspose(x.ref), da1.ref);
  const db1 = np.sum(da1, 0);
  const step = (p: np.Array, g: np.Array): np.Array => np.subtract(p, np.multiply(g, 0.1));
  const next: Params = [step(W1, dW1), step(b1, db1), step(W2, dW2), step(b2, db2)];
  const y2 = nn.softmax(scores([next[0].ref, next[1].ref, next[2].ref, next[3].ref], x), -1);
  const loss = np.multiply(np.sum(np.multiply(t, np.log(np.add(y2, 1e-7)))), -1 / 100);
  return [...next, loss];
});

const predict = jit((W1: np.Array, b1: np.Array, W2: np.Array, b2: np.Array, x: np.Array) =>
  np.argmax(scores([W1, b1, W2, b2], x), 1),
);

function accuracy(x: np.Array, labels: np.Array): number {
  const n = x.shape[0];
  let correct = 0;
  for (let s = 0; s < n; s += 10000) {
    const rows = np.arange(s, Math.min(s + 10000, n), 1, { dtype: np.int32 });
    const xs = np.take(x.ref, rows.ref, 0);
    const guess = predict(W1.ref, b1.ref, W2.ref, b2.ref, xs);
    const hit = np.equal(guess, np.take(labels.ref, rows, 0));
    correct += np.sum(hit.astype(np.int32)).js() as number;
  }
  return correct / n;
}

const start = performance.now();
let evalSeconds = 0;
let testAcc = NaN;
for (let i = 0; i < iters; i++) {
  const idx = np.array(stream.nextBatch(), { dtype: np.int32 });
  const x = np.take(xTrain.ref, idx.ref, 0);
  const t = nn.oneHot(np.take(yTrain.ref, idx, 0), 10).astype(dtype);
  const [w1, c1, w2, c2, loss] = trainStep(W1, b1, W2, b2, x, t);
  [W1, b1, W2, b2] = [w1, c1, w2, c2];
  loss.js(); // the book appends each loss to a list: a read every iteration
  if (i % 600 === 0) {
    const e0 = performance.now();
    accuracy(xTrain, yTrain);
    testAcc = accuracy(xTest, yTest);
    evalSeconds += (performance.now() - e0) / 1000;
  }
}
const wall = (performance.now() - start) / 1000;
report({
  impl: `jax-js-wasm ${version}`,
  dtype: dtype === np.float64 ? 'float64' : 'float32',
  threads: typeof Worker === 'undefined' ? 1 : 0,
  iters,
  wallSeconds: wall,
  evalSeconds,
  itersPerSecond: iters / wall,
  testAcc,
});
