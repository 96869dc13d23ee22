// SGD (book 6.1.2): W ← W − lr·∂L/∂W, in place.
import { subScaledInPlace } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor } from './state.js';

export class SGD implements Optimizer {
  constructor(readonly lr = 0.01) {
    checkRate('SGD', 'learning rate', lr);
  }

  update(params: TensorMap, grads: TensorMap): void {
    for (const [key, p] of Object.entries(params)) subScaledInPlace(p, gradFor(grads, key, 'SGD'), this.lr);
  }
}
