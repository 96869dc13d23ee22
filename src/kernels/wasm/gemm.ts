// GEMM on the WebAssembly kernels. B is staged once (transposed on the way in if need be);
// A goes through the module's memory in blocks of rows, so staging stays a few MB however
// tall A is (an evaluation over 10,000 images), and each block's product is scaled out
// by alpha and beta. Operands resident in the module's memory (resident.ts) are read where
// they are, and a resident C is written in place: nothing of them is copied. Each block picks the dense or the zero-skipping kernel by counting
// (a sample of) its zeros; both give the same results when B is finite, so blocking
// changes nothing.
import { addBias, gemm as referenceGemm } from '../reference/gemm.js';
import type { FloatArray, GemmArgs } from '../types.js';
import { addRowInModule } from './elementwise.js';
import { heap, layout, sameType, wasm } from './module.js';
import { GemmKernel, gemmOnThreads, maxThreads, wouldSplit } from './pool.js';
import { overlap, residentAddress } from './resident.js';

// At half zeros and more, skip them (chosen for the earlier kernels; bench/gemm.ts measures
// dense and 80%-zero operands, not where the two kernels cross over now).
const SPARSE_THRESHOLD = 0.5;
// elements of A staged at a time (4 MB in float32)
const BLOCK_ELEMENTS = 1 << 20;

// The choice between the kernels decides only speed (with B finite both give the same
// bits), so it looks at every SAMPLE-th row of a block rather than all of it.
const SAMPLE = 8;

function mostlyZeros(at: number, rows: number, k: number, f32: boolean): boolean {
  const w = wasm!;
  const size = f32 ? 4 : 8;
  let [zeros, seen] = [0, 0];
  for (let r = 0; r < rows; r += SAMPLE) {
    zeros += f32 ? w.countZerosF32(at + r * k * size, k) : w.countZerosF64(at + r * k * size, k);
    seen += k;
  }
  return zeros >= SPARSE_THRESHOLD * seen;
}

/**
 * Stages rows [r0, r0 + rows) of op(X) (op(X) has `cols` columns; X is stored with leading
 * dimension ld) packed at byte address `at`, and returns where they are: X's own address
 * when X is resident and those rows are contiguous in it (nothing copied). A transposed X
 * is copied as stored to `spare` (unless resident) and transposed from there by the module.
 */
function stageRows(
  at: number,
  spare: number,
  x: FloatArray,
  ld: number,
  r0: number,
  rows: number,
  cols: number,
  trans: boolean,
): number {
  const view = heap(x);
  const size = view.BYTES_PER_ELEMENT;
  const resident = residentAddress(x);
  if (!trans) {
    const from = r0 * ld;
    if (resident >= 0 && ld === cols) return resident + from * size;
    if (ld === cols) view.set(x.subarray(from, from + rows * cols), at / size);
    else
      for (let r = 0; r < rows; r++)
        view.set(x.subarray(from + r * ld, from + r * ld + cols), at / size + r * cols);
    return at;
  }
  // op(X) rows r0… are X's columns r0…: from each of X's `cols` rows take `rows` elements
  const whole = r0 === 0 && ld === rows;
  let source = spare;
  if (whole && resident >= 0) source = resident;
  else if (whole) view.set(x.subarray(0, cols * rows), spare / size);
  else
    for (let p = 0; p < cols; p++)
      view.set(x.subarray(p * ld + r0, p * ld + r0 + rows), spare / size + p * rows);
  (size === 4 ? wasm!.transposeF32 : wasm!.transposeF64)(source, rows, cols, at);
  return at;
}

/**
 * `Kernels.gemm` on the WebAssembly kernels: B staged once, A in blocks of rows, each block dense or
 * zero-skipping.
 */
