// Book ch06/weight_init_compare.py: five-layer ReLU nets with initial weights of std 0.01,
// Xavier and He, trained by SGD (lr 0.01) on the same batches (figure 6-15).
// Run: npx tsx examples/ch06/weight_init_compare.ts [--iters 2000]
import { parseArgs } from 'node:util';
import { MultiLayerNet, RandomState, SGD, type WeightInit } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { report, trainSideBySide } from './compare.js';

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

report('weight_init_compare', 'weight initialization on MNIST (figure 6-15)', [0, 2.5], contenders, losses, {
  iters,
  batchSize: 128,
});
