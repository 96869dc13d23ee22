// Reference reductions over one axis of x viewed as [outer, len, inner].
// Sums along a contiguous axis use NumPy's pairwise summation so totals match np.sum.
import type { ArgReduceOp, FloatArray, ReduceOp } from '../types.js';

/** NumPy's pairwise_sum (numpy/_core/src/umath/loops_utils.h.src), block size 128. */
export function pairwiseSum(x: FloatArray, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += x[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = x[start + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += x[start + i + j];
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += x[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(x, start, n2) + pairwiseSum(x, start + n2, n - n2);
}

/**
 * The reference `Kernels.reduce` over x viewed as [outer, len, inner] (pairwise sums along contiguous runs).
 */
export function reduce(
  op: ReduceOp,
  x: FloatArray,
  outer: number,
  len: number,
  inner: number,
  out: FloatArray,
): void {
  for (let o = 0; o < outer; o++) {
    const base = o * len * inner;
    if (op === 'sum' && inner === 1) {
      out[o] = pairwiseSum(x, base, len);
      continue;
    }
    for (let i = 0; i < inner; i++) {
      let acc = x[base + i];
      for (let l = 1; l < len; l++) {
        const v = x[base + l * inner + i];
        if (op === 'sum') acc += v;
        // once acc is NaN neither comparison holds, so NaN sticks as in np.max
        else if (op === 'max' ? v > acc || v !== v : v < acc || v !== v) acc = v;
      }
      out[o * inner + i] = acc;
    }
  }
}

/** The reference `Kernels.argReduce`: the index of the first extreme along len (NaN wins, as in NumPy). */
export function argReduce(
  op: ArgReduceOp,
  x: FloatArray,
  outer: number,
  len: number,
  inner: number,
  out: FloatArray,
): void {
  for (let o = 0; o < outer; o++) {
    const base = o * len * inner;
    for (let i = 0; i < inner; i++) {
      let best = x[base + i];
      let at = 0;
      for (let l = 1; l < len && best === best; l++) {
        const v = x[base + l * inner + i];
        // the first NaN wins, as in np.argmax
        if ((op === 'argmax' ? v > best : v < best) || v !== v) {
          best = v;
          at = l;
        }
      }
      out[o * inner + i] = at;
    }
  }
}
