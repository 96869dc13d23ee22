// Reference Convolution forward and backward: the book's im2col + matrix products
// (common/layers.py Convolution), one element at a time, with col and dcol written out.
import type { ConvGeometry, FloatArray } from '../types.js';
import { col2im, im2col } from './im2col.js';

const like = (x: FloatArray, n: number): FloatArray =>
  x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);

/** The reference `Kernels.convForward`: col = im2col(x); out[b, f, p] = Σ_q col[b·P + p, q]·W[f, q] + b[f]. */
export function convForward(
  x: FloatArray,
  W: FloatArray,
  b: FloatArray,
  g: ConvGeometry,
  fn: number,
  out: FloatArray,
): void {
  const k = g.c * g.fh * g.fw;
  const p = g.outH * g.outW;
  const col = like(out, g.n * p * k);
  im2col(x, g, col);
  for (let n = 0; n < g.n; n++)
    for (let f = 0; f < fn; f++)
      for (let j = 0; j < p; j++) {
        const row = (n * p + j) * k;
        let s = 0;
        for (let q = 0; q < k; q++) s += col[row + q] * W[f * k + q];
        // NOTE: the book's np.dot(col, col_W) + self.b: the sum first, rounded, then b
        out[(n * fn + f) * p + j] = round(out, s) + b[f];
      }
}

/** The reference `Kernels.convBackward`: dW = (colᵀ·dout)ᵀ, db = Σ dout, dx = col2im(dout·W). */
export function convBackward(
  x: FloatArray,
  W: FloatArray,
  dout: FloatArray,
  g: ConvGeometry,
  fn: number,
  dW: FloatArray,
  db: FloatArray,
  dx: FloatArray | null,
): void {
  const k = g.c * g.fh * g.fw;
  const p = g.outH * g.outW;
  const col = like(dout, g.n * p * k);
  im2col(x, g, col);
  // dout as the book's dout.transpose(0, 2, 3, 1).reshape(-1, FN): row n·P + j, column f
  const d = (n: number, j: number, f: number): number => dout[(n * fn + f) * p + j];
  for (let f = 0; f < fn; f++) {
    let s = 0;
    for (let n = 0; n < g.n; n++) for (let j = 0; j < p; j++) s += d(n, j, f);
    db[f] = s;
    for (let q = 0; q < k; q++) {
      let t = 0;
      for (let n = 0; n < g.n; n++) for (let j = 0; j < p; j++) t += col[(n * p + j) * k + q] * d(n, j, f);
      dW[f * k + q] = t;
    }
  }
  if (!dx) return;
  const dcol = like(dout, g.n * p * k);
  for (let n = 0; n < g.n; n++)
    for (let j = 0; j < p; j++)
      for (let q = 0; q < k; q++) {
        let s = 0;
        for (let f = 0; f < fn; f++) s += d(n, j, f) * W[f * k + q];
        dcol[(n * p + j) * k + q] = s;
      }
  col2im(dcol, g, dx);
}

/** s rounded to out's element type. */
const round = (out: FloatArray, s: number): number => (out instanceof Float32Array ? Math.fround(s) : s);
