// `gatherRows` into resident storage. V8 copies into a SharedArrayBuffer (the module's shared
// memory) with a slower TypedArray.set than into ordinary memory, and the book's batch is 100
// such copies: gathering into an ordinary scratch array and copying that in one piece took a
// batch of 100×784 float32 rows from 184 to 131 µs (medians; into ordinary memory: 100 µs).
import { gatherRows as referenceGatherRows } from '../reference/indexing.js';
import type { FloatArray } from '../types.js';
import { residentAddress } from './resident.js';

// the scratch is kept for the next batch, so only batches up to this size use it
const SCRATCH_BYTES = 4 << 20;
let scratch32 = new Float32Array(0);
let scratch64 = new Float64Array(0);

/** `Kernels.gatherRows`: the reference's, through an ordinary scratch array when out is resident. */
export function gatherRows(
  x: FloatArray,
  rowSize: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): void {
  if (rowSize === 1 || out.byteLength > SCRATCH_BYTES || residentAddress(out) < 0) {
    referenceGatherRows(x, rowSize, indices, out);
    return;
  }
  const n = out.length;
  let scratch: FloatArray;
  if (out instanceof Float32Array) {
    if (scratch32.length < n) scratch32 = new Float32Array(n);
    scratch = scratch32.subarray(0, n);
  } else {
    if (scratch64.length < n) scratch64 = new Float64Array(n);
    scratch = scratch64.subarray(0, n);
  }
  referenceGatherRows(x, rowSize, indices, scratch);
  out.set(scratch);
}
