// ReLU layer (book 5.5.1): y = max(0, x); the gradient flows only where x > 0.
import { reluMap, where, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/** Relu's options. */
export interface ReluOptions {
  /**
   * Write every forward's output and backward's dx into the same tensors while the shape stays
   * (valid until the next call): for a net's inner layers, whose outputs nothing keeps; a fresh
   * multi-megabyte array costs more than the pass that fills it (page faults).
   */
  reuseOutput?: boolean;
}

/**
 * The ReLU layer (book §5.5.1, common/layers.py `Relu`): y = max(0, x); in backward the gradient
 * flows only where x > 0. Unlike the book's, `backward` returns a new tensor instead of zeroing
 * `dout` in place.
 */
export class Relu implements Layer {
  readonly params: Params = {};
  readonly grads: Params = {};
  private readonly reuseOutput: boolean;

  constructor({ reuseOutput = false }: ReluOptions = {}) {
    this.reuseOutput = reuseOutput;
  }

  /**
   * The output, which serves as the book's `mask = (x <= 0)` inverted: NOTE: out != 0 exactly
   * where x <= 0 is false (relu keeps NaN and turns −0 into 0), so at exactly 0 no gradient
   * flows, as in the book; one pass over x instead of two (relu and the mask).
   */
  private out: Tensor | null = null;
  private dx: Tensor | undefined;

  forward(x: Tensor): Tensor {
    const last = this.out;
    const fits = this.reuseOutput && last && last.dtype === x.dtype && last.size === x.size;
    this.out = fits ? reluMap(x, last.reshape(...x.shape)) : reluMap(x);
    return this.out;
  }

  backward(dout: Tensor): Tensor {
    if (!this.out) throw new Error('Relu.backward: call forward first');
    // The book zeroes dout in place (dout[self.mask] = 0); we return a new tensor instead
    // (with reuseOutput, the same one each time)
    const last = this.dx;
    const fits = this.reuseOutput && last && last.dtype === dout.dtype && last.size === dout.size;
    const dx = where(this.out, dout, 0, fits ? last.reshape(...dout.shape) : undefined);
    if (this.reuseOutput) this.dx = dx;
    return dx;
  }
}
