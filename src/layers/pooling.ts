// Max pooling layer (book 7.4.4, common/layers.py Pooling): each window's maximum; the
// backward sends each gradient to the element that was the maximum, as the book's argmax.
import {
  formatShape,
  maxPool,
  maxPoolBackward,
  type MaxPoolResult,
  type PoolWindow,
  type Tensor,
} from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/** A pooling window (the book's `pool_h`, `pool_w`, `stride`, `pad`). */
export interface PoolingOptions {
  /** window height (the book's pool_h) */
  poolH: number;
  /** window width (the book's pool_w) */
  poolW: number;
  /** step between windows (default 1, as the book's constructor) */
  stride?: number;
  /** zero padding on every side (default 0) */
  pad?: number;
  /**
   * Write every forward's output and backward's dx into the same tensors while the shapes stay
   * (valid until the next call): for a net's inner layers, whose outputs nothing keeps; a fresh
   * multi-megabyte array costs more than the pass that fills it (page faults).
   */
  reuseOutput?: boolean;
}

/**
 * Max pooling over poolH×poolW windows of (N, C, H, W) inputs, channel by channel.
 * NOTE: ties go to the first maximum in the window (np.argmax), and a padded window sees
 * zeros in its padding, as the book's im2col-based layer does.
 * @example
 * const pool = new Pooling({ poolH: 2, poolW: 2, stride: 2 });
 * pool.forward(x); // (N, C, H/2, W/2)
 */
export class Pooling implements Layer {
  readonly params: Params = {};
  readonly grads: Params = {};
  /** the window's size, stride and padding */
  readonly window: PoolWindow;
  private xShape: readonly number[] = [];
  private argmax: Int32Array | null = null;
  private readonly reuseOutput: boolean;
  private last: MaxPoolResult | undefined;
  private dx: Tensor | undefined;

  constructor({ poolH, poolW, stride = 1, pad = 0, reuseOutput = false }: PoolingOptions) {
    for (const [name, v, min] of [
      ['poolH', poolH, 1],
      ['poolW', poolW, 1],
      ['stride', stride, 1],
      ['pad', pad, 0],
    ] as const) {
      if (!Number.isInteger(v) || v < min)
        throw new Error(`Pooling: ${name} must be an integer ≥ ${min}, got ${v}`);
    }
    this.window = { poolH, poolW, stride, pad };
    this.reuseOutput = reuseOutput;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 4) throw new Error(`Pooling: input must be (N, C, H, W), got ${formatShape(x.shape)}`);
    const result = maxPool(x, this.window, 'Pooling', this.last);
    if (this.reuseOutput) this.last = result;
    this.xShape = x.shape;
    this.argmax = result.argmax;
    return result.out;
  }

  backward(dout: Tensor): Tensor {
    if (!this.argmax) throw new Error('Pooling.backward: call forward first');
    const dx = maxPoolBackward(dout, this.argmax, this.xShape, this.window, 'Pooling.backward', this.dx);
    if (this.reuseOutput) this.dx = dx;
    return dx;
  }
}
