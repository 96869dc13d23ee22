// The WebAssembly kernel module (compiled from assembly/ by tools/build-wasm.mjs) and the
// staging area its kernels work in: operands that are not resident (resident.ts) are copied
// into a block of the module's heap (heap.ts), the kernel runs, the result is copied out. Copies run at memcpy
// speed (TypedArray.set); on the book's small products they are still a good share of a
// call (docs/speed.md), the cost of keeping tensors in ordinary JavaScript memory.
import type { FloatArray } from '../types.js';
import {
  KERNELS_FMA_SHARED_WASM_BASE64,
  KERNELS_FMA_WASM_BASE64,
  KERNELS_SHARED_WASM_BASE64,
  KERNELS_WASM_BASE64,
} from './module.generated.js';
import { Heap } from './heap.js';

type Ptr = number;

export interface KernelExports {
  /** only in the build with a memory of its own */
  memory: WebAssembly.Memory;
  /** B as packPanels's panels; scratch: denseScratchBytes(k, size) */
  gemmF32(a: Ptr, panels: Ptr, c: Ptr, m: number, n: number, k: number, scratch: Ptr): void;
  gemmF64(a: Ptr, panels: Ptr, c: Ptr, m: number, n: number, k: number, scratch: Ptr): void;
  denseScratchBytes(k: number, size: number): number;
  /** B as packWide's panels; scratch: sparseScratchBytes(k, size) */
  gemmSparseF32(a: Ptr, panels: Ptr, c: Ptr, m: number, n: number, k: number, scratch: Ptr): void;
  gemmSparseF64(a: Ptr, panels: Ptr, c: Ptr, m: number, n: number, k: number, scratch: Ptr): void;
  packPanelsF32(b: Ptr, k: number, n: number, out: Ptr): void;
  packPanelsF64(b: Ptr, k: number, n: number, out: Ptr): void;
  panelBytes(k: number, n: number, size: number): number;
  /** returns 1 when all of B is finite */
  packWideF32(b: Ptr, k: number, n: number, out: Ptr): number;
  packWideF64(b: Ptr, k: number, n: number, out: Ptr): number;
  widePanelBytes(k: number, n: number, size: number): number;
  sparseScratchBytes(k: number, size: number): number;
  /** geo: ten i32 (n, c, h, w, fh, fw, stride, pad, outH, outW) */
  im2colF32(x: Ptr, geo: Ptr, col: Ptr): void;
  im2colF64(x: Ptr, geo: Ptr, col: Ptr): void;
  col2imF32(col: Ptr, geo: Ptr, out: Ptr): void;
  col2imF64(col: Ptr, geo: Ptr, out: Ptr): void;
  /** geo as im2col's (n = the batch); argmax: i32 indices; images [first, first + count) */
  maxPoolF32(x: Ptr, geo: Ptr, out: Ptr, argmax: Ptr, first: number, count: number): void;
  maxPoolF64(x: Ptr, geo: Ptr, out: Ptr, argmax: Ptr, first: number, count: number): void;
  maxPoolBackwardF32(dout: Ptr, argmax: Ptr, geo: Ptr, dx: Ptr, first: number, count: number): void;
  maxPoolBackwardF64(dout: Ptr, argmax: Ptr, geo: Ptr, dx: Ptr, first: number, count: number): void;
  /** params: assembly/convolution.ts's block; scratch: convScratchBytes per thread */
  convForwardF32(
    x: Ptr,
    params: Ptr,
    out: Ptr,
    images: number,
    outPer: number,
    inPer: number,
    scratch: Ptr,
  ): void;
  convForwardF64(
    x: Ptr,
    params: Ptr,
    out: Ptr,
    images: number,
    outPer: number,
    inPer: number,
    scratch: Ptr,
  ): void;
  convBackwardF32(
    dout: Ptr,
    params: Ptr,
    dx: Ptr,
    images: number,
    inPer: number,
    outPer: number,
    scratch: Ptr,
    first: number,
  ): void;
  convBackwardF64(
    dout: Ptr,
    params: Ptr,
    dx: Ptr,
    images: number,
    inPer: number,
    outPer: number,
    scratch: Ptr,
    first: number,
  ): void;
  convScratchBytes(fn: number, k: number, p: number, size: number): number;
  sumPartsF32(parts: Ptr, count: number, len: number, out: Ptr): void;
  sumPartsF64(parts: Ptr, count: number, len: number, out: Ptr): void;
  transposeF32(x: Ptr, rows: number, cols: number, out: Ptr): void;
  transposeF64(x: Ptr, rows: number, cols: number, out: Ptr): void;
  countZerosF32(x: Ptr, n: number): number;
  countZerosF64(x: Ptr, n: number): number;
  sumStridedF32(x: Ptr, outer: number, len: number, inner: number, out: Ptr): void;
  sumStridedF64(x: Ptr, outer: number, len: number, inner: number, out: Ptr): void;
  argRowsF32(max: number, x: Ptr, rows: number, len: number, out: Ptr): void;
  argRowsF64(max: number, x: Ptr, rows: number, len: number, out: Ptr): void;
  binaryF32(op: number, rows: number, cols: number, a: Ptr, am: number, b: Ptr, bm: number, out: Ptr): void;
  binaryF64(op: number, rows: number, cols: number, a: Ptr, am: number, b: Ptr, bm: number, out: Ptr): void;
  binaryMixedF32(op: number, n: number, x: Ptr, s: number, scalarFirst: number, out: Ptr): void;
  unaryF32(op: number, n: number, x: Ptr, out: Ptr): void;
  unaryF64(op: number, n: number, x: Ptr, out: Ptr): void;
  sgdStepF32(param: Ptr, grad: Ptr, n: number, lr: number): void;
  sgdStepF64(param: Ptr, grad: Ptr, n: number, lr: number): void;
  /** softmax of each row (assembly/losses.ts); y may be x */
  softmaxF32(x: Ptr, y: Ptr, rows: number, cols: number): void;
  softmaxF64(x: Ptr, y: Ptr, rows: number, cols: number): void;
  /** out = e^x as V8's Math.exp (the softmax's exponential) */
  expF64(x: Ptr, out: Ptr, n: number): void;
  /** out = y / rows (divide = 1) or y · scale, the labels' elements left to the caller */
  softmaxGradF32(y: Ptr, out: Ptr, n: number, rows: number, scale: number, divide: number): void;
  softmaxGradF64(y: Ptr, out: Ptr, n: number, rows: number, scale: number, divide: number): void;
  /** rule: assembly/optimizers.ts's code; s0, s1: the state arrays; a, b, c: the rule's numbers */
  optimizerStepF32(
    rule: number,
    p: Ptr,
    g: Ptr,
    s0: Ptr,
    s1: Ptr,
    n: number,
    a: number,
    b: number,
    c: number,
  ): void;
  optimizerStepF64(
    rule: number,
    p: Ptr,
    g: Ptr,
    s0: Ptr,
    s1: Ptr,
    n: number,
    a: number,
    b: number,
    c: number,
  ): void;
  whereF32(n: number, cond: Ptr, cm: number, a: Ptr, am: number, b: Ptr, bm: number, out: Ptr): void;
  whereF64(n: number, cond: Ptr, cm: number, a: Ptr, am: number, b: Ptr, bm: number, out: Ptr): void;
  /** indices: count i32 rows of x; rows of rowBytes bytes */
  gatherRows(x: Ptr, rowBytes: number, indices: Ptr, count: number, out: Ptr): void;
}

