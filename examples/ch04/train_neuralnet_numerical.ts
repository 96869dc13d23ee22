// Book ch04/train_neuralnet.py: the same training loop with numerical gradients. Each
// iteration evaluates the loss twice per parameter (2 × 39,760 forward passes), so it is
// very slow by nature: this runs a few iterations and times one next to backprop.
// Run: npx tsx examples/ch04/train_neuralnet_numerical.ts [--iters 1]
import { parseArgs } from 'node:util';
import { RandomState, SGD, TwoLayerNet, numericalGradient, take, type Tensor } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';

const { values } = parseArgs({ options: { iters: { type: 'string' } } });
const iters = Number(values.iters ?? 1);
const { xTrain, tTrain } = await loadMnist({ oneHotLabel: true });
const rng = new RandomState(0);
const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, activation: 'sigmoid', rng });
const [batchSize, lr] = [100, 0.1];

const optimizer = new SGD(lr);
const total = Object.values(net.params).reduce((n, p) => n + p.size, 0);

let numericalSeconds = 0;
for (let i = 0; i < iters; i++) {
  const mask = rng.choice(xTrain.shape[0], batchSize);
  const [x, t] = [take(xTrain, mask), take(tTrain, mask)];
  const t0 = performance.now();
  // chapter 4's way, key by key, reporting every 1,000 parameters (two losses each)
  let calls = 0;
  const loss = (): number => {
    if (++calls % 2000 === 0) {
      const secs = ((performance.now() - t0) / 1000).toFixed(0);
      process.stderr.write(`\r  iteration ${i + 1}/${iters}: ${calls / 2}/${total} parameters, ${secs} s`);
    }
    return net.loss(x, t);
  };
  const grads: Record<string, Tensor> = {};
  for (const [key, p] of Object.entries(net.params)) grads[key] = numericalGradient(loss, p);
  const s = (performance.now() - t0) / 1000;
  numericalSeconds += s;
  optimizer.update(net.params, grads);
  process.stderr.write('\r\x1b[K');
  console.log(
    `iteration ${i + 1}/${iters}: loss ${net.loss(x, t).toFixed(6)} (numerical gradient of ${total} parameters: ${s.toFixed(1)} s)`,
  );
}

const mask = rng.choice(xTrain.shape[0], batchSize);
const [x, t] = [take(xTrain, mask), take(tTrain, mask)];
const reps = 50;
const t0 = performance.now();
for (let i = 0; i < reps; i++) net.gradient(x, t);
const backprop = (performance.now() - t0) / 1000 / reps;
const numerical = numericalSeconds / iters;
console.log(
  `\none iteration's gradient: numerical ${numerical.toFixed(2)} s, backprop ${(backprop * 1000).toFixed(2)} ms`,
);
console.log(`backpropagation is ${Math.round(numerical / backprop).toLocaleString('en-US')}× faster`);
