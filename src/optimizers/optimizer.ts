// The optimizer contract: update every parameter in place from the gradient under the
// same key, so any optimizer works with any net (book 6.1).
import type { Tensor } from '../tensor/index.js';

export type TensorMap = Record<string, Tensor>;

export interface Optimizer {
  update(params: TensorMap, grads: TensorMap): void;
}
