// Accuracy over a whole dataset, a chunk of rows at a time so memory stays flat.
import { accuracyOf, type Net } from '../nets/index.js';
import { sliceRows, type Tensor } from '../tensor/index.js';

/**
 * The accuracy of `net` over a whole dataset (book §4.5.3), `chunk` rows at a time so memory stays
 * flat; NaN for an empty set.
 */
export function evaluateAccuracy(net: Net, x: Tensor, t: Tensor, chunk = 10000): number {
  const n = x.shape[0];
  if (n === 0) return NaN;
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const stop = Math.min(start + chunk, n);
    correct +=
      accuracyOf(net.predict(sliceRows(x, start, stop), false), sliceRows(t, start, stop)) * (stop - start);
  }
  return correct / n;
}
