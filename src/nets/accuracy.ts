// Accuracy as the book computes it: argmax of the scores against the labels.
import { labelIndices } from '../functions/losses.js';
import { argmax, equal, sliceRows, sum, type Tensor } from '../tensor/index.js';

/**
 * The fraction of rows whose highest score is the label, as the book's `accuracy` methods compute
 * it (book §4.5.1, argmax against the labels); `t` is one-hot rows or integer labels.
 */
export function accuracyOf(scores: Tensor, t: Tensor): number {
  const labels = labelIndices('accuracy', scores, t);
  return sum(equal(argmax(scores, 1), labels)) / scores.shape[0];
}

/**
 * Accuracy over x in batches of `batchSize` rows (book ch07/simple_convnet.py `accuracy`), so
 * a convolutional net never holds the im2col matrix of a whole test set.
 * NOTE: the book's loop skips a last partial batch (`int(N / batch_size)` batches) yet divides
 * by N; here every row counts.
 */
export function batchedAccuracy(
  predict: (x: Tensor) => Tensor,
  x: Tensor,
  t: Tensor,
  batchSize = 100,
): number {
  const n = x.shape[0];
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`accuracy: batchSize must be a positive integer, got ${batchSize}`);
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const stop = Math.min(start + batchSize, n);
    const rows = stop - start;
    correct += Math.round(accuracyOf(predict(sliceRows(x, start, stop)), sliceRows(t, start, stop)) * rows);
  }
  return correct / n;
}
