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

export function sum(x: Tensor): number;
export function sum(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function sum(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('sum', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

export function mean(x: Tensor): number;
export function mean(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function mean(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  if (axis === undefined) return sum(x) / x.size;
  const r = reduceAxis('sum', x, axis, keepdims);
  const n = x.shape[normalizeAxis('mean', axis, x.ndim)];
  return div(r, n, r);
}

export function max(x: Tensor): number;
export function max(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function max(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('max', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

export function min(x: Tensor): number;
export function min(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function min(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('min', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

/** Index of the first maximum; with an axis, a tensor of indices in x's dtype. */
export function argmax(x: Tensor): number;
export function argmax(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function argmax(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('argmax', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}

export function argmin(x: Tensor): number;
export function argmin(x: Tensor, axis: number, keepdims?: boolean): Tensor;
export function argmin(x: Tensor, axis?: number, keepdims = false): number | Tensor {
  const r = reduceAxis('argmin', x, axis, keepdims);
  return axis === undefined ? r.data[0] : r;
}
