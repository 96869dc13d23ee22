// SimpleNet (book 4.4.2, ch04/gradient_simplenet.py): one 2×3 weight matrix, softmax,
// cross entropy — the smallest net whose gradient we can take numerically.
import { crossEntropyError, numericalGradient, softmax } from '../functions/index.js';
import type { RandomState, Tensor } from '../tensor/index.js';
import { dot } from '../tensor/index.js';

export interface SimpleNetOptions {
  /** initial weights (2×3); drawn as randn(2, 3) from `rng` when absent */
  W?: Tensor;
  rng?: RandomState;
}

export class SimpleNet {
  W: Tensor;

  constructor({ W, rng }: SimpleNetOptions = {}) {
    if (W) this.W = W;
    else if (rng) this.W = rng.randn(2, 3);
    else throw new Error('SimpleNet: pass initial weights W or a RandomState rng');
  }

  predict(x: Tensor): Tensor {
    return dot(x, this.W);
  }

  loss(x: Tensor, t: Tensor): number {
    return crossEntropyError(softmax(this.predict(x)), t);
  }

  /** ∂loss/∂W by central differences; the loss reads this.W, which is perturbed in place. */
  numericalGradient(x: Tensor, t: Tensor): Tensor {
    return numericalGradient(() => this.loss(x, t), this.W);
  }
}
