// Faster elementwise loops, twin of reference/elementwise.ts: the reference calls an op
// function per element through one shared call site, which V8 cannot inline once it has
// seen several ops. Here the common ops get a loop of their own for the common layouts
// (same shape, a scalar, a row broadcast over a matrix); everything else is the reference.
import { binary as referenceBinary, unary as referenceUnary } from '../reference/elementwise.js';
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
const LOOPS: Partial<Record<BinaryOp, Loop>> = {
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
  const size = out.length;
  if (loop) {
    const aFlat = contiguous(shape, aStrides);
    const bFlat = contiguous(shape, bStrides);
    if ((aFlat || isScalar(aStrides)) && (bFlat || isScalar(bStrides))) {
      loop(a, 0, aFlat ? 1 : 0, b, 0, bFlat ? 1 : 0, out, 0, size);
      return;
    }
    // a matrix with a row vector broadcast down it (bias add, per-column statistics)
    if (shape.length === 2) {
      const [rows, cols] = shape;
      const rowA = aFlat ? cols : 0;
      const rowB = bFlat ? cols : 0;
      const ca = aStrides[1];
      const cb = bStrides[1];
      if ((aFlat || (aStrides[0] === 0 && ca === 1)) && (bFlat || (bStrides[0] === 0 && cb === 1))) {
        for (let r = 0; r < rows; r++) loop(a, r * rowA, 1, b, r * rowB, 1, out, r * cols, cols);
        return;
      }
    }
  }
  referenceBinary(op, shape, a, aStrides, b, bStrides, out);
}

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
