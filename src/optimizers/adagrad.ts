// AdaGrad (book 6.1.5, eq. 6.5–6.6): h ← h + g⊙g; W ← W − lr·g / (√h + 1e-7).
import { add, div, mul, sqrt, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

export class AdaGrad implements Optimizer {
  private h: TensorMap | null = null;

  constructor(readonly lr = 0.01) {
    checkRate('AdaGrad', 'learning rate', lr);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.h = stateLike(this.h, params);
    for (const [key, p] of Object.entries(params)) {
      const [h, g] = [this.h[key], gradFor(grads, key, 'AdaGrad')];
      add(h, mul(g, g), h);
      // NOTE: 1e-7 is added after the square root, as the book does, so h = 0 is safe.
      sub(p, div(mul(g, this.lr), add(sqrt(h), 1e-7)), p);
    }
  }
}
