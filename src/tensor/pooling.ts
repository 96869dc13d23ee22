// Max pooling on tensors (book 7.4.4): the forward keeps where each maximum came from, so
// the backward can route every gradient back to that one input element.
import { kernels } from '../kernels/index.js';
import { allocate, allocateResult } from './dtype.js';
import { geometry } from './im2col.js';
import { formatShape, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/** A window's size and step, the book's pool_h, pool_w, stride and pad. */
export interface PoolWindow {
  /** window height */
  poolH: number;
  /** window width */
  poolW: number;
  /** step between windows */
  stride: number;
  /** zeros on every side of the input */
  pad: number;
}

/** maxPool's result. */
export interface MaxPoolResult {
  /** the windows' maxima, (N, C, outH, outW) */
  out: Tensor;
  /** for each output element, the flat index into x of its maximum (−1: the padding) */
  argmax: Int32Array;
}

/**
 * Max pooling of x (N, C, H, W): out (N, C, outH, outW) and, for each output element, the
 * flat index into x of the window's first maximum (−1 in the zero padding).
 * @param op the name errors start with (the layer's)
 * @param into an earlier result to write over when its shape and dtype fit (saves fresh memory)
 */
export function maxPool(x: Tensor, win: PoolWindow, op = 'maxPool', into?: MaxPoolResult): MaxPoolResult {
  const g = geometry(op, x.shape, win.poolH, win.poolW, win.stride, win.pad);
  const shape = [g.n, g.c, g.outH, g.outW];
  const fits = into && into.out.dtype === x.dtype && formatShape(into.out.shape) === formatShape(shape);
  const out = fits ? into.out : new Tensor(allocateResult(x.dtype, sizeOf(shape)), shape);
  const argmax = fits ? into.argmax : new Int32Array(out.size);
  kernels().maxPool(x.data, g, out.data, argmax);
  return { out, argmax };
}

/**
 * Pooling's backward: dx of `inputShape` with each dout element added where its maximum was.
 * @param into a tensor to write dx into when its shape and dtype fit (saves fresh memory)
 */
export function maxPoolBackward(
  dout: Tensor,
  argmax: Int32Array,
  inputShape: readonly number[],
  win: PoolWindow,
  op = 'maxPoolBackward',
  into?: Tensor,
): Tensor {
  const g = geometry(op, inputShape, win.poolH, win.poolW, win.stride, win.pad);
  const expected = [g.n, g.c, g.outH, g.outW];
  if (formatShape(dout.shape) !== formatShape(expected) || argmax.length !== dout.size) {
    throw new Error(
      `${op}: dout of shape ${formatShape(dout.shape)} does not match the forward's output ${formatShape(expected)}`,
    );
  }
  const fits = into && into.dtype === dout.dtype && formatShape(into.shape) === formatShape(inputShape);
  const dx = fits ? into : new Tensor(allocate(dout.dtype, sizeOf(inputShape)), inputShape);
  kernels().maxPoolBackward(dout.data, argmax, g, dx.data);
  return dx;
}
