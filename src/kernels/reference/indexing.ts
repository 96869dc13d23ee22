// Reference kernels that move elements: transpose, row gathers and one-hot labels.
import type { FloatArray } from '../types.js';

/** The reference `Kernels.transpose2d`: out (rows×cols) = xᵀ. */
export function transpose2d(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
  // x is cols×rows; out is rows×cols
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = x[c * rows + r];
  }
}

/** The reference `Kernels.transposeBatched`: each (cols×rows) block of x transposed into out. */
export function transposeBatched(
  x: FloatArray,
  batch: number,
  rows: number,
  cols: number,
  out: FloatArray,
): void {
  const per = rows * cols;
  for (let b = 0; b < batch; b++)
    transpose2d(x.subarray(b * per, (b + 1) * per), rows, cols, out.subarray(b * per, (b + 1) * per));
}

/** The reference `Kernels.gatherRows`: out[r, :] = x[indices[r], :]. */
export function gatherRows(
  x: FloatArray,
  rowSize: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): void {
  // single elements (labels) directly: a subarray per element costs more than the copy
  if (rowSize === 1) {
    for (let r = 0; r < indices.length; r++) out[r] = x[indices[r]];
    return;
  }
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * rowSize;
    out.set(x.subarray(from, from + rowSize), r * rowSize);
  }
}

/** The reference `Kernels.takeAlongRows`: out[r] = x[r, indices[r]]. */
export function takeAlongRows(
  x: FloatArray,
  cols: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): void {
  for (let r = 0; r < indices.length; r++) out[r] = x[r * cols + indices[r]];
}

/** The reference `Kernels.oneHot`: one-hot rows for integer labels. */
export function oneHot(labels: ArrayLike<number>, classes: number, out: FloatArray): void {
  out.fill(0);
  for (let r = 0; r < labels.length; r++) out[r * classes + labels[r]] = 1;
}
