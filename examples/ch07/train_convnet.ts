// Book ch07/train_convnet.py: SimpleConvNet (30 filters 5×5, hidden 100) trained for 20 epochs
// with Adam (lr 0.001), batch 100, train and test accuracy on 1,000 images after each epoch,
// then on all 10,000 test images (book: 98.9%); a figure of the accuracies, parameters saved.
// Run: npx tsx examples/ch07/train_convnet.ts [--epochs 20] [--train-size 60000] [--dtype float32|float64]
import { RandomState, SimpleConvNet } from '../../src/index.js';
import { convRunOptions, trainConvNet } from '../train-conv.js';

const o = convRunOptions();
const rng = new RandomState(0);
const network = new SimpleConvNet({
  inputDim: [1, 28, 28],
  convParam: { filterNum: 30, filterSize: 5, pad: 0, stride: 1 },
  hiddenSize: 100,
  outputSize: 10,
  weightInitStd: 0.01,
  rng,
  dtype: o.dtype,
});
await trainConvNet(network, rng, o, {
  chapter: 'ch07',
  params: 'params.safetensors',
  figure: 'train_convnet.svg',
});
