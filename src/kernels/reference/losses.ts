// SoftmaxWithLoss as two kernels: softmax then cross entropy, and the gradient (y − t)/N,
// each in one pass. They compute what the composed ops (functions/activations.ts,
// functions/losses.ts, layers/softmax-with-loss.ts) compute, rounding for rounding and in
// the same summation order, without their intermediate arrays: at the book's batch
// of 100×10 those allocations cost more than the arithmetic.
import type { FloatArray } from '../types.js';
import { pairwiseSum } from './reduce.js';

/**
 * y (rows×cols) = softmax of each row of x; returns −Σ log(y[r, labels[r]] + delta) / rows.
 * Rows of NaN stay NaN (the row max is NaN).
 */
export function softmaxCrossEntropy(
  x: FloatArray,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  delta: number,
  y: FloatArray,
): number {
  // the composed ops store every intermediate in y's dtype (Math.fround written out at each
  // use: V8 inlines it there, not through a variable)
  const f32 = y instanceof Float32Array;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let max = x[base];
    for (let c = 1; c < cols; c++) {
      const v = x[base + c];
      if (v > max || v !== v) max = v;
    }
    for (let c = 0; c < cols; c++) {
      const d = x[base + c] - max;
      y[base + c] = Math.exp(f32 ? Math.fround(d) : d);
    }
    const total = pairwiseSum(y, base, cols);
    const sum = f32 ? Math.fround(total) : total;
    for (let c = 0; c < cols; c++) y[base + c] = y[base + c] / sum;
  }
  return crossEntropyOfSoftmax(y, rows, cols, labels, delta);
}

// the logs of one call, kept for the next: at the book's batch of 100 a new array per call
// costs about as much as the logs themselves
let logs32 = new Float32Array(0);
let logs64 = new Float64Array(0);

/** −Σ log(y[r, labels[r]] + delta) / rows for the softmax y (rows×cols), in y's dtype. */
export function crossEntropyOfSoftmax(
  y: FloatArray,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  delta: number,
): number {
  const f32 = y instanceof Float32Array;
  if (rows > (f32 ? logs32 : logs64).length) {
    if (f32) logs32 = new Float32Array(rows);
    else logs64 = new Float64Array(rows);
  }
  const logs = f32 ? logs32 : logs64;
  for (let r = 0; r < rows; r++) {
    const p = y[r * cols + labels[r]] + delta;
    logs[r] = Math.log(f32 ? Math.fround(p) : p);
  }
  const total = pairwiseSum(logs, 0, rows);
  return -(f32 ? Math.fround(total) : total) / rows;
}

/** out = dout · (y − one-hot(labels)) / rows, rounded as (y − t) then ÷ rows (or × dout/rows). */
export function softmaxCrossEntropyGrad(
  y: FloatArray,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  dout: number,
  out: FloatArray,
): void {
  const f32 = out instanceof Float32Array;
  const scale = dout / rows;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const e = y[base + c] - (c === labels[r] ? 1 : 0);
      const d = f32 ? Math.fround(e) : e;
      out[base + c] = dout === 1 ? d / rows : d * scale;
    }
  }
}
