// Book ch06/weight_init_compare.py: five-layer ReLU nets with initial weights of std 0.01,
// Xavier and He, trained by SGD (lr 0.01) on the same batches (figure 6-15).
// Run: npx tsx examples/ch06/weight_init_compare.ts [--iters 2000]
import { parseArgs } from 'node:util';
import { Figure, MultiLayerNet, RandomState, SGD, smoothCurve, type WeightInit } from '../../src/index.js';
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

const inits: [string, WeightInit][] = [
  ['std=0.01', 0.01],
  ['Xavier', 'sigmoid'],
  ['He', 'relu'],
];
const optimizer = new SGD(0.01);
const contenders = inits.map(([name, weightInitStd]) => ({
  name,
  optimizer,
  net: new MultiLayerNet({
    inputSize: 784,
    hiddenSizeList: [100, 100, 100, 100],
    outputSize: 10,
    weightInitStd,
    rng,
    dtype: 'float32',
  }),
}));
const losses = trainSideBySide(contenders, xTrain, tTrain, rng, { iters, batchSize: 128 });

const fig = new Figure({
  title: 'weight initialization on MNIST (figure 6-15)',
  xlabel: 'iterations',
  ylabel: 'loss',
  ylim: [0, 2.5],
});
for (const c of contenders)
  fig.line(
    losses[c.name].map((_, i) => i),
    smoothCurve(losses[c.name]),
    { label: c.name },
  );
const dir = outputDir('ch06');
save(dir, 'weight_init_compare.svg', fig.toSVG());
save(dir, 'weight_init_compare.json', JSON.stringify({ iters, batchSize: 128, losses }) + '\n');
const tail = (xs: number[]): number => xs.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, xs.length);
for (const c of contenders)
  console.log(
    `${c.name.padEnd(9)} mean loss over the last 100 iterations: ${tail(losses[c.name]).toFixed(4)}`,
  );
