// gradientCheck (book ch05/gradient_check.py): backprop against central differences,
// key by key, with the book's mean absolute difference and a max relative error.
import { abs, mean, sub, type Tensor } from '../tensor/index.js';
import type { Net } from './net.js';

/** How backprop's and central differences' gradients of one parameter compare (see {@link gradientCheck}). */
export interface KeyCheck {
  /** mean |backprop − numerical|, the number the book prints */
  meanAbsDiff: number;
  /** max over elements of |a − b| / max(|a|, |b|, floor) */
  maxRelError: number;
  /** flat index of the worst element, with both values there */
  worstIndex: number;
  /** Backprop's value at `worstIndex`. */
  backprop: number;
  /** The numerical value at `worstIndex`. */
  numerical: number;
}

/**
 * Compares two gradients of one parameter element by element: the book's mean absolute difference
 * and the worst relative error.
 *
 * The central difference itself is only good to about 1e-11 absolute for a loss near 1
 * (truncation h²·f'''/6 ≈ 1e-11 at h = 1e-4, rounding ε·|L|/h ≈ 1e-12), so gradients
 * smaller than `floor` are judged by their absolute difference relative to `floor`:
 * with floor 1e-4, a relative error of 1e-6 there means an absolute one of 1e-10.
 */
export function compareGradients(backprop: Tensor, numerical: Tensor, floor = 1e-4): KeyCheck {
  let worstIndex = 0;
  let maxRelError = 0;
  for (let i = 0; i < backprop.size; i++) {
    const [a, b] = [backprop.data[i], numerical.data[i]];
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
    if (!(rel <= maxRelError)) [maxRelError, worstIndex] = [rel, i];
  }
  return {
    meanAbsDiff: mean(abs(sub(backprop, numerical))),
    maxRelError,
    worstIndex,
    backprop: backprop.data[worstIndex],
    numerical: numerical.data[worstIndex],
  };
}

/**
 * The gradient check (book §5.7.3, ch05/gradient_check.py): `net.gradient` against
 * `net.numericalGradient` on one batch, key by key. Run it in float64: at h = 1e-4, float32's
 * rounding swamps the difference quotient.
 *
 * @example
 * ```ts
 * const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: new RandomState(0) });
 * const checks = gradientCheck(net, sliceRows(xTrain, 0, 3), sliceRows(tTrain, 0, 3));
 * checks.W1.meanAbsDiff; // 4.6e-10, the number the book prints per key (its run: 4.3e-10)
 * ```
 */
export function gradientCheck(net: Net, x: Tensor, t: Tensor): Record<string, KeyCheck> {
  const numerical = net.numericalGradient(x, t);
  const backprop = net.gradient(x, t);
  const out: Record<string, KeyCheck> = {};
  for (const key of Object.keys(net.params)) out[key] = compareGradients(backprop[key], numerical[key]);
  return out;
}
