// A faster GEMM in plain JavaScript, twin of reference/gemm.ts (the definition; the
// kernel test suite checks this against it on random shapes, both dtypes, all flags).
// Transposed operands are packed first where a kernel needs rows. Two strategies, picked
// per call by measuring:
//  - sparse: when at least half of op(A) is zeros (MNIST pixels are ~80% zeros) and B
//    is all finite, skip A's zeros; skipping 0·b is exact when b is finite, so results
//    are the same as the dense loop's.
//  - dense: a 4×4 register-blocked micro-kernel for NN, the product Affine runs most.
import { addBias, gemm as referenceGemm } from '../reference/gemm.js';
import type { FloatArray, GemmArgs } from '../types.js';

function allFinite(x: FloatArray, rows: number, cols: number, ld: number): boolean {
  for (let r = 0; r < rows; r++) {
    const o = r * ld;
    for (let c = 0; c < cols; c++) if (!Number.isFinite(x[o + c])) return false;
  }
  return true;
}

/** Fraction of zeros in the rows×cols matrix stored with leading dimension ld, sampled. */
function zeroFraction(x: FloatArray, rows: number, cols: number, ld: number): number {
  const stepR = Math.max(1, Math.floor(rows / 64));
  let zeros = 0;
  let seen = 0;
  for (let r = 0; r < rows; r += stepR) {
    const o = r * ld;
    for (let c = 0; c < cols; c++) if (x[o + c] === 0) zeros++;
    seen += cols;
  }
  return seen === 0 ? 0 : zeros / seen;
}

function scaleC(c: FloatArray, m: number, n: number, ldc: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    for (let j = 0; j < n; j++) c[row + j] = beta === 0 ? 0 : beta * c[row + j];
  }
}

/**
 * C += alpha·op(A)·B, skipping zeros of A: each row of op(A) is first packed as a list of
 * (p, value) nonzeros, then 8 columns of C at a time are accumulated in locals over it.
 */
function sparseA(g: GemmArgs): void {
  const { m, n, k, alpha, a, lda, b, ldb, c, ldc, transA } = g;
  const idx = new Int32Array(k);
  const val = new Float64Array(k);
  const n8 = n - (n % 8);
  for (let i = 0; i < m; i++) {
    let nnz = 0;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[p * lda + i] : a[i * lda + p];
      if (av !== 0) {
        idx[nnz] = p * ldb;
        val[nnz++] = alpha * av;
      }
    }
    const cRow = i * ldc;
    for (let j = 0; j < n8; j += 8) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        c4 = 0,
        c5 = 0,
        c6 = 0,
        c7 = 0;
      for (let q = 0; q < nnz; q++) {
        const v = val[q];
        const bp = idx[q] + j;
        c0 += v * b[bp];
        c1 += v * b[bp + 1];
        c2 += v * b[bp + 2];
        c3 += v * b[bp + 3];
        c4 += v * b[bp + 4];
        c5 += v * b[bp + 5];
        c6 += v * b[bp + 6];
        c7 += v * b[bp + 7];
      }
      const o = cRow + j;
      c[o] += c0;
      c[o + 1] += c1;
      c[o + 2] += c2;
      c[o + 3] += c3;
      c[o + 4] += c4;
      c[o + 5] += c5;
      c[o + 6] += c6;
      c[o + 7] += c7;
    }
    for (let j = n8; j < n; j++) {
      let s = 0;
      for (let q = 0; q < nnz; q++) s += val[q] * b[idx[q] + j];
      c[cRow + j] += s;
    }
  }
}

/** C += alpha·A·B for row-major A (m×k) and B (k×n), 4×4 blocks held in locals. */
function denseNN(g: GemmArgs): void {
  const { m, n, k, alpha, a, lda, b, ldb, c, ldc } = g;
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * lda;
    const a1 = a0 + lda;
    const a2 = a1 + lda;
    const a3 = a2 + lda;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += ldb) {
        const b0 = b[bp],
          b1 = b[bp + 1],
          b2 = b[bp + 2],
          b3 = b[bp + 3];
        const x0 = a[a0 + p],
          x1 = a[a1 + p],
          x2 = a[a2 + p],
          x3 = a[a3 + p];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      let o = i * ldc + j;
      c[o] += alpha * c00;
      c[o + 1] += alpha * c01;
      c[o + 2] += alpha * c02;
      c[o + 3] += alpha * c03;
      o += ldc;
      c[o] += alpha * c10;
      c[o + 1] += alpha * c11;
      c[o + 2] += alpha * c12;
      c[o + 3] += alpha * c13;
      o += ldc;
      c[o] += alpha * c20;
      c[o + 1] += alpha * c21;
      c[o + 2] += alpha * c22;
      c[o + 3] += alpha * c23;
      o += ldc;
      c[o] += alpha * c30;
      c[o + 1] += alpha * c31;
      c[o + 2] += alpha * c32;
      c[o + 3] += alpha * c33;
    }
  }
  // edges: the remaining columns of the blocked rows, then the remaining rows
  for (let i = 0; i < m; i++) {
    const j0 = i < m4 ? n4 : 0;
    if (j0 === n) continue;
    const aRow = i * lda;
    for (let j = j0; j < n; j++) {
      let s = 0;
      for (let p = 0, bp = j; p < k; p++, bp += ldb) s += a[aRow + p] * b[bp];
      c[i * ldc + j] += alpha * s;
    }
  }
}

/** A packed copy of xᵀ, for x stored rows×cols with leading dimension ld. */
function transposed(x: FloatArray, rows: number, cols: number, ld: number): FloatArray {
  const t = x instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = r * ld;
    for (let c = 0; c < cols; c++) t[c * rows + r] = x[row + c];
  }
  return t;
}

/** `Kernels.gemm` for the `js` backend: the dense or the zero-skipping strategy, picked per call. */
export function gemm(g: GemmArgs): void {
  const { m, n, k, transA, transB } = g;
  if (g.bias) {
    gemm({ ...g, bias: undefined });
    addBias(g.c, m, n, g.ldc, g.bias);
    return;
  }
  if ((transA && transB) || m * n * k < 4096) {
    referenceGemm(g);
    return;
  }
  if (transB) {
    // dout·Wᵀ: copy Bᵀ once (k·n elements, small next to the m·n·k product) and run NN
    gemm({ ...g, transB: false, b: transposed(g.b, n, k, g.ldb), ldb: n });
    return;
  }
  scaleC(g.c, m, n, g.ldc, g.beta);
  if (k === 0 || g.alpha === 0) return;
  const [aRows, aCols] = transA ? [k, m] : [m, k];
  if (zeroFraction(g.a, aRows, aCols, g.lda) >= 0.5 && allFinite(g.b, k, n, g.ldb)) sparseA(g);
  // NOTE: the dense path must not skip zeros (0·Inf is NaN), so Aᵀ is packed for it
  else denseNN(transA ? { ...g, transA: false, a: transposed(g.a, k, m, g.lda), lda: k } : g);
}
