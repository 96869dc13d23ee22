// The book's job (TwoLayerNet 784-50-10, batch 100, SGD lr 0.1, loss after each step,
// accuracy on all 70,000 images every 600 iterations) in TensorFlow.js, with the same
// manual backpropagation as the book's layers, for bench/run.ts to time.
// Run: npx tsx bench/peers/tfjs-job.ts cpu|wasm [ITERS]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { jobData, jobStream, report } from './mnist.js';

const backend = process.argv[2] ?? 'wasm';
const iters = Number(process.argv[3] ?? 10000);
await tf.setBackend(backend);
await tf.ready();
// which of its binaries tfjs-backend-wasm loaded (SIMD and threads are detected at init)
const wasmFlavour =
  backend === 'wasm' && (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'simd' : 'no simd';

const d = await jobData();
const stream = jobStream(d.trainSize, 100);
const xTrain = tf.tensor2d(d.xTrain, [d.trainSize, 784]);
const xTest = tf.tensor2d(d.xTest, [d.testSize, 784]);
const yTrain = tf.tensor1d(d.labelsTrain, 'int32');
const yTest = tf.tensor1d(d.labelsTest, 'int32');
let W1 = tf.tensor2d(stream.w1, [784, 50]);
let b1 = tf.zeros([50]);
let W2 = tf.tensor2d(stream.w2, [50, 10]);
let b2 = tf.zeros([10]);

function lossOf(x: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar {
  const y = tf.softmax(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2));
  return tf.div(tf.neg(tf.sum(tf.mul(t, tf.log(tf.add(y, 1e-7))))), x.shape[0]);
}

function accuracy(x: tf.Tensor2D, labels: tf.Tensor1D): number {
  let correct = 0;
  for (let s = 0; s < x.shape[0]; s += 10000) {
    const n = Math.min(10000, x.shape[0] - s);
    correct += tf.tidy(() => {
      const xs = tf.slice(x, [s, 0], [n, 784]);
      const y = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xs, W1), b1)), W2), b2);
      return tf.sum(tf.cast(tf.equal(tf.argMax(y, 1), tf.slice(labels, [s], [n])), 'int32')).dataSync()[0];
    });
  }
  return correct / x.shape[0];
}

const start = performance.now();
let evalSeconds = 0;
let testAcc = NaN;
for (let i = 0; i < iters; i++) {
  const idx = tf.tensor1d(stream.nextBatch(), 'int32');
  const next = tf.tidy(() => {
    const x = tf.gather(xTrain, idx) as tf.Tensor2D;
    const t = tf.cast(tf.oneHot(tf.gather(yTrain, idx) as tf.Tensor1D, 10), 'float32') as tf.Tensor2D;
    // forward, as the book's layers
    const a1 = tf.add(tf.matMul(x, W1), b1);
    const z1 = tf.relu(a1);
    const y = tf.softmax(tf.add(tf.matMul(z1, W2), b2));
    // backward: SoftmaxWithLoss, Affine, Relu, Affine
    const dy = tf.div(tf.sub(y, t), x.shape[0]);
    const dW2 = tf.matMul(z1, dy, true, false);
    const db2 = tf.sum(dy, 0);
    const dz1 = tf.matMul(dy, W2, false, true);
    const da1 = tf.mul(dz1, tf.cast(tf.greater(a1, 0), 'float32'));
    const dW1 = tf.matMul(x, da1, true, false);
    const db1 = tf.sum(da1, 0);
    const step = (p: tf.Tensor, g: tf.Tensor): tf.Tensor => tf.sub(p, tf.mul(g, 0.1));
    const p = [step(W1, dW1), step(b1, db1), step(W2, dW2), step(b2, db2)];
    return { p, x, t };
  });
  tf.dispose([W1, b1, W2, b2, idx]);
  [W1, b1, W2, b2] = next.p as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
  // the book records the loss after the step
  tf.tidy(() => lossOf(next.x, next.t).dataSync());
  tf.dispose([next.x, next.t]);
  if (i % 600 === 0) {
    const e0 = performance.now();
    accuracy(xTrain, yTrain);
    testAcc = accuracy(xTest, yTest);
    evalSeconds += (performance.now() - e0) / 1000;
  }
}
const wall = (performance.now() - start) / 1000;
report({
  impl: `tfjs-${backend} ${tf.version_core}${backend === 'wasm' ? ` (${wasmFlavour})` : ''}`,
  dtype: 'float32',
  threads: 1,
  iters,
  wallSeconds: wall,
  evalSeconds,
  itersPerSecond: iters / wall,
  testAcc,
});
