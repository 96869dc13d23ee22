// SGD (book 6.1.2): W ← W − lr·∂L/∂W, in place.
import { subScaledInPlace } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor } from './state.js';

/**
 * Stochastic gradient descent (book §6.1.2, eq. 6.1, common/optimizer.py `SGD`): W ← W − lr·∂L/∂W, in place.
 *
 * @example
 * ```ts
 * const optimizer = new SGD(0.1);
 * const grads = net.gradient(xBatch, tBatch);
 * optimizer.update(net.params, grads);
 * ```
 */
export class SGD implements Optimizer {
  /**
   * An SGD optimizer with learning rate `lr`.
   *
   * @param lr - the learning rate (the book's default 0.01)
   */
  constructor(readonly lr = 0.01) {
    checkRate('SGD', 'learning rate', lr);
  }

  update(params: TensorMap, grads: TensorMap): void {
    for (const [key, p] of Object.entries(params)) subScaledInPlace(p, gradFor(grads, key, 'SGD'), this.lr);
  }
}
