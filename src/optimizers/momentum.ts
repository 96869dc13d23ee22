// Momentum (book 6.1.4, eq. 6.3–6.4): v ← αv − lr·∂L/∂W; W ← W + v.
import { add, mul, optimizerStepInPlace, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

/**
 * Momentum (book §6.1.4, eq. 6.3–6.4, common/optimizer.py `Momentum`): v ← αv − lr·∂L/∂W; W ← W + v.
 * The velocities start at zero on the first update, one per parameter key.
 *
 * @example
 * ```ts
 * const optimizer = new Momentum(0.01, 0.9);
 * optimizer.update(net.params, net.gradient(xBatch, tBatch));
 * ```
 */
export class Momentum implements Optimizer {
  private v: TensorMap | null = null;

  /**
   * A Momentum optimizer; the velocities are created on the first update.
   *
   * @param lr - the learning rate (default 0.01)
   * @param momentum - α, the fraction of the velocity kept per step (default 0.9)
   */
  constructor(
    readonly lr = 0.01,
    readonly momentum = 0.9,
  ) {
    checkRate('Momentum', 'learning rate', lr);
    checkRate('Momentum', 'momentum', momentum, 1);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.v = stateLike(this.v, params);
    for (const [key, p] of Object.entries(params)) {
      const [v, g] = [this.v[key], gradFor(grads, key, 'Momentum')];
      // one pass where p, g and v allow it (the same operations, so the same bits)
      if (optimizerStepInPlace(p, g, { rule: 'momentum', lr: this.lr, momentum: this.momentum, v })) continue;
      sub(mul(v, this.momentum, v), mul(g, this.lr), v);
      add(p, v, p);
    }
  }
}
