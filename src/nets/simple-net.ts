// SimpleNet (book 4.4.2, ch04/gradient_simplenet.py): one 2×3 weight matrix, softmax,
// cross entropy — the smallest net whose gradient we can take numerically.
import { crossEntropyError, numericalGradient, softmax } from '../functions/index.js';
import type { RandomState, Tensor } from '../tensor/index.js';
import { dot } from '../tensor/index.js';

/** Options of {@link SimpleNet}: initial weights, or a generator to draw them from. */
export interface SimpleNetOptions {
  /** initial weights (2×3); drawn as randn(2, 3) from `rng` when absent */
  W?: Tensor;
  /** Draws W as `rng.randn(2, 3)` when `W` is absent. */
  rng?: RandomState;
}

/**
 * The book's simpleNet (book §4.4.2, ch04/gradient_simplenet.py): one 2×3 weight matrix, softmax,
 * cross entropy — the smallest net whose gradient can be taken numerically.
 *
 * @example
 * ```ts
 * const W = tensor([
 *   [0.47355232, 0.9977393, 0.84668094],
 *   [0.85557411, 0.03563661, 0.69422093],
 * ]);
 * const net = new SimpleNet({ W });
 * const x = tensor([0.6, 0.9]);
 * const t = tensor([0, 0, 1]);
 * net.loss(x, t); // 0.92806828… (book §4.4.2 prints 0.92806853… from its unrounded W)
 * net.numericalGradient(x, t); // dW, shape (2, 3)
 * ```
 */
export class SimpleNet {
  /** The weights (2, 3); {@link numericalGradient} perturbs them in place. */
  W: Tensor;

  /** Uses `W` if given, else draws it from `rng`; throws if neither is given. */
  constructor({ W, rng }: SimpleNetOptions = {}) {
    if (W) this.W = W;
    else if (rng) this.W = rng.randn(2, 3);
    else throw new Error('SimpleNet: pass initial weights W or a RandomState rng');
  }

  /** The scores x·W. */
  predict(x: Tensor): Tensor {
    return dot(x, this.W);
  }

  /** Cross entropy of softmax(x·W) against `t` (one-hot or an integer label). */
  loss(x: Tensor, t: Tensor): number {
    return crossEntropyError(softmax(this.predict(x)), t);
  }

  /** ∂loss/∂W by central differences; the loss reads this.W, which is perturbed in place and restored. */
  numericalGradient(x: Tensor, t: Tensor): Tensor {
    return numericalGradient(() => this.loss(x, t), this.W);
  }
}
