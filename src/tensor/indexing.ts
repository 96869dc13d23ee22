// Selecting rows: x[indices] (the book's x_train[batch_mask]), row slices as views,
// x[arange(n), t], and one-hot encoding of integer labels.
import { kernels, storageView } from '../kernels/index.js';
import { allocate, allocateResult, type DType } from './dtype.js';
import { formatShape, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Throws unless every index is an integer in [0, bound); the message names `op`, the index and `what` bound
 * it.
 */
export function checkIndices(op: string, indices: ArrayLike<number>, bound: number, what: string): void {
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw new Error(`${op}: index ${v} is out of bounds for ${what} ${bound}`);
    }
  }
}

/**
 * `x[indices]` along axis 0: a new tensor of the chosen rows, in the order given (the book's
 * `x_train[batch_mask]`, book §4.2.3).
 *
 * @example
 * ```ts
 * const rng = new RandomState(0);
 * const batchMask = rng.choice(60000, 100);
 * const xBatch = take(xTrain, batchMask); // (100, 784)
 * ```
 */
export function take(x: Tensor, indices: ArrayLike<number>): Tensor {
  if (x.ndim === 0) throw new Error('take: cannot index a 0-d tensor');
  checkIndices('take', indices, x.shape[0], 'axis 0 with size');
  const rowSize = sizeOf(x.shape.slice(1));
  const out = new Tensor(allocateResult(x.dtype, indices.length * rowSize), [
    indices.length,
    ...x.shape.slice(1),
  ]);
  kernels().gatherRows(x.data, rowSize, indices, out.data);
  return out;
}

/**
 * `x[start:stop]` along axis 0 as a view sharing x's data (writes show through); negative bounds count from
 * the end.
 */
export function sliceRows(x: Tensor, start: number, stop: number = x.shape[0]): Tensor {
  if (x.ndim === 0) throw new Error('sliceRows: cannot slice a 0-d tensor');
  const n = x.shape[0];
  const s = Math.min(Math.max(start < 0 ? start + n : start, 0), n);
  const e = Math.min(Math.max(stop < 0 ? stop + n : stop, s), n);
  const rowSize = sizeOf(x.shape.slice(1));
  // a view of resident storage keeps its block alive for as long as it lives
  return new Tensor(storageView(x.data, s * rowSize, e * rowSize), [e - s, ...x.shape.slice(1)]);
}

/**
 * `x[np.arange(n), t]` for a 2-D x and integer indices t (one per row): the probability of each
 * row's label, as the book's batched cross entropy reads it (book §4.2.4).
 */
export function takeAlongRows(x: Tensor, t: Tensor): Tensor {
  if (x.ndim !== 2 || t.ndim !== 1 || t.shape[0] !== x.shape[0]) {
    throw new Error(
      `takeAlongRows: shapes ${formatShape(x.shape)} and ${formatShape(t.shape)}: need (n,k) and (n,)`,
    );
  }
  checkIndices('takeAlongRows', t.data, x.shape[1], 'a row of size');
  const out = new Tensor(allocate(x.dtype, x.shape[0]), [x.shape[0]]);
  kernels().takeAlongRows(x.data, x.shape[1], t.data, out.data);
  return out;
}

/**
 * Integer labels (n,) to one-hot rows (n, classes), as the book's `_change_one_hot_label` (dataset/mnist.py).
 */
export function oneHot(labels: Tensor, classes: number, dtype: DType = labels.dtype): Tensor {
  if (labels.ndim !== 1) throw new Error(`oneHot: labels must be 1-D, got ${formatShape(labels.shape)}`);
  checkIndices('oneHot', labels.data, classes, 'classes');
  const out = new Tensor(allocate(dtype, labels.size * classes), [labels.size, classes]);
  kernels().oneHot(labels.data, classes, out.data);
  return out;
}
