// Loss functions (book 4.2): sum of squares and cross entropy, for one sample or a batch.
import { formatShape, log, mul, sub, sum, takeAlongRows, add, argmax, type Tensor } from '../tensor/index.js';

/** The sum of squared errors ½·Σ(y − t)² (book §4.2.1, eq. 4.1, common/functions.py `sum_squared_error`). */
export function sumSquaresError(y: Tensor, t: Tensor): number {
  const d = sub(y, t);
  return 0.5 * sum(mul(d, d));
}

/**
 * The cross-entropy error: the batch mean of −log y[t] (book §4.2.2–4.2.4, eq. 4.3, common/functions.py
 * `cross_entropy_error`), with the book's +1e-7 inside the log so that y = 0 gives a large finite loss
 * instead of infinity. `t` is one-hot (same shape as y) or integer labels (one per row). `delta = 0`
 * gives the exact loss, whose gradient is exactly (y − t)/N (gradient checks use it).
 *
 * @example
 * ```ts
 * const t = tensor([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
 * const y = tensor([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
 * crossEntropyError(y, t); // 0.5108… (book §4.2.2)
 * ```
 */
export function crossEntropyError(y: Tensor, t: Tensor, delta = 1e-7): number {
  if (y.ndim === 1) {
    t = t.shape.length === 1 && t.size === y.size ? t.reshape(1, t.size) : t.reshape(-1);
    y = y.reshape(1, y.size);
  }
  if (y.ndim !== 2) throw new Error(`crossEntropyError: y must be 1-D or 2-D, got ${formatShape(y.shape)}`);
  const labels = labelIndices('crossEntropyError', y, t);
  const batchSize = y.shape[0];
  return -sum(log(add(takeAlongRows(y, labels), delta))) / batchSize;
}

/** Integer labels (n,) from one-hot rows or from labels, checked against y (n, k). */
export function labelIndices(op: string, y: Tensor, t: Tensor): Tensor {
  // By shape, not by size as the book does, so a batch of one with one class is unambiguous.
  const sameShape = t.ndim === y.ndim && t.shape.every((d, i) => d === y.shape[i]);
  if (sameShape && (t.ndim !== 1 || y.ndim !== 1)) return argmax(t, t.ndim - 1);
  const labels = t.reshape(-1);
  if (t.ndim > 1 || labels.size !== y.shape[0]) {
    throw new Error(
      `${op}: labels ${formatShape(t.shape)} do not match predictions ${formatShape(y.shape)}: ` +
        `need ${y.shape[0]} integer labels or one-hot rows`,
    );
  }
  return labels;
}
