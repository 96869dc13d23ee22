// Accuracy as the book computes it: argmax of the scores against the labels.
import { labelIndices } from '../functions/losses.js';
import { argmax, equal, sum, type Tensor } from '../tensor/index.js';

export function accuracyOf(scores: Tensor, t: Tensor): number {
  const labels = labelIndices('accuracy', scores, t);
  return sum(equal(argmax(scores, 1), labels)) / scores.shape[0];
}
