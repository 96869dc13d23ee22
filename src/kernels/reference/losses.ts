// SoftmaxWithLoss as two kernels: softmax then cross entropy, and the gradient (y − t)/N,
// each in one pass. They compute what the composed ops (functions/activations.ts,
// functions/losses.ts, layers/softmax-with-loss.ts) compute, rounding for rounding and in
// the same summation order, without their intermediate arrays: at the book's batch
// of 100×10 those allocations cost more than the arithmetic.
import type { FloatArray } from '../types.js';
import { pairwiseSum } from './reduce.js';

const identity = (v: number): number => v;

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
  // the composed ops store every intermediate in y's dtype
  const round = y instanceof Float32Array ? Math.fround : identity;
  const logs = y instanceof Float32Array ? new Float32Array(rows) : new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let max = x[base];
    for (let c = 1; c < cols; c++) {
      const v = x[base + c];
      if (v > max || v !== v) max = v;
    }
    for (let c = 0; c < cols; c++) y[base + c] = Math.exp(round(x[base + c] - max));
    const sum = round(pairwiseSum(y, base, cols));
    for (let c = 0; c < cols; c++) y[base + c] = y[base + c] / sum;
    logs[r] = Math.log(round(y[base + labels[r]] + delta));
  }
  return -round(pairwiseSum(logs, 0, rows)) / rows;
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
  const round = out instanceof Float32Array ? Math.fround : identity;
  const scale = dout / rows;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const d = round(y[base + c] - (c === labels[r] ? 1 : 0));
      out[base + c] = dout === 1 ? d / rows : d * scale;
    }
  }
}
