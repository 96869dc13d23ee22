// Tensor storage resident in the kernel module's shared memory, so the kernels read and
// write it in place instead of copying it in and out (issue 16). A block is returned to
// the heap when its typed array is garbage-collected (a FinalizationRegistry), or at once
// by `freeStorage` (Tensor.dispose, tidy, the Trainer). Only where the memory is shared:
// growing it then keeps every view valid; an unshared memory's growth would detach them.
import type { FloatArray } from '../types.js';
import { kernelModule, moduleHeap } from './module.js';

// NOTE: the garbage collector does not see the module's memory behind these small views,
// so nothing makes it run when resident storage piles up, and a synchronous loop never lets
// the finalizers run. Above this many bytes of resident tensors new storage is ordinary
// memory (as where the memory is unshared) until some is freed: code that never frees (a
// loop of its own without tidy) holds at most this much more than before.
export const BUDGET_BYTES = 128 << 20;
// a single temporary above this stays in ordinary memory: kernels read it in blocks
const LARGEST_BYTES = 16 << 20;
// Lasting storage (a loaded data set: allocated once, read by every batch and evaluation in
// place) is not a loop's temporary, so neither limit above applies; this one keeps the
// data sets, which the garbage collector does not see either, to a quarter of the 4 GiB a
// 32-bit module addresses (MNIST's four tensors in float64 take 440 MB).
export const LASTING_BYTES = 1 << 30;

/** One block of resident storage: its address and size, and whether it was freed. */
export interface Storage {
  readonly at: number;
  readonly bytes: number;
  /** allocated as lasting (a data set): counted apart from the temporaries' budget */
  readonly lasting: boolean;
  freed: boolean;
}

// typed array (the block's own, or a library-made view of it) → its block
const owners = new WeakMap<FloatArray, Storage>();
// library-made view → the block's own array, which the entry keeps alive as long as the view
// lives: the finalizer below cannot free a block a view still reads. (The finalizer's held
// value, the Storage, must not reference the array, or the array could never be collected.)
const parents = new WeakMap<FloatArray, FloatArray>();
const finalizer = new FinalizationRegistry<Storage>((s) => release(s));
// every buffer the memory has had (growing shared memory gives a new buffer object)
const buffers = new WeakSet<ArrayBufferLike>();
const scopes: Storage[][] = [];

const residentHere = kernelModule?.shared === true && moduleHeap !== null;

// bytes of resident tensors not yet freed (the staging area is not counted), temporaries
// and lasting storage apart
let residentBytes = 0;
let lastingBytes = 0;

function release(s: Storage): void {
  if (s.freed) return;
  s.freed = true;
  if (s.lasting) lastingBytes -= s.bytes;
  else residentBytes -= s.bytes;
  moduleHeap!.release(s.at, s.bytes);
}

/**
 * `size` elements of float32 or float64 in the module's memory, zero-filled if `zeroed`;
 * null where the memory is unshared, for a temporary larger than 16 MB or past the budget,
 * for `lasting` storage past LASTING_BYTES, or when the memory cannot grow.
 */
export function allocateResident(
  f32: boolean,
  size: number,
  zeroed: boolean,
  lasting = false,
): FloatArray | null {
  const bytes = size * (f32 ? 4 : 8);
  const fits = lasting
    ? lastingBytes + bytes <= LASTING_BYTES
    : bytes <= LARGEST_BYTES && residentBytes + bytes <= BUDGET_BYTES;
  if (!residentHere || size === 0 || !fits) return null;
  let at: number;
  try {
    at = moduleHeap!.alloc(bytes);
  } catch {
    return null; // memory.grow failed (wasm32's 4 GiB, or the system's limit): ordinary memory
  }
  if (lasting) lastingBytes += bytes;
  else residentBytes += bytes;
  const buffer = kernelModule!.memory.buffer;
  buffers.add(buffer);
  const root = f32 ? new Float32Array(buffer, at, size) : new Float64Array(buffer, at, size);
  if (zeroed) root.fill(0);
  const s: Storage = { at, bytes, lasting, freed: false };
  owners.set(root, s);
  finalizer.register(root, s, s);
  scopes.at(-1)?.push(s);
  return root;
}

/** The byte address of x's first element if x lies in the module's memory, else -1. */
export function residentAddress(x: FloatArray): number {
  return buffers.has(x.buffer) ? x.byteOffset : -1;
}

/** Whether the elements of x and y share any bytes. */
export function overlap(x: FloatArray, y: FloatArray): boolean {
  return (
    x.buffer === y.buffer &&
    x.byteOffset < y.byteOffset + y.byteLength &&
    y.byteOffset < x.byteOffset + x.byteLength
  );
}

/**
 * out's byte address when a kernel may write it in place: out is resident and shares no bytes
 * with any of `inputs` (which the kernel reads while it writes out); else -1 (stage it).
 */
export function writableAddress(out: FloatArray, inputs: readonly FloatArray[]): number {
  const at = residentAddress(out);
  return at >= 0 && !inputs.some((x) => overlap(out, x)) ? at : -1;
}

/** The block x's elements are in (x being resident storage or a library-made view of it), or undefined. */
export const storageOf = (x: FloatArray): Storage | undefined => owners.get(x);

/** Whether x is a library-made view of resident storage (not the block's own array). */
export const isStorageView = (x: FloatArray): boolean => parents.has(x);

/** `x.subarray(begin, end)` that keeps x's block alive as long as it lives (see `owners`). */
export function storageView(x: FloatArray, begin: number, end: number): FloatArray {
  const v = x.subarray(begin, end);
  const s = owners.get(x);
  if (s) {
    owners.set(v, s);
    parents.set(v, parents.get(x) ?? x);
  }
  return v;
}

/** Returns x's block to the heap now (idempotent); false if x is not resident storage. */
export function freeStorage(x: FloatArray): boolean {
  const s = owners.get(x);
  if (!s) return false;
  releaseStorage(s);
  return true;
}

/** Returns a block to the heap now (idempotent). */
export function releaseStorage(s: Storage): void {
  finalizer.unregister(s);
  release(s);
}

/**
 * Runs f and returns what it returned with every block allocated during it (in inner
 * scopes too, unless they released or adopted them). Scopes nest.
 */
export function collectStorage<T>(f: () => T): [T, Storage[]] {
  const mine: Storage[] = [];
  scopes.push(mine);
  try {
    return [f(), mine];
  } finally {
    scopes.pop();
  }
}

/** Hands a block an inner scope keeps to the enclosing scope (if any), which decides its fate. */
export function adoptStorage(s: Storage): void {
  scopes.at(-1)?.push(s);
}
