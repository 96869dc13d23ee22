// Reference GEMM: the definition every fast backend is tested against.
// Loop orders are chosen so the innermost loop walks memory contiguously where the
// layout allows it (i-p-j for NN and TN, a dot product over p for NT).
import type { FloatArray, GemmArgs } from '../types.js';

/** The reference `Kernels.gemm`: plain loops, the definition every fast GEMM is tested against. */
export function gemm(g: GemmArgs): void {
  product(g);
  if (g.bias) addBias(g.c, g.m, g.n, g.ldc, g.bias);
}

/** C[i, j] += bias[j], after C is stored: the same roundings as a separate `add`. */
export function addBias(c: FloatArray, m: number, n: number, ldc: number, bias: FloatArray): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) c[i * ldc + j] += bias[j];
  }
}

function product(g: GemmArgs): void {
  const { m, n, k, alpha, a, lda, b, ldb, beta, c, ldc } = g;
  // BLAS semantics: beta = 0 means C is write-only, so NaN in C must not leak through.
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    for (let j = 0; j < n; j++) c[row + j] = beta === 0 ? 0 : beta * c[row + j];
  }
  if (k === 0 || alpha === 0) return;

  if (!g.transA && !g.transB) {
    for (let i = 0; i < m; i++) {
      const cRow = i * ldc;
      for (let p = 0; p < k; p++) {
        const aip = alpha * a[i * lda + p];
        const bRow = p * ldb;
        for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
      }
    }
  } else if (g.transA && !g.transB) {
    // A is stored k×m: C[i, :] += A[p, i] · B[p, :]
    for (let p = 0; p < k; p++) {
      const aRow = p * lda;
      const bRow = p * ldb;
      for (let i = 0; i < m; i++) {
        const api = alpha * a[aRow + i];
        const cRow = i * ldc;
        for (let j = 0; j < n; j++) c[cRow + j] += api * b[bRow + j];
      }
    }
  } else if (!g.transA && g.transB) {
    // B is stored n×k: C[i, j] = A[i, :] · B[j, :]
    for (let i = 0; i < m; i++) {
      const aRow = i * lda;
      const cRow = i * ldc;
      for (let j = 0; j < n; j++) {
        const bRow = j * ldb;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[aRow + p] * b[bRow + p];
        c[cRow + j] += alpha * s;
      }
    }
  } else {
    // A stored k×m, B stored n×k
    for (let i = 0; i < m; i++) {
      const cRow = i * ldc;
      for (let j = 0; j < n; j++) {
        const bRow = j * ldb;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[p * lda + i] * b[bRow + p];
        c[cRow + j] += alpha * s;
      }
    }
  }
}