const decode = (base64: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));

export interface KernelModule {
  exports: KernelExports;
  /** the compiled module, for workers to instantiate on the same memory */
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** true when the memory is a SharedArrayBuffer that worker threads can work in */
  shared: boolean;
  /** true for the relaxed-SIMD build: the GEMM kernels use fused multiply-add */
  fused: boolean;
}

// Relaxed SIMD (part of WebAssembly 3.0) gives the GEMM kernels a fused multiply-add: one
// instruction where they otherwise spend two, and their speed is bound by instructions.
// Browsers and Node 22 run it as is; Node 20's V8 has it behind a flag, turned on here (it
// only lets modules use more instructions). SCRATCHNET_FMA=0 keeps the unfused build, whose
// results are the same bit for bit on every machine (a fused multiply-add rounds once,
// and CPUs without one round twice).
function relaxedSimd(): boolean {
  const proc = (globalThis as { process?: NodeLikeProcess }).process;
  if (proc?.env?.SCRATCHNET_FMA === '0') return false;
  const probe = decode(KERNELS_FMA_WASM_BASE64);
  if (WebAssembly.validate(probe)) return true;
  const v8 = proc?.getBuiltinModule?.('node:v8') as { setFlagsFromString(flags: string): void } | undefined;
  if (!v8) return false;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(probe);
}

interface NodeLikeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?(id: string): unknown;
}

/**
 * Whether memory can be shared with workers here, judged by what works rather than by what
 * exists: Chromium creates a shared WebAssembly.Memory even on a page that is not
 * cross-origin isolated, yet hides SharedArrayBuffer and refuses to post it to a worker.
 */
