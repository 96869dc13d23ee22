// Book ch07/gradient_check.py: a small SimpleConvNet (input 1×10×10, 10 filters 3×3, hidden 10)
// on one random image with label 1; prints the mean absolute difference between backprop and
// numerical gradients per parameter, as the book does.
// Run: npx tsx examples/ch07/gradient_check.ts [--seed 7]
import { parseArgs } from 'node:util';
import { RandomState, SimpleConvNet, gradientCheck, tensor } from '../../src/index.js';

const { values } = parseArgs({ options: { seed: { type: 'string' } }, strict: false });
// NOTE: with weights of std 0.01 many ReLU inputs lie within h = 1e-4 of 0. Where one does,
// the central difference averages the two slopes of the kink and misses backprop by up to
// ~30% in W1 and b1 (try --seed 0); the book's run has no seed. Seed 7 has no such kink.
const rng = new RandomState(Number(values.seed ?? 7));
const network = new SimpleConvNet({
  inputDim: [1, 10, 10],
  convParam: { filterNum: 10, filterSize: 3, pad: 0, stride: 1 },
  hiddenSize: 10,
  outputSize: 10,
  weightInitStd: 0.01,
  rng,
});
const X = rng.rand(1, 1, 10, 10); // np.random.rand(100).reshape((1, 1, 10, 10))
const T = tensor([1]); // the label

const report = gradientCheck(network, X, T);
for (const [key, r] of Object.entries(report)) {
  console.log(`${key} ${r.meanAbsDiff}   (max relative error ${r.maxRelError.toExponential(2)})`);
}
// NOTE: b3's larger difference is the book's +1e-7 inside the log (see SoftmaxWithLoss).
