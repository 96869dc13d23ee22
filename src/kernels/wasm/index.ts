// The `wasm` backend: GEMM in WebAssembly with 128-bit SIMD (assembly/gemm.ts), every
// other kernel from the `js` backend. Operands are copied into the module's memory (with
// transposes packed on the way in) and the product is scaled out by alpha and beta; see
// bench/gemm.ts for what that copy costs next to the product.
import { allFinite, zeroFraction } from '../js/gemm.js';
import { jsKernels } from '../js/index.js';
import { gemm as referenceGemm } from '../reference/gemm.js';
import type { FloatArray, GemmArgs, Kernels } from '../types.js';
import { KERNELS_WASM_BASE64 } from './module.generated.js';

type Kernel = (a: number, b: number, c: number, m: number, n: number, k: number, scratch: number) => void;

interface Exports {
  memory: WebAssembly.Memory;
  gemmF32: Kernel;
  gemmSparseF32: Kernel;
  gemmF64: Kernel;
  gemmSparseF64: Kernel;
}

function instantiate(): Exports | null {
  try {
    const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0));
    // 2.4 KB: small enough for synchronous compilation, even on a browser's main thread
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
  } catch {
    return null; // no WebAssembly SIMD here: the backend is simply not offered
  }
}

const wasm = instantiate();
// the module's own data lives in the first page; operands go above it
const BASE = 65536;
const SPARSE_THRESHOLD = 0.5;

function reserve(bytes: number): void {
  const need = BASE + bytes - wasm!.memory.buffer.byteLength;
  if (need > 0) wasm!.memory.grow(Math.ceil(need / 65536));
}

/** Copies rows×cols of x (leading dimension ld, transposed if `trans`) packed into dst. */
function pack(
  dst: FloatArray,
  at: number,
  x: FloatArray,
  ld: number,
  rows: number,
  cols: number,
  trans: boolean,
): void {
  if (!trans) {
    if (ld === cols) dst.set(x.subarray(0, rows * cols), at);
    else for (let r = 0; r < rows; r++) dst.set(x.subarray(r * ld, r * ld + cols), at + r * cols);
    return;
  }
  // x is stored cols×rows: dst[r, c] = x[c, r]
  for (let c = 0; c < cols; c++) {
    const row = c * ld;
    for (let r = 0; r < rows; r++) dst[at + r * cols + c] = x[row + r];
  }
}

function gemm(g: GemmArgs): void {
  const { m, n, k, alpha, beta, c, ldc } = g;
  if (m * n * k < 4096 || k === 0) {
    referenceGemm(g);
    return;
  }
  const f32 = g.c instanceof Float32Array && g.a instanceof Float32Array && g.b instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const [aLen, bLen, cLen] = [m * k, k * n, m * n];
  // layout in elements from BASE: A, B, C each starting 16-byte aligned, then the sparse
  // kernel's scratch (k row offsets as i32 and k values: at most 12·k bytes)
  const align = (x: number): number => Math.ceil(x / 4) * 4;
  const [aAt, bAt] = [0, align(aLen)];
  const cAt = bAt + align(bLen);
  const scratchAt = align(cAt + cLen);
  reserve(scratchAt * size + 12 * k);
  const buf = wasm!.memory.buffer;
  const view = f32 ? new Float32Array(buf, BASE) : new Float64Array(buf, BASE);
  pack(view, aAt, g.a, g.lda, m, k, g.transA);
  pack(view, bAt, g.b, g.ldb, k, n, g.transB);
  // At half zeros and more, skipping them beats the dense kernel (bench/gemm.ts).
  const sparse =
    zeroFraction(view.subarray(aAt, aAt + aLen), m, k, k) >= SPARSE_THRESHOLD &&
    allFinite(view.subarray(bAt, bAt + bLen), k, n, n);
  const kernel = f32
    ? sparse
      ? wasm!.gemmSparseF32
      : wasm!.gemmF32
    : sparse
      ? wasm!.gemmSparseF64
      : wasm!.gemmF64;
  kernel(BASE + aAt * size, BASE + bAt * size, BASE + cAt * size, m, n, k, BASE + scratchAt * size);
  for (let i = 0; i < m; i++) {
    const [o, w] = [i * ldc, cAt + i * n];
    if (beta === 0 && alpha === 1) c.set(view.subarray(w, w + n), o);
    else for (let j = 0; j < n; j++) c[o + j] = alpha * view[w + j] + (beta === 0 ? 0 : beta * c[o + j]);
  }
}

/** null where WebAssembly SIMD is unavailable. */
export const wasmKernels: Kernels | null = wasm ? { ...jsKernels, name: 'wasm', gemm } : null;
