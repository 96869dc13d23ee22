// SGD (book 6.1.2): W ← W − lr·∂L/∂W, in place.
import { mul, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';

export class SGD implements Optimizer {
  constructor(readonly lr = 0.01) {
    if (!(lr > 0) || !Number.isFinite(lr))
      throw new Error(`SGD: learning rate must be a positive number, got ${lr}`);
  }

  update(params: TensorMap, grads: TensorMap): void {
    for (const key of Object.keys(params)) {
      const g = grads[key];
      if (!g) throw new Error(`SGD.update: no gradient for parameter '${key}'`);
      sub(params[key], mul(g, this.lr), params[key]);
    }
  }
}
