// Nesterov's accelerated gradient (book common/optimizer.py), in the reformulation that
// needs only the gradient at the current point.
import { add, mul, optimizerStepInPlace, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

/**
 * Nesterov's accelerated gradient (the book's common/optimizer.py `Nesterov`), in the
 * reformulation that needs only the gradient at the current point: v ← αv − lr·g;
 * W ← W + α²v − (1 + α)·lr·g, with the new v (as the book prints it).
 */
export class Nesterov implements Optimizer {
  private v: TensorMap | null = null;

  /**
   * A Nesterov optimizer; the velocities are created on the first update.
   *
   * @param lr - the learning rate (default 0.01)
   * @param momentum - α, the fraction of the velocity kept per step (default 0.9)
   */
  constructor(
    readonly lr = 0.01,
    readonly momentum = 0.9,
  ) {
    checkRate('Nesterov', 'learning rate', lr);
    checkRate('Nesterov', 'momentum', momentum, 1);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.v = stateLike(this.v, params);
    const m = this.momentum;
    for (const [key, p] of Object.entries(params)) {
      const [v, g] = [this.v[key], gradFor(grads, key, 'Nesterov')];
      // one pass where p, g and v allow it (the same operations, so the same bits)
      if (optimizerStepInPlace(p, g, { rule: 'nesterov', lr: this.lr, momentum: m, v })) continue;
      // NOTE: as printed in the book, v is updated first and the new v is then used, so the
      // first step (v = 0) moves p by −(1 + m + m²)·lr·g, not −(1 + m)·lr·g.
      mul(v, m, v);
      sub(v, mul(g, this.lr), v);
      add(p, mul(v, m * m), p);
      sub(p, mul(g, (1 + m) * this.lr), p);
    }
  }
}
