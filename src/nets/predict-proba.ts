// Class probabilities from any net: the softmax (book section 3.5) of its scores.
import { softmax } from '../functions/index.js';
import type { Tensor } from '../tensor/index.js';
import type { Net } from './net.js';

/**
 * Class probabilities for a batch: the softmax (book section 3.5) of `net.predict(x)`,
 * whose rows sum to 1. `predict` gives scores, which is all `argmax` needs; this is for
 * showing how sure the net is.
 *
 * @param x - a batch of inputs (N×784 for the MNIST nets), or one row
 * @example
 * ```ts
 * const probs = predictProba(net, sliceRows(xTest, 0, 1)); // 1×10, sums to 1
 * ```
 */
export function predictProba(net: Pick<Net, 'predict'>, x: Tensor): Tensor {
  return softmax(net.predict(x, false));
}
