// Book ch06/optimizer_compare_mnist.py: five-layer nets (4 × 100 ReLU units) trained with
// SGD, Momentum, AdaGrad and Adam on the same batches of 128 for 2000 iterations
// (figure 6-9). Run: npx tsx examples/ch06/optimizer_compare_mnist.ts [--iters 2000]
import { parseArgs } from 'node:util';
import { MultiLayerNet, OPTIMIZERS, RandomState, type OptimizerName } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { report, trainSideBySide } from './compare.js';

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

report('optimizer_compare_mnist', 'optimizers on MNIST (figure 6-9)', [0, 1], contenders, losses, {
  iters,
  batchSize: 128,
});