export function gemm(g: GemmArgs): void {
  const { m, n, k, alpha, beta, c, ldc } = g;
  const f32 = c instanceof Float32Array && g.a instanceof Float32Array && g.b instanceof Float32Array;
  const f64 = c instanceof Float64Array && g.a instanceof Float64Array && g.b instanceof Float64Array;
  if (g.bias && !sameType(g.bias, c)) {
    gemm({ ...g, bias: undefined });
    addBias(c, m, n, ldc, g.bias);
    return;
  }
  if (m * n * k < 4096 || k === 0 || !(f32 || f64)) {
    referenceGemm(g);
    return;
  }
  // a bias (of C's type) is added in the module to each block before it is copied out;
  // with alpha or beta it must come after them, in the copy-out
  const bias = g.bias;
  const biasInModule = bias !== undefined && alpha === 1 && beta === 0;
  const w = wasm!;
  const size = f32 ? 4 : 8;
  const block = Math.min(m, Math.max(4, Math.floor(BLOCK_ELEMENTS / k / 4) * 4));
  // A copied from JavaScript memory in several blocks, each product split: the calling thread
  // copies the next block while the workers start on this one (two staging areas)
  const pipelined = !g.transA && residentAddress(g.a) < 0 && m > block && wouldSplit(block, block * n * k);
  const scratchBytes = Math.max(w.sparseScratchBytes(k, size), w.denseScratchBytes(k, size));
  // A block (two if overlapping), B, C block, a region for transposing (B's, then each A
  // block's), B packed for the dense kernel and for the sparse one (each packed when a block
  // first needs it), then each thread's scratch
  const [aAt, bAt, cAt, spareAt, panelsAt, wideAt, biasAt, nextAt, scratch] = layout(
    size,
    [
      block * k,
      k * n,
      block * n,
      Math.max(g.transA ? block * k : 0, g.transB ? k * n : 0),
      w.panelBytes(k, n, size) / size,
      w.widePanelBytes(k, n, size) / size,
      biasInModule ? n : 0,
      pipelined ? block * k : 0,
    ],
    scratchBytes * maxThreads(),
  );
  const b = stageRows(bAt, spareAt, g.b, g.ldb, 0, k, n, g.transB);
  // the bias where it is if resident, else staged
  let biasFrom = biasInModule ? residentAddress(bias) : -1;
  if (biasInModule && biasFrom < 0) {
    heap(c).set(bias, biasAt / size);
    biasFrom = biasAt;
  }
  // a resident C that only receives the product is written in place (unless it shares
  // memory with A or B, which the kernel reads while it writes C)
  const cResident = residentAddress(c);
  const cInPlace =
    cResident >= 0 && alpha === 1 && beta === 0 && ldc === n && !overlap(c, g.a) && !overlap(c, g.b);
  let packed = false;
  // B packed for the sparse kernel: null until a block needs it, then whether B is finite
  let finite: boolean | null = null;
  // block j of A staged (in the second area when pipelined and j is odd); `staged`: the block
  // staged while the previous one was multiplied, if any
  const stageBlock = (j: number): number => {
    const i0 = j * block;
    const at = pipelined && j % 2 === 1 ? nextAt : aAt;
    return stageRows(at, spareAt, g.a, g.lda, i0, Math.min(block, m - i0), k, g.transA);
  };
  let staged = -1;
  for (let i0 = 0, j = 0; i0 < m; i0 += block, j++) {
    const rows = Math.min(block, m - i0);
    const a = staged >= 0 ? staged : stageBlock(j);
    staged = -1;
    const meanwhile = pipelined && i0 + block < m ? () => (staged = stageBlock(j + 1)) : undefined;
    const cBlock = cInPlace ? cResident + i0 * n * size : cAt;
    const sparse =
      mostlyZeros(a, rows, k, f32) &&
      (finite ??= (f32 ? w.packWideF32 : w.packWideF64)(b, k, n, wideAt) === 1);
    if (sparse) {
      const [op, run] = f32
        ? [GemmKernel.SparseF32, w.gemmSparseF32]
        : [GemmKernel.SparseF64, w.gemmSparseF64];
      gemmOnThreads(
        op,
        run,
        a,
        wideAt,
        cBlock,
        rows,
        n,
        k,
        scratch,
        scratchBytes,
        4,
        rows * n * k,
        meanwhile,
      );
    } else {
      if (!packed) (f32 ? w.packPanelsF32 : w.packPanelsF64)(b, k, n, panelsAt);
      packed = true;
      const [op, run] = f32 ? [GemmKernel.DenseF32, w.gemmF32] : [GemmKernel.DenseF64, w.gemmF64];
      gemmOnThreads(
        op,
        run,
        a,
        panelsAt,
        cBlock,
        rows,
        n,
        k,
        scratch,
        scratchBytes,
        4,
        rows * n * k,
        meanwhile,
      );
    }
    if (biasInModule) addRowInModule(f32, rows, n, cBlock, biasFrom);
    if (cInPlace) continue;
    const view = heap(c);
    const from = cAt / size;
    if (beta === 0 && alpha === 1 && ldc === n) {
      c.set(view.subarray(from, from + rows * n), i0 * n);
      continue;
    }
    for (let i = 0; i < rows; i++) {
      const [o, r] = [(i0 + i) * ldc, from + i * n];
      if (beta === 0 && alpha === 1) c.set(view.subarray(r, r + n), o);
      else for (let j = 0; j < n; j++) c[o + j] = alpha * view[r + j] + (beta === 0 ? 0 : beta * c[o + j]);
    }
  }
  if (bias && !biasInModule) addBias(c, m, n, ldc, bias);
}
