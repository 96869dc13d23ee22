// Activation functions (book ch. 3): identity, step, sigmoid, ReLU, softmax.
import { exp, max, reluMap, sigmoidMap, stepMap, sub, sum, div, type Tensor } from '../tensor/index.js';

/**
 * The identity function, the output activation for regression (book §3.4.3, `identity_function`): returns `x`
 * itself.
 */
export function identity(x: Tensor): Tensor {
  return x;
}

/** The step function: 1 where x > 0, else 0 (book §3.2.3, common/functions.py `step_function`). */
export function stepFunction(x: Tensor): Tensor {
  return stepMap(x);
}

/**
 * The sigmoid 1 / (1 + exp(−x)) (book §3.2.4, eq. 3.6, common/functions.py `sigmoid`).
 *
 * @example
 * ```ts
 * sigmoid(tensor([-1.0, 1.0, 2.0])).toArray(); // [0.2689…, 0.7310…, 0.8807…]
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidMap(x);
}

/** ReLU, max(0, x) (book §3.2.7, eq. 3.7, common/functions.py `relu`). */
export function relu(x: Tensor): Tensor {
  return reluMap(x);
}

/**
 * Softmax exp(x − max) / Σ exp(x − max), over a 1-D x or each row of a 2-D batch (book §3.5.2,
 * common/functions.py `softmax`).
 * NOTE: subtracting the max keeps exp from overflowing ([1010, 1000, 990] stays finite).
 *
 * @example
 * ```ts
 * softmax(tensor([0.3, 2.9, 4.0])).toArray(); // [0.0182…, 0.2451…, 0.7365…] (book §3.5.1)
 * ```
 */
export function softmax(x: Tensor): Tensor {
  if (x.ndim !== 1 && x.ndim !== 2) {
    throw new Error(`softmax: expected a 1-D or 2-D tensor, got ${x.ndim}-D`);
  }
  const axis = x.ndim - 1;
  const e = exp(sub(x, max(x, axis, true)));
  return div(e, sum(e, axis, true), e);
}