function sharedMemoryWorks(): boolean {
  // browsers (and their workers) say whether the page is isolated; Node does not define it
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  if (typeof SharedArrayBuffer !== 'function') return false;
  try {
    return new SharedArrayBuffer(8).byteLength === 8;
  } catch {
    return false;
  }
}

// Threads need SharedArrayBuffer (Node; browsers only when cross-origin isolated): the
// shared-memory build where it works, else the one with a memory of its own. The modules
// are a few KB: small enough for synchronous compilation, even on a browser's main thread.
function instantiate(): KernelModule | null {
  const fused = relaxedSimd();
  if (sharedMemoryWorks()) {
    try {
      const memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: true });
      const module = new WebAssembly.Module(
        decode(fused ? KERNELS_FMA_SHARED_WASM_BASE64 : KERNELS_SHARED_WASM_BASE64),
      );
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      return { exports: instance.exports as unknown as KernelExports, module, memory, shared: true, fused };
    } catch {
      // no shared memory here after all: one thread
    }
  }
  try {
    const module = new WebAssembly.Module(decode(fused ? KERNELS_FMA_WASM_BASE64 : KERNELS_WASM_BASE64));
    const exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    return { exports, module, memory: exports.memory, shared: false, fused };
  } catch {
    return null; // no WebAssembly SIMD here: the backend is simply not offered
  }
}

export const kernelModule = instantiate();

// the module's own data (stack, constants) lives in its first page; the heap starts above it
const BASE = 65536;

/** null where WebAssembly SIMD is unavailable. */
export const wasm = kernelModule?.exports ?? null;

/** The allocator over the module's memory (null where WebAssembly SIMD is unavailable). */
export const moduleHeap = kernelModule ? new Heap(kernelModule.memory, BASE) : null;

// The staging area: one block of the heap, replaced by a larger one when a kernel needs more.
let staging = { at: 0, bytes: 0 };

/** The staging area's block (tests poison it). */
export const stagingBlock = (): { at: number; bytes: number } => staging;

/**
 * Reserves regions of the given element counts (16-byte aligned) in the staging area and
 * returns their byte addresses, then the address after the last; `extraBytes` more are
 * reserved after it. The regions are valid until the next `layout`.
 */
export function layout(elementSize: number, counts: readonly number[], extraBytes = 0): number[] {
  let total = 0;
  const offsets: number[] = [];
  for (const n of counts) {
    offsets.push(total);
    total += Math.ceil((n * elementSize) / 16) * 16;
  }
  offsets.push(total);
  if (total + extraBytes > staging.bytes) {
    const heap = moduleHeap!;
    if (staging.bytes > 0) heap.release(staging.at, staging.bytes);
    // at least double, so a growing sequence of requests costs few replacements
    const bytes = Math.max(total + extraBytes, 2 * staging.bytes, 1 << 16);
    staging = { at: heap.alloc(bytes), bytes };
  }
  return offsets.map((o) => staging.at + o);
}

/** A view of the module's memory in x's element type (valid until the next `layout`). */
export function heap(like: FloatArray): FloatArray {
  const buf = kernelModule!.memory.buffer;
  return like instanceof Float32Array ? new Float32Array(buf) : new Float64Array(buf);
}

/** Whether x and y hold the same element type. */
export const sameType = (x: FloatArray, y: FloatArray): boolean =>
  x instanceof Float32Array ? y instanceof Float32Array : y instanceof Float64Array;

/** A view of the module's memory as int32 (valid until the next `layout`). */
export function heapInt32(): Int32Array {
  return new Int32Array(kernelModule!.memory.buffer);
}

/** Copies the first n elements of x to byte address `at`. */
export function put(view: FloatArray, at: number, x: FloatArray, n: number): void {
  const i = at / view.BYTES_PER_ELEMENT;
  if (x.length === n) view.set(x, i);
  else view.set(x.subarray(0, n), i);
}

/** Copies n elements at byte address `at` into out. */
export function take(view: FloatArray, at: number, out: FloatArray, n: number): void {
  const i = at / view.BYTES_PER_ELEMENT;
  out.set(view.subarray(i, i + n));
}

/** Elements to stage of an operand of `count` elements: none when it is resident (`resident` ≥ 0). */
export const stagedCount = (resident: number, count: number): number => (resident < 0 ? count : 0);

/**
 * Where a kernel finds the first n elements of x: its own `resident` address if it is resident
 * (≥ 0, nothing copied), else `at`, where they are copied.
 */
export function stage(view: FloatArray, at: number, x: FloatArray, n: number, resident: number): number {
  if (resident >= 0) return resident;
  put(view, at, x, n);
  return at;
}
