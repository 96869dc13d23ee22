// Batched transposes on the WebAssembly kernels (assembly/transpose.ts, blocks shuffled in
// registers): the whole batch staged once, each block transposed in the module's memory.
import { transposeBatched as referenceTransposeBatched } from '../reference/indexing.js';
import type { FloatArray } from '../types.js';
import { heap, layout, put, sameType, take, wasm } from './module.js';

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
  const [xAt, outAt] = layout(size, [count, count]);
  put(heap(x), xAt, x, count);
  const kernel = size === 4 ? wasm!.transposeF32 : wasm!.transposeF64;
  const bytes = rows * cols * size;
  for (let b = 0; b < batch; b++) kernel(xAt + b * bytes, rows, cols, outAt + b * bytes);
  take(heap(out), outAt, out, count);
}
