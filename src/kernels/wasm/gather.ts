// `gatherRows` on the WebAssembly kernels. Between resident arrays (a data set loaded into
// the module's memory, the batch allocated there) one kernel call copies the rows
// (assembly/gather.ts): 30–62 µs for the book's batch of 100×784 float32 rows where the
// path below took 100–122 (medians of five runs). Into a resident out from ordinary memory:
// V8 copies into a SharedArrayBuffer (the module's shared memory) with a slower
// TypedArray.set than into ordinary memory, and the book's batch is 100 such copies:
// gathering into an ordinary scratch array and copying that in one piece took a batch of
// 100×784 float32 rows from 184 to 131 µs (medians; into ordinary memory: 100 µs).
import { gatherRows as referenceGatherRows } from '../reference/indexing.js';
import type { FloatArray } from '../types.js';
import { heapInt32, layout, sameType, wasm } from './module.js';
import { overlap, residentAddress } from './resident.js';

// the scratch is kept for the next batch, so only batches up to this size use it
const SCRATCH_BYTES = 4 << 20;
let scratch32 = new Float32Array(0);
let scratch64 = new Float64Array(0);

/** `Kernels.gatherRows`: in the module when x and out are resident, else the reference's (see above). */
export function gatherRows(
  x: FloatArray,
  rowSize: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): void {
  if (inModule(x, rowSize, indices, out)) return;
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

/**
 * The gather by the module's kernel (assembly/gather.ts), when x and out are resident, of one
 * type and apart; false (nothing done) otherwise, or if an index is not a row of x: the
 * reference's path then does what it always did with it (take() has checked its indices
 * before). Exported for the tests.
 */
export function inModule(
  x: FloatArray,
  rowSize: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): boolean {
  const count = indices.length;
  const [xr, or] = [residentAddress(x), residentAddress(out)];
  if (xr < 0 || or < 0 || count === 0 || !sameType(x, out) || overlap(x, out)) return false;
  const rows = x.length / rowSize;
  const [at] = layout(4, [count]);
  const ints = heapInt32();
  const base = at >> 2;
  for (let r = 0; r < count; r++) {
    const i = indices[r];
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) return false;
    ints[base + r] = i;
  }
  wasm!.gatherRows(xr, rowSize * x.BYTES_PER_ELEMENT, at, count, or);
  return true;
}
