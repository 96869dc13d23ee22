// Reductions with NumPy's signatures: over all elements (a number) or one axis (a tensor,
// optionally with keepdims). Sums over a contiguous run use NumPy's pairwise summation.
import { kernels, type ArgReduceOp, type ReduceOp } from '../kernels/index.js';
import { allocate } from './dtype.js';
import { div } from './elementwise.js';
import { normalizeAxis, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

function reduceAxis(
  op: ReduceOp | ArgReduceOp,
  x: Tensor,
  axis: number | undefined,
  keepdims: boolean,
): Tensor {
  const ax = axis === undefined ? -1 : normalizeAxis(op, axis, x.ndim);
  const len = ax < 0 ? x.size : x.shape[ax];
  if (len === 0 && op !== 'sum') {
    throw new Error(`${op}: zero-size array to reduction operation ${op} which has no identity`);
  }
  const outer = ax < 0 ? 1 : sizeOf(x.shape.slice(0, ax));
  const inner = ax < 0 ? 1 : sizeOf(x.shape.slice(ax + 1));
  let shape: number[];
  if (ax < 0) shape = keepdims ? x.shape.map(() => 1) : [];
  else shape = keepdims ? x.shape.map((d, i) => (i === ax ? 1 : d)) : x.shape.filter((_, i) => i !== ax);
  const out = new Tensor(allocate(x.dtype, outer * inner), shape);
  const k = kernels();
  if (op === 'argmax' || op === 'argmin') k.argReduce(op, x.data, outer, len, inner, out.data);
  else k.reduce(op, x.data, outer, len, inner, out.data);
  return out;
}

/**
 * `np.sum(x)`: the sum of all elements, as a number (NumPy's pairwise summation over contiguous runs).
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * sum(x); // 21
 * sum(x, 0).toArray(); // [5, 7, 9]
 * sum(x, 1, true).shape; // [2, 1]
 * ```
 */
export function sum(x: Tensor): number;
/**
 * `np.sum(x, axis, keepdims)`: sums along one axis (negative counts from the end), as a tensor;
 * `keepdims` keeps that axis with size 1 so the result broadcasts against `x`.
 */
export function sum(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function sum(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('sum', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

/** `np.mean(x)`: the mean of all elements, as a number. */
export function mean(x: Tensor): number;
/**
 * `np.mean(x, axis, keepdims)`: means along one axis, as a tensor (the batch mean in {@link
 * BatchNormalization}).
 */
export function mean(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function mean(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  if (axis === undefined) return sum(x) / x.size;
  const r = reduceAxis('sum', x, axis, keepdims);
  const n = x.shape[normalizeAxis('mean', axis, x.ndim)];
  return div(r, n, r);
}

/** `np.max(x)`: the largest element, as a number; throws on an empty tensor. */
export function max(x: Tensor): number;
/**
 * `np.max(x, axis, keepdims)`: maxima along one axis, as a tensor (softmax subtracts the row maxima, book
 * §3.5.2).
 */
export function max(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function max(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('max', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

/** `np.min(x)`: the smallest element, as a number; throws on an empty tensor. */
export function min(x: Tensor): number;
/** `np.min(x, axis, keepdims)`: minima along one axis, as a tensor. */
export function min(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function min(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('min', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

/**
 * `np.argmax(x)`: the flat index of the first maximum, as a number.
 *
 * @example
 * ```ts
 * const y = tensor([[0.1, 0.8, 0.1], [0.3, 0.1, 0.6]]);
 * argmax(y, 1).toArray(); // [1, 2]: the predicted classes (book §3.6.2)
 * ```
 */
export function argmax(x: Tensor): number;
/**
 * `np.argmax(x, axis, keepdims)`: the index of the first maximum along one axis, as a tensor in x's dtype
 * (the predicted class per row, book §3.6.2).
 */
export function argmax(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function argmax(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('argmax', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

/** `np.argmin(x)`: the flat index of the first minimum, as a number. */
export function argmin(x: Tensor): number;
/**
 * `np.argmin(x, axis, keepdims)`: the index of the first minimum along one axis, as a tensor in x's dtype.
 */
export function argmin(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function argmin(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('argmin', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}
