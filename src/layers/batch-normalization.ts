// BatchNormalization (book 6.3, common/layers.py): normalize each activation over the
// batch, then scale by gamma and shift by beta. Running mean and variance (momentum 0.9)
// serve at test time. NOTE: as in the book, a 4-D input (N, C, H, W) is normalized per
// activation (flattened to N × C·H·W), not per channel; eps is the book's 10e-7 (= 1e-6).
import {
  add,
  div,
  formatShape,
  mean,
  mul,
  sqrt,
  square,
  sub,
  sum,
  zeros,
  type Tensor,
} from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

const EPS = 1e-6;

/** Options of the {@link BatchNormalization} layer. */
export interface BatchNormalizationOptions {
  /** The weight of the old running mean and variance in each update (default 0.9, as the book). */
  momentum?: number;
}

/**
 * Batch Normalization (book §6.3, common/layers.py `BatchNormalization`): normalize each activation
 * over the batch, then scale by `gamma` and shift by `beta`. Running mean and variance (momentum
 * 0.9) serve at test time (`train = false`).
 * NOTE: as in the book, a 4-D input (N, C, H, W) is normalized per activation (flattened to
 * N × C·H·W), not per channel; eps is the book's 10e-7 (= 1e-6).
 *
 * @example
 * ```ts
 * const bn = new BatchNormalization(ones([100]), zeros([100]));
 * const y = bn.forward(x, true); // each of the 100 columns has mean 0 and variance ≈ 1
 * ```
 */
export class BatchNormalization implements Layer {
  /** `gamma` (scale) and `beta` (shift), one per activation. */
  readonly params: Params;
  /** `gamma` and `beta`'s gradients, set by `backward`. */
  readonly grads: Params = {};
  /** The weight of the old running statistics in each update. */
  readonly momentum: number;
  /** The running mean used at test time (zeros until the first forward creates it). */
  runningMean: Tensor | null = null;
  /** The running variance used at test time (zeros until the first forward creates it). */
  runningVar: Tensor | null = null;
  private cache: { xc: Tensor; xn: Tensor; std: Tensor; batchSize: number } | null = null;
  private inputShape: readonly number[] = [];

  /** Wraps `gamma` and `beta` (equal 1-D, not copied). */
  constructor(gamma: Tensor, beta: Tensor, { momentum = 0.9 }: BatchNormalizationOptions = {}) {
    if (gamma.ndim !== 1 || beta.ndim !== 1 || gamma.size !== beta.size) {
      throw new Error(
        `BatchNormalization: gamma ${formatShape(gamma.shape)} and beta ${formatShape(beta.shape)} must be equal 1-D`,
      );
    }
    this.params = { gamma, beta };
    this.momentum = momentum;
  }

  forward(x: Tensor, train = false): Tensor {
    this.inputShape = x.shape;
    const x2 = x.ndim === 2 ? x : x.reshape(x.shape[0], -1);
    const { gamma, beta } = this.params;
    if (x2.shape[1] !== gamma.size) {
      throw new Error(
        `BatchNormalization.forward: input ${formatShape(x.shape)} has ${x2.shape[1]} activations, gamma has ${gamma.size}`,
      );
    }
    this.runningMean ??= zeros([gamma.size], x.dtype);
    this.runningVar ??= zeros([gamma.size], x.dtype);
    let xn: Tensor;
    if (train) {
      const mu = mean(x2, 0);
      const xc = sub(x2, mu);
      const variance = mean(square(xc), 0);
      const std = sqrt(add(variance, EPS));
      xn = div(xc, std);
      this.cache = { xc, xn, std, batchSize: x2.shape[0] };
      const m = this.momentum;
      this.runningMean = add(mul(this.runningMean, m), mul(mu, 1 - m));
      this.runningVar = add(mul(this.runningVar, m), mul(variance, 1 - m));
    } else {
      xn = div(sub(x2, this.runningMean), sqrt(add(this.runningVar, EPS)));
    }
    return add(mul(gamma, xn), beta).reshape(...this.inputShape);
  }

  backward(dout: Tensor): Tensor {
    if (!this.cache) throw new Error('BatchNormalization.backward: call forward with train = true first');
    const { xc, xn, std, batchSize } = this.cache;
    const d = dout.ndim === 2 ? dout : dout.reshape(dout.shape[0], -1);
    this.grads.beta = sum(d, 0);
    this.grads.gamma = sum(mul(xn, d), 0);
    const dxn = mul(this.params.gamma, d);
    const dxc = div(dxn, std);
    const dstd = mul(sum(div(mul(dxn, xc), mul(std, std)), 0), -1);
    const dvar = div(mul(dstd, 0.5), std);
    add(dxc, mul(mul(xc, 2 / batchSize), dvar), dxc);
    const dmu = sum(dxc, 0);
    return sub(dxc, div(dmu, batchSize)).reshape(...this.inputShape);
  }
}
