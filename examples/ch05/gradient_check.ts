// Book ch05/gradient_check.py: backprop against numerical gradients on three MNIST
// samples; prints the mean absolute difference per parameter like the book.
// Run: npx tsx examples/ch05/gradient_check.ts   (finds MNIST like `scratchnet train`)
import { RandomState, TwoLayerNet, gradientCheck, sliceRows } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';

const { xTrain, tTrain } = await loadMnist({ normalize: true, oneHotLabel: true });
const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: new RandomState(0) });

const xBatch = sliceRows(xTrain, 0, 3);
const tBatch = sliceRows(tTrain, 0, 3);

const report = gradientCheck(network, xBatch, tBatch);
for (const [key, r] of Object.entries(report)) {
  console.log(`${key}:${r.meanAbsDiff}   (max relative error ${r.maxRelError.toExponential(2)})`);
}
// NOTE: b2's difference is the book's +1e-7 inside the log (see SoftmaxWithLoss); with
// `lossDelta: 0` it drops to the others' level.
