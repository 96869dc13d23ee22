// Book ch06/optimizer_compare_mnist.py: five-layer nets (4 × 100 ReLU units) trained with
// SGD, Momentum, AdaGrad and Adam on the same batches of 128 for 2000 iterations
// (figure 6-9). Run: npx tsx examples/ch06/optimizer_compare_mnist.ts [--iters 2000]
import { parseArgs } from 'node:util';
import {
  Figure,
  MultiLayerNet,
  OPTIMIZERS,
  RandomState,
  smoothCurve,
  type OptimizerName,
} from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { outputDir, save } from '../output.js';
import { trainSideBySide } from './compare.js';

const { values } = parseArgs({
  options: { iters: { type: 'string' }, seed: { type: 'string' } },
  strict: false,
});
const iters = Number(values.iters ?? 2000);
const rng = new RandomState(Number(values.seed ?? 0));
const { xTrain, tTrain } = await loadMnist({ dtype: 'float32' });

const names: OptimizerName[] = ['sgd', 'momentum', 'adagrad', 'adam'];
const contenders = names.map((n) => ({
  name: OPTIMIZERS[n].title,
  optimizer: OPTIMIZERS[n].create(), // the book's defaults
  net: new MultiLayerNet({
    inputSize: 784,
    hiddenSizeList: [100, 100, 100, 100],
    outputSize: 10,
    rng,
    dtype: 'float32',
  }),
}));
const losses = trainSideBySide(contenders, xTrain, tTrain, rng, { iters, batchSize: 128 });

const fig = new Figure({
  title: 'optimizers on MNIST (figure 6-9)',
  xlabel: 'iterations',
  ylabel: 'loss',
  ylim: [0, 1],
});
for (const c of contenders)
  fig.line(
    losses[c.name].map((_, i) => i),
    smoothCurve(losses[c.name]),
    { label: c.name },
  );
const dir = outputDir('ch06');
save(dir, 'optimizer_compare_mnist.svg', fig.toSVG());
save(dir, 'optimizer_compare_mnist.json', JSON.stringify({ iters, batchSize: 128, losses }) + '\n');
const tail = (xs: number[]): number => xs.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, xs.length);
for (const c of contenders)
  console.log(
    `${c.name.padEnd(9)} mean loss over the last 100 iterations: ${tail(losses[c.name]).toFixed(4)}`,
  );
