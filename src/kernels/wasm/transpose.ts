// Batched transposes on the WebAssembly kernels (assembly/transpose.ts, blocks shuffled in
// registers): the whole batch staged once, each block transposed in the module's memory;
// resident operands (resident.ts) are read and written in place.
import { transposeBatched as referenceTransposeBatched } from '../reference/indexing.js';
import type { FloatArray } from '../types.js';
import { heap, layout, sameType, stage, stagedCount, take, wasm } from './module.js';
import { residentAddress, writableAddress } from './resident.js';

export function transposeBatched(
  x: FloatArray,
  batch: number,
  rows: number,
  cols: number,
  out: FloatArray,
): void {
  const count = batch * rows * cols;
  if (!sameType(x, out) || count < 4096) return referenceTransposeBatched(x, batch, rows, cols, out);
  const size = x.BYTES_PER_ELEMENT;
  const [xr, or] = [residentAddress(x), writableAddress(out, [x])];
  const [xAt, outAt] = layout(size, [stagedCount(xr, count), stagedCount(or, count)]);
  const from = stage(heap(x), xAt, x, count, xr);
  const to = or < 0 ? outAt : or;
  const kernel = size === 4 ? wasm!.transposeF32 : wasm!.transposeF64;
  const bytes = rows * cols * size;
  for (let b = 0; b < batch; b++) kernel(from + b * bytes, rows, cols, to + b * bytes);
  if (or < 0) take(heap(out), outAt, out, count);
}

/** `Kernels.transpose2d` on the WebAssembly kernels: a batch of one. */
export function transpose2d(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
  transposeBatched(x, 1, rows, cols, out);
}
