// The contract every network meets, so one Trainer and any optimizer work with all of them.
import type { Params } from '../layers/index.js';
import type { DType, Tensor } from '../tensor/index.js';

/**
 * The contract every network meets (the book's nets all have `params`, `predict`, `loss`,
 * `accuracy`, `gradient` and `numerical_gradient`), so one {@link Trainer} and any optimizer work with all
 * of them: `gradient` returns its gradients under the same keys as `params`.
 */
export interface Net {
  /** Trainable tensors under the book's keys (W1, b1, …); optimizers update them in place. */
  readonly params: Params;
  /** The dtype of every parameter; inputs are expected in it too. */
  readonly dtype: DType;
  /** Class scores (before softmax) for a batch. */
  predict(x: Tensor, train?: boolean): Tensor;
  /** Mean loss over the batch; `t` is one-hot or integer labels. */
  loss(x: Tensor, t: Tensor, train?: boolean): number;
  /** Fraction of rows whose top score is the label. */
  accuracy(x: Tensor, t: Tensor): number;
  /** Gradients by backpropagation, under the keys of `params`. */
  gradient(x: Tensor, t: Tensor): Params;
  /** Gradients by central differences (slow; for checking `gradient`). */
  numericalGradient(x: Tensor, t: Tensor): Params;
}
