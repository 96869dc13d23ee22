// Book ch05/train_neuralnet.py: TwoLayerNet trained by backprop with SGD, printing train
// and test accuracy once per epoch. `scratchnet train` is the same job with files and plots.
// Run: npx tsx examples/ch05/train_neuralnet.ts
import { RandomState, Trainer, TwoLayerNet } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';

const { xTrain, tTrain, xTest, tTest } = await loadMnist({
  normalize: true,
  oneHotLabel: true,
  dtype: 'float32',
});
const rng = new RandomState(0);
const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });

const trainer = new Trainer({
  net: network,
  xTrain,
  tTrain,
  xTest,
  tTest,
  rng,
  iters: 10000,
  batchSize: 100,
  lr: 0.1,
});
trainer.on('epoch', (e) => console.log(e.trainAcc, e.testAcc));
const result = await trainer.train();
console.log(`${result.iterations} iterations in ${result.wallSeconds.toFixed(1)} s`);
