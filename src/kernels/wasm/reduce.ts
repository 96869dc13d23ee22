// Reductions on the WebAssembly kernels where they pay: a sum down a strided axis (the
// bias gradients' sum over the batch) and argmax/argmin along rows (an evaluation's
// predicted classes), when the operands are resident in the module's memory. Everything
// else, and operands in ordinary memory, goes to js/reduce.ts (the same bits either way).
import { reduce as jsReduce } from '../js/reduce.js';
import { argReduce as referenceArgReduce } from '../reference/reduce.js';
import type { ArgReduceOp, FloatArray, ReduceOp } from '../types.js';
import { sameType, wasm } from './module.js';
import { residentAddress, writableAddress } from './resident.js';

// below this many elements the call costs more than the loop it replaces
const MIN_ELEMENTS = 64;

/** Addresses of x and out when both are resident, of one type, and out may be written in place. */
function operands(x: FloatArray, out: FloatArray): [number, number] | null {
  if (!sameType(x, out) || x.length < MIN_ELEMENTS) return null;
  const [at, to] = [residentAddress(x), writableAddress(out, [x])];
  return at >= 0 && to >= 0 ? [at, to] : null;
}

/** `Kernels.reduce`: sums over a strided axis in the module, the rest as js/reduce.ts. */
export function reduce(
  op: ReduceOp,
  x: FloatArray,
  outer: number,
  len: number,
  inner: number,
  out: FloatArray,
): void {
  // a contiguous sum (inner 1) is pairwise, as NumPy's: left to js
  const at = op === 'sum' && inner > 1 && len > 0 ? operands(x, out) : null;
  if (!at) {
    jsReduce(op, x, outer, len, inner, out);
    return;
  }
  (x instanceof Float32Array ? wasm!.sumStridedF32 : wasm!.sumStridedF64)(at[0], outer, len, inner, at[1]);
}

/** `Kernels.argReduce`: along contiguous rows in the module, the rest as the reference. */
export function argReduce(
  op: ArgReduceOp,
  x: FloatArray,
  outer: number,
  len: number,
  inner: number,
  out: FloatArray,
): void {
  const at = inner === 1 && len > 0 ? operands(x, out) : null;
  if (!at) {
    referenceArgReduce(op, x, outer, len, inner, out);
    return;
  }
  const f = x instanceof Float32Array ? wasm!.argRowsF32 : wasm!.argRowsF64;
  f(op === 'argmax' ? 1 : 0, at[0], outer, len, at[1]);
}
