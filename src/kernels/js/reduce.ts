// Faster reductions, twin of reference/reduce.ts: one loop per op instead of a branch per
// element, walking whole rows of x. Each output still sees its inputs in the same order
// as the reference, so results are bit-identical (pairwise sums along contiguous runs).
import { pairwiseSum, reduce as referenceReduce } from '../reference/reduce.js';
import type { FloatArray, ReduceOp } from '../types.js';

/** `Kernels.reduce` for the `js` backend: bit-identical to the reference, one loop per op. */
export function reduce(
  op: ReduceOp,
  x: FloatArray,
  outer: number,
  len: number,
  inner: number,
  out: FloatArray,
): void {
  if (len === 0) {
    referenceReduce(op, x, outer, len, inner, out);
    return;
  }
  for (let o = 0; o < outer; o++) {
    const base = o * len * inner;
    const ob = o * inner;
    if (op === 'sum' && inner === 1) {
      out[o] = pairwiseSum(x, base, len);
      continue;
    }
    if (op === 'sum') {
      // accumulate in doubles and round once, as the reference's scalar accumulator does
      const acc = Float64Array.from(x.subarray(base, base + inner)); // (-0 stays -0, as there)
      for (let l = 1; l < len; l++) {
        const row = base + l * inner;
        for (let i = 0; i < inner; i++) acc[i] += x[row + i];
      }
      out.set(acc, ob);
      continue;
    }
    for (let i = 0; i < inner; i++) out[ob + i] = x[base + i];
    for (let l = 1; l < len; l++) {
      const row = base + l * inner;
      if (op === 'max') {
        for (let i = 0; i < inner; i++) {
          const v = x[row + i];
          if (v > out[ob + i] || v !== v) out[ob + i] = v;
        }
      } else {
        for (let i = 0; i < inner; i++) {
          const v = x[row + i];
          if (v < out[ob + i] || v !== v) out[ob + i] = v;
        }
      }
    }
  }
}
