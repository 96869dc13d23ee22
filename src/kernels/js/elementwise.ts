// Faster elementwise loops, twin of reference/elementwise.ts: the reference calls an op
// function per element through one shared call site, which V8 cannot inline once it has
// seen several ops. Here every op gets a loop of its own, run flat for same-shape and
// scalar operands and once per row for any 2-D layout; other layouts use the reference.
import {
  binary as referenceBinary,
  unary as referenceUnary,
  where as referenceWhere,
} from '../reference/elementwise.js';
import type { BinaryOp, FloatArray, UnaryOp } from '../types.js';

type Loop = (
  a: FloatArray,
  ai: number,
  as: number,
  b: FloatArray,
  bi: number,
  bs: number,
  o: FloatArray,
  oi: number,
  n: number,
) => void;

// one function per op, so each inner loop is monomorphic in its arithmetic
const LOOPS: Record<BinaryOp, Loop> = {
  add: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] + b[bi];
  },
  sub: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] - b[bi];
  },
  mul: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] * b[bi];
  },
  div: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] / b[bi];
  },
  pow: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] ** b[bi];
  },
  maximum: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = Math.max(a[ai], b[bi]);
  },
  minimum: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = Math.min(a[ai], b[bi]);
  },
  eq: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] === b[bi] ? 1 : 0;
  },
  ne: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] !== b[bi] ? 1 : 0;
  },
  lt: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] < b[bi] ? 1 : 0;
  },
  le: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] <= b[bi] ? 1 : 0;
  },
  gt: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] > b[bi] ? 1 : 0;
  },
  ge: (a, ai, as, b, bi, bs, o, oi, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai] >= b[bi] ? 1 : 0;
  },
};

function contiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== s) return false;
    s *= shape[i];
  }
  return true;
}

const isScalar = (strides: readonly number[]): boolean => strides.every((s) => s === 0);

/** `Kernels.binary` for the `js` backend: a loop per op for flat and row layouts, else the reference. */
export function binary(
  op: BinaryOp,
  shape: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
): void {
  const loop = LOOPS[op];
  const aFlat = contiguous(shape, aStrides);
  const bFlat = contiguous(shape, bStrides);
  if ((aFlat || isScalar(aStrides)) && (bFlat || isScalar(bStrides))) {
    loop(a, 0, aFlat ? 1 : 0, b, 0, bFlat ? 1 : 0, out, 0, out.length);
    return;
  }
  // any 2-D layout (row or column broadcasts, outer products): one strided run per row
  if (shape.length === 2) {
    const [rows, cols] = shape;
    for (let r = 0; r < rows; r++)
      loop(a, r * aStrides[0], aStrides[1], b, r * bStrides[0], bStrides[1], out, r * cols, cols);
    return;
  }
  referenceBinary(op, shape, a, aStrides, b, bStrides, out);
}

/** `Kernels.where` for the `js` backend. */
export function where(
  shape: readonly number[],
  cond: FloatArray,
  condStrides: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
): void {
  const flat = (s: readonly number[]): boolean => contiguous(shape, s);
  // the ReLU backward shape: a mask and one operand of the output's layout, the other a scalar
  if (flat(condStrides) && (flat(aStrides) || isScalar(aStrides)) && (flat(bStrides) || isScalar(bStrides))) {
    const [sa, sb] = [flat(aStrides) ? 1 : 0, flat(bStrides) ? 1 : 0];
    for (let i = 0, ia = 0, ib = 0; i < out.length; i++, ia += sa, ib += sb)
      out[i] = cond[i] !== 0 ? a[ia] : b[ib];
    return;
  }
  referenceWhere(shape, cond, condStrides, a, aStrides, b, bStrides, out);
}

/** `Kernels.unary` for the `js` backend: one loop per op. */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const n = x.length;
  switch (op) {
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = v > 0 || v !== v ? v : 0;
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
      return;
    default:
      referenceUnary(op, x, out);
  }
}
