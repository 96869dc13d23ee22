// GEMM on the WebAssembly kernels: operands are packed into the module's memory (with
// transposes undone on the way in), the product is scaled out by alpha and beta.
import { gemm as referenceGemm } from '../reference/gemm.js';
import type { FloatArray, GemmArgs } from '../types.js';
import { heap, layout, wasm } from './module.js';
import { GemmKernel, gemmOnThreads, maxThreads } from './pool.js';

// At half zeros and more, skipping them beats the dense kernel (bench/gemm.ts).
const SPARSE_THRESHOLD = 0.5;

/**
 * Stages op(X) (rows×cols, X stored with leading dimension ld) packed at byte address
 * `at`; a transposed X is copied as stored to `spare` and transposed there by the module.
 */
function stage(
  at: number,
  spare: number,
  x: FloatArray,
  ld: number,
  rows: number,
  cols: number,
  trans: boolean,
): void {
  const view = heap(x);
  const size = view.BYTES_PER_ELEMENT;
  // as stored: rows×cols, or cols×rows when transposed
  const [sr, sc] = trans ? [cols, rows] : [rows, cols];
  const to = trans ? spare : at;
  if (ld === sc) view.set(sr * sc === x.length ? x : x.subarray(0, sr * sc), to / size);
  else for (let r = 0; r < sr; r++) view.set(x.subarray(r * ld, r * ld + sc), to / size + r * sc);
  if (trans) (size === 4 ? wasm!.transposeF32 : wasm!.transposeF64)(spare, rows, cols, at);
}

export function gemm(g: GemmArgs): void {
  const { m, n, k, alpha, beta, c, ldc } = g;
  const f32 = c instanceof Float32Array && g.a instanceof Float32Array && g.b instanceof Float32Array;
  const f64 = c instanceof Float64Array && g.a instanceof Float64Array && g.b instanceof Float64Array;
  if (m * n * k < 4096 || k === 0 || !(f32 || f64)) {
    referenceGemm(g);
    return;
  }
  const w = wasm!;
  const size = f32 ? 4 : 8;
  // A, B, C (the sparse kernel reads up to 3 elements past B: C must follow it), a spare
  // region for transposing, then the sparse kernel's scratch: k row
  // offsets (i32) and k values
  const spare = g.transA || g.transB ? Math.max(m * k, k * n) : 0;
  const threads = maxThreads();
  const scratchBytes = w.sparseScratchBytes(k, size);
  const panelElements = w.panelBytes(k, n, size) / size;
  // A, B, C, a spare region (transposes are staged there, then B's panels), then each
  // thread's scratch for the sparse kernel
  const [aAt, bAt, cAt, spareAt, scratch] = layout(
    size,
    [m * k, k * n, m * n, Math.max(spare, panelElements)],
    scratchBytes * threads,
  );
  stage(aAt, spareAt, g.a, g.lda, m, k, g.transA);
  stage(bAt, spareAt, g.b, g.ldb, k, n, g.transB);
  const zeros = f32 ? w.countZerosF32(aAt, m * k) : w.countZerosF64(aAt, m * k);
  const sparse =
    zeros >= SPARSE_THRESHOLD * m * k &&
    (f32 ? w.allFiniteF32(bAt, k * n) : w.allFiniteF64(bAt, k * n)) === 1;
  if (sparse) {
    (f32 ? w.packPanelsF32 : w.packPanelsF64)(bAt, k, n, spareAt);
    const [op, run] = f32 ? [GemmKernel.SparseF32, w.gemmSparseF32] : [GemmKernel.SparseF64, w.gemmSparseF64];
    gemmOnThreads(op, run, aAt, spareAt, cAt, m, n, k, scratch, scratchBytes);
  } else {
    const [op, run] = f32 ? [GemmKernel.DenseF32, w.gemmF32] : [GemmKernel.DenseF64, w.gemmF64];
    gemmOnThreads(op, run, aAt, bAt, cAt, m, n, k, scratch, scratchBytes);
  }
  const view = heap(c);
  const from = cAt / size;
  if (beta === 0 && alpha === 1 && ldc === n) {
    c.set(view.subarray(from, from + m * n));
    return;
  }
  for (let i = 0; i < m; i++) {
    const [o, r] = [i * ldc, from + i * n];
    if (beta === 0 && alpha === 1) c.set(view.subarray(r, r + n), o);
    else for (let j = 0; j < n; j++) c[o + j] = alpha * view[r + j] + (beta === 0 ? 0 : beta * c[o + j]);
  }
}
