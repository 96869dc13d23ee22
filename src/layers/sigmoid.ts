// Sigmoid layer (book 5.5.2): y = 1/(1 + exp(−x)), dx = dout · y · (1 − y).
import { mul, sigmoidMap, sub, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/**
 * The sigmoid layer (book §5.5.2, common/layers.py `Sigmoid`): y = 1/(1 + exp(−x)); backward gives
 * dout · y · (1 − y).
 */
export class Sigmoid implements Layer {
  readonly params: Params = {};
  readonly grads: Params = {};
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.out = sigmoidMap(x);
    return this.out;
  }

  backward(dout: Tensor): Tensor {
    if (!this.out) throw new Error('Sigmoid.backward: call forward first');
    return mul(mul(dout, sub(1, this.out)), this.out);
  }
}
