// The book's im2col and col2im (common/util.py): a convolution as one matrix product.
// im2col lays every filter-sized patch of the (N, C, H, W) input out as a row, so that
// convolving is col · W; col2im adds the rows' gradients back onto the input.
import { kernels, type ConvGeometry } from '../kernels/index.js';
import { allocate, allocateResult } from './dtype.js';
import { formatShape, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/** Checks a convolution's shapes and works out its output size (errors name `op`). */
export function geometry(
  op: string,
  shape: readonly number[],
  fh: number,
  fw: number,
  stride: number,
  pad: number,
): ConvGeometry {
  if (shape.length !== 4) throw new Error(`${op}: input must be (N, C, H, W), got ${formatShape(shape)}`);
  for (const [name, v, min] of [
    ['filter height', fh, 1],
    ['filter width', fw, 1],
    ['stride', stride, 1],
    ['pad', pad, 0],
  ] as const) {
    if (!Number.isInteger(v) || v < min)
      throw new Error(`${op}: ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  const [n, c, h, w] = shape;
  const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
  if (outH < 1 || outW < 1) {
    throw new Error(
      `${op}: a ${fh}×${fw} filter with pad ${pad} does not fit an input of ${h}×${w} (output ${outH}×${outW})`,
    );
  }
  return { n, c, h, w, fh, fw, stride, pad, outH, outW };
}

/**
 * The book's {@link im2col} (book §7.4.3, common/util.py): (N, C, H, W) → (N·outH·outW, C·fh·fw), each
 * filter-sized patch a row, with zero padding `pad` on every side, so that a convolution is one
 * matrix product. outH = ⌊(H + 2·pad − fh) / stride⌋ + 1 (book eq. 7.1), and likewise outW.
 *
 * @param fh - filter height
 * @param fw - filter width
 * @example
 * ```ts
 * const x = new RandomState(0).rand(1, 3, 7, 7);
 * im2col(x, 5, 5, 1, 0).shape; // [9, 75], as in the book
 * ```
 */
export function im2col(x: Tensor, fh: number, fw: number, stride = 1, pad = 0): Tensor {
  const g = geometry('im2col', x.shape, fh, fw, stride, pad);
  const shape = [g.n * g.outH * g.outW, g.c * fh * fw];
  // every element written, padding included
  const col = new Tensor(allocateResult(x.dtype, sizeOf(shape)), shape);
  kernels().im2col(x.data, g, col.data);
  return col;
}

/**
 * The book's {@link col2im} (book §7.4.3, common/util.py): im2col's adjoint, (N·outH·outW, C·fh·fw) →
 * `inputShape` (N, C, H, W); overlapping patches add up, as the convolution's backward needs.
 *
 * @param fh - filter height
 * @param fw - filter width
 */
export function col2im(
  col: Tensor,
  inputShape: readonly number[],
  fh: number,
  fw: number,
  stride = 1,
  pad = 0,
): Tensor {
  const g = geometry('col2im', inputShape, fh, fw, stride, pad);
  const rows = g.n * g.outH * g.outW;
  const cols = g.c * fh * fw;
  if (col.ndim !== 2 || col.shape[0] !== rows || col.shape[1] !== cols) {
    throw new Error(
      `col2im: col of shape ${formatShape(col.shape)} does not match input ${formatShape(inputShape)} ` +
        `with a ${fh}×${fw} filter, stride ${stride}, pad ${pad}: expected (${rows},${cols})`,
    );
  }
  const out = new Tensor(allocate(col.dtype, sizeOf(inputShape)), inputShape);
  kernels().col2im(col.data, g, out.data);
  return out;
}
