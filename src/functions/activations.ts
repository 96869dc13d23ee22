// Activation functions (book ch. 3): identity, step, sigmoid, ReLU, softmax.
import { exp, max, reluMap, sigmoidMap, stepMap, sub, sum, div, type Tensor } from '../tensor/index.js';

export function identity(x: Tensor): Tensor {
  return x;
}

/** 1 where x > 0, else 0 (book 3.2.3). */
export function stepFunction(x: Tensor): Tensor {
  return stepMap(x);
}

/** 1 / (1 + exp(−x)) (book eq. 3.6). */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidMap(x);
}

/** max(0, x) (book eq. 3.7). */
export function relu(x: Tensor): Tensor {
  return reluMap(x);
}

/**
 * exp(x − max) / Σ exp(x − max), over a 1-D x or each row of a 2-D batch (book 3.5.2).
 * NOTE: subtracting the max keeps exp from overflowing ([1010, 1000, 990] stays finite).
 */
export function softmax(x: Tensor): Tensor {
  if (x.ndim !== 1 && x.ndim !== 2) {
    throw new Error(`softmax: expected a 1-D or 2-D tensor, got ${x.ndim}-D`);
  }
  const axis = x.ndim - 1;
  const e = exp(sub(x, max(x, axis, true)));
  return div(e, sum(e, axis, true), e);
}
