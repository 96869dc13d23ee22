// ReLU layer (book 5.5.1): y = max(0, x); the gradient flows only where x > 0.
import { lessEqual, reluMap, where, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/**
 * The ReLU layer (book §5.5.1, common/layers.py `Relu`): y = max(0, x); in backward the gradient
 * flows only where x > 0. Unlike the book's, `backward` returns a new tensor instead of zeroing
 * `dout` in place.
 */
export class Relu implements Layer {
  readonly params: Params = {};
  readonly grads: Params = {};
  /** NOTE: 1 where x <= 0, as the book's `mask = (x <= 0)`: at exactly 0 no gradient flows. */
  private mask: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.mask = lessEqual(x, 0);
    return reluMap(x);
  }

  backward(dout: Tensor): Tensor {
    if (!this.mask) throw new Error('Relu.backward: call forward first');
    // The book zeroes dout in place (dout[self.mask] = 0); we return a new tensor instead.
    return where(this.mask, 0, dout);
  }
}
