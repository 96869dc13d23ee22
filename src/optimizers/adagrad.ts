// AdaGrad (book 6.1.5, eq. 6.5–6.6): h ← h + g⊙g; W ← W − lr·g / (√h + 1e-7).
import { add, div, mul, optimizerStepInPlace, sqrt, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

/**
 * AdaGrad (book §6.1.5, eq. 6.5–6.6, common/optimizer.py `AdaGrad`): h ← h + g⊙g;
 * W ← W − lr·g / (√h + 1e-7), so each parameter's step shrinks as its gradients add up.
 *
 * @example
 * ```ts
 * const optimizer = new AdaGrad(0.01);
 * optimizer.update(net.params, net.gradient(xBatch, tBatch));
 * ```
 */
export class AdaGrad implements Optimizer {
  private h: TensorMap | null = null;

  /**
   * An AdaGrad optimizer; the sums of squared gradients are created on the first update.
   *
   * @param lr - the learning rate (default 0.01)
   */
  constructor(readonly lr = 0.01) {
    checkRate('AdaGrad', 'learning rate', lr);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.h = stateLike(this.h, params);
    for (const [key, p] of Object.entries(params)) {
      const [h, g] = [this.h[key], gradFor(grads, key, 'AdaGrad')];
      // one pass where p, g and h allow it (the same operations, so the same bits)
      if (optimizerStepInPlace(p, g, { rule: 'adagrad', lr: this.lr, h })) continue;
      add(h, mul(g, g), h);
      // NOTE: 1e-7 is added after the square root, as the book does, so h = 0 is safe.
      sub(p, div(mul(g, this.lr), add(sqrt(h), 1e-7)), p);
    }
  }
}
