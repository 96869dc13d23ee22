// Reference elementwise kernels: unary maps, broadcasting binary ops and `where`.
// Broadcasting arrives as strides (0 for a repeated axis); the output is contiguous.
import type { BinaryOp, FloatArray, UnaryOp } from '../types.js';

const unaryFns: Record<UnaryOp, (v: number) => number> = {
  neg: (v) => -v,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: (v) => (v > 0 ? 1 : v < 0 ? -1 : v),
  square: (v) => v * v,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  // NOTE: NaN must propagate as in np.maximum(0, x); `v > 0 ? v : 0` would turn it into 0.
  relu: (v) => (v > 0 || v !== v ? v : 0),
  step: (v) => (v > 0 ? 1 : 0),
};

/** The reference `Kernels.unary`: out[i] = op(x[i]). */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const f = unaryFns[op];
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
}

const binaryFns: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  // Math.max/min propagate NaN like np.maximum/np.minimum.
  maximum: Math.max,
  minimum: Math.min,
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

/**
 * Walks `shape` in row-major order, calling `inner` once per run of the last axis
 * with the starting offset of each strided operand.
 */
function forEachRow(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  inner: (offsets: number[], outOffset: number, n: number) => void,
): void {
  const nd = shape.length;
  const size = shape.reduce((p, d) => p * d, 1);
  if (size === 0) return;
  const n = nd === 0 ? 1 : shape[nd - 1];
  const index = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  const offsets = strides.map(() => 0);
  for (let outOffset = 0; outOffset < size; outOffset += n) {
    inner(offsets, outOffset, n);
    // advance the multi-index over all axes but the last
    for (let ax = nd - 2; ax >= 0; ax--) {
      index[ax]++;
      for (let s = 0; s < strides.length; s++) offsets[s] += strides[s][ax];
      if (index[ax] < shape[ax]) break;
      for (let s = 0; s < strides.length; s++) offsets[s] -= strides[s][ax] * shape[ax];
      index[ax] = 0;
    }
  }
}

/** The reference `Kernels.binary`: operands read through strides (0 broadcasts), contiguous output. */
export function binary(
  op: BinaryOp,
  shape: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
): void {
  const f = binaryFns[op];
  const nd = shape.length;
  const sa = nd === 0 ? 0 : aStrides[nd - 1];
  const sb = nd === 0 ? 0 : bStrides[nd - 1];
  forEachRow(shape, [aStrides, bStrides], (off, o, n) => {
    let ia = off[0];
    let ib = off[1];
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = f(a[ia], b[ib]);
  });
}

/** The reference `Kernels.where`: out = cond != 0 ? a : b, read through strides. */
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
  const nd = shape.length;
  const last = (s: readonly number[]): number => (nd === 0 ? 0 : s[nd - 1]);
  const [sc, sa, sb] = [last(condStrides), last(aStrides), last(bStrides)];
  forEachRow(shape, [condStrides, aStrides, bStrides], (off, o, n) => {
    let [ic, ia, ib] = off;
    for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb) {
      out[o + i] = cond[ic] !== 0 ? a[ia] : b[ib];
    }
  });
}

/** The reference `Kernels.sgdStep`: param −= lr·grad, lr·grad rounded to param's type first. */
export function sgdStep(param: FloatArray, grad: FloatArray, lr: number): void {
  // the product goes through a param-typed temporary, as `lr * grad` makes one in NumPy
  const step = param instanceof Float32Array ? new Float32Array(1) : new Float64Array(1);
  for (let i = 0; i < param.length; i++) {
    step[0] = lr * grad[i];
    param[i] = param[i] - step[0];
  }
}
