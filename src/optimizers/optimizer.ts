// The optimizer contract: update every parameter in place from the gradient under the
// same key, so any optimizer works with any net (book 6.1).
import type { Tensor } from '../tensor/index.js';

/** Tensors by key: a net's `params`, its `grads`, an optimizer's per-parameter state. */
export type TensorMap = Record<string, Tensor>;

/**
 * The optimizer contract (book §6.1, common/optimizer.py): `update` changes every parameter in place
 * from the gradient under the same key, so any optimizer works with any net.
 */
export interface Optimizer {
  /** One step: updates each of `params` in place from `grads[key]`; throws if a key has no gradient. */
  update(params: TensorMap, grads: TensorMap): void;
}
