// Dropout (book 6.4.3): in training, each activation is kept with probability 1 − ratio.
// NOTE: by default it scales the book's way — not at all while training, by (1 − ratio)
// at test time — so numbers match the book. `inverted: true` instead scales kept
// activations by 1/(1 − ratio) while training and leaves test time alone (as most
// frameworks do); the expected activation is the same either way.
import { greater, mul, type RandomState, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/** Options of the {@link Dropout} layer. */
export interface DropoutOptions {
  /** The fraction dropped, in [0, 1) (default 0.5); the book's `dropout_ration`. */
  ratio?: number;
  /** The generator the masks are drawn from (`rng.rand(...x.shape) > ratio`, as the book's NumPy code). */
  rng: RandomState;
  /**
   * Scale kept activations by 1/(1 − ratio) while training instead of scaling by (1 − ratio) at test time
   * (default false, the book's way).
   */
  inverted?: boolean;
}

/**
 * Dropout (book §6.4.3, common/layers.py `Dropout`): in training, each activation is kept with
 * probability 1 − ratio.
 * NOTE: by default it scales the book's way — not at all while training, by (1 − ratio)
 * at test time — so numbers match the book. `inverted: true` instead scales kept
 * activations by 1/(1 − ratio) while training and leaves test time alone (as most
 * frameworks do); the expected activation is the same either way.
 *
 * @example
 * ```ts
 * const dropout = new Dropout({ ratio: 0.15, rng: new RandomState(0) });
 * const yTrain = dropout.forward(x, true); // about 15% of x zeroed
 * const yTest = dropout.forward(x); // x · 0.85
 * ```
 */
export class Dropout implements Layer {
  /** Empty: dropout has no parameters. */
  readonly params: Params = {};
  /** Empty: dropout has no parameters. */
  readonly grads: Params = {};
  /** The fraction dropped. */
  readonly ratio: number;
  /** Whether kept activations are scaled while training (see `DropoutOptions.inverted`). */
  readonly inverted: boolean;
  private readonly rng: RandomState;
  private mask: Tensor | null = null;
  private frozen = false;

  /** A dropout layer; throws unless `ratio` is in [0, 1). */
  constructor({ ratio = 0.5, rng, inverted = false }: DropoutOptions) {
    if (!(ratio >= 0 && ratio < 1)) throw new Error(`Dropout: ratio must be in [0, 1), got ${ratio}`);
    this.ratio = ratio;
    this.rng = rng;
    this.inverted = inverted;
  }

  /** Reuse the current mask for every training forward (gradient checks need a fixed mask). */
  freezeMask(frozen = true): void {
    this.frozen = frozen;
  }

  forward(x: Tensor, train = false): Tensor {
    if (!train) return this.inverted ? x : mul(x, 1 - this.ratio);
    const sameShape = this.mask && this.mask.shape.join() === x.shape.join();
    if (!this.frozen || !sameShape) {
      // np.random.rand(*x.shape) > ratio, drawn from the generator given
      let mask = greater(this.rng.rand(...x.shape), this.ratio).astype(x.dtype);
      if (this.inverted) mask = mul(mask, 1 / (1 - this.ratio));
      this.mask = mask;
    }
    return mul(x, this.mask!);
  }

  backward(dout: Tensor): Tensor {
    if (!this.mask) throw new Error('Dropout.backward: call forward with train = true first');
    return mul(dout, this.mask);
  }
}
