// Accuracy over a whole dataset, a chunk of rows at a time so memory stays flat.
import { accuracyOf, type Net } from '../nets/index.js';
import { sliceRows, type Tensor } from '../tensor/index.js';
import { StepScope } from '../tensor/lifetime.js';

/**
 * The accuracy of `net` over a whole dataset (book §4.5.3), `chunk` rows at a time so memory stays
 * flat; NaN for an empty set. By default 10,000 rows of a fully connected net's input, 100
 * images (N, C, H, W) of a conv net's, as the book's accuracy(batch_size=100): im2col of
 * thousands of images would take gigabytes.
 */
export function evaluateAccuracy(net: Net, x: Tensor, t: Tensor, chunk = x.ndim > 2 ? 100 : 10000): number {
  const n = x.shape[0];
  if (n === 0) return NaN;
  let correct = 0;
  // each chunk's activations are freed before the next (what the net still holds is kept)
  const scope = new StepScope([net]);
  for (let start = 0; start < n; start += chunk) {
    const stop = Math.min(start + chunk, n);
    correct += scope.run(
      () =>
        accuracyOf(net.predict(sliceRows(x, start, stop), false), sliceRows(t, start, stop)) * (stop - start),
    );
  }
  scope.close();
  return correct / n;
}
