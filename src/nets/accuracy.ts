// Accuracy as the book computes it: argmax of the scores against the labels.
import { labelIndices } from '../functions/losses.js';
import { argmax, equal, sum, type Tensor } from '../tensor/index.js';

/**
 * The fraction of rows whose highest score is the label, as the book's `accuracy` methods compute
 * it (book §4.5.1, argmax against the labels); `t` is one-hot rows or integer labels.
 */
export function accuracyOf(scores: Tensor, t: Tensor): number {
  const labels = labelIndices('accuracy', scores, t);
  return sum(equal(argmax(scores, 1), labels)) / scores.shape[0];
}
