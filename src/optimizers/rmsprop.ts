// RMSprop (book common/optimizer.py): h ← ρh + (1 − ρ)g⊙g; W ← W − lr·g / (√h + 1e-7).
import { add, div, mul, optimizerStepInPlace, sqrt, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

/**
 * RMSprop (book §6.1.5's note, common/optimizer.py `RMSprop`): h ← ρh + (1 − ρ)g⊙g;
 * W ← W − lr·g / (√h + 1e-7) — AdaGrad that forgets old gradients.
 */
export class RMSprop implements Optimizer {
  private h: TensorMap | null = null;

  /**
   * An RMSprop optimizer; the running averages are created on the first update.
   *
   * @param lr - the learning rate (default 0.01)
   * @param decayRate - ρ, the fraction of h kept per step (default 0.99)
   */
  constructor(
    readonly lr = 0.01,
    readonly decayRate = 0.99,
  ) {
    checkRate('RMSprop', 'learning rate', lr);
    checkRate('RMSprop', 'decay rate', decayRate, 1);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.h = stateLike(this.h, params);
    for (const [key, p] of Object.entries(params)) {
      const [h, g] = [this.h[key], gradFor(grads, key, 'RMSprop')];
      // one pass where p, g and h allow it (the same operations, so the same bits)
      if (optimizerStepInPlace(p, g, { rule: 'rmsprop', lr: this.lr, decayRate: this.decayRate, h }))
        continue;
      mul(h, this.decayRate, h);
      add(h, mul(mul(g, 1 - this.decayRate), g), h);
      sub(p, div(mul(g, this.lr), add(sqrt(h), 1e-7)), p);
    }
  }
}
