// MultiLayerNetExtend (book common/multi_layer_net_extend.py): fully connected layers
// Affine → [BatchNormalization] → ReLU/Sigmoid → [Dropout], repeated, then Affine →
// SoftmaxWithLoss; with weight decay ½λ‖W‖² on every weight. Keys W1…, b1…, gamma1…, beta1….
import { numericalGradient } from '../functions/index.js';
import {
  Affine,
  BatchNormalization,
  Dropout,
  Relu,
  Sigmoid,
  SoftmaxWithLoss,
  type Layer,
  type Params,
} from '../layers/index.js';
import { add, mul, ones, sum, zeros, type DType, type RandomState, type Tensor } from '../tensor/index.js';
import { accuracyOf } from './accuracy.js';
import { initScale, type WeightInit } from './init.js';
import type { Net } from './net.js';
import type { Activation } from './two-layer-net.js';

/** Options of {@link MultiLayerNetExtend}, the book's constructor arguments plus a generator and a dtype. */
export interface MultiLayerNetExtendOptions {
  /** Inputs per sample (784 for MNIST). */
  inputSize: number;
  /** Units in each hidden layer, first to last (at least one). */
  hiddenSizeList: number[];
  /** Classes (10 for MNIST). */
  outputSize: number;
  /** The hidden activation (default `'relu'`). */
  activation?: Activation;
  /** standard deviation, or 'he'/'relu' (default) or 'xavier'/'sigmoid' */
  weightInitStd?: WeightInit;
  /** λ of the weight decay ½λ‖W‖² added to the loss for every weight (default 0; book §6.4.2). */
  weightDecayLambda?: number;
  /** A {@link Dropout} layer after every hidden activation (default false; book §6.4.3). */
  useDropout?: boolean;
  /** the book's dropout_ration */
  dropoutRatio?: number;
  /** A {@link BatchNormalization} layer before every hidden activation (default false; book §6.3). */
  useBatchnorm?: boolean;
  /** draws the weights, then the dropout masks while training */
  rng: RandomState;
  /** float64 as the book (default); float32 to train faster. */
  dtype?: DType;
  /** The +1e-7 inside the loss's log; 0 makes backprop's gradient exact (gradient checks). */
  lossDelta?: number;
}

/**
 * The book's extended fully connected net (book §6.3.2, §6.4.3, common/multi_layer_net_extend.py):
 * Affine → [BatchNormalization] → ReLU/Sigmoid → [Dropout], repeated, then Affine → SoftmaxWithLoss;
 * with weight decay ½λ‖W‖² on every weight. Keys `W1…`, `b1…`, `gamma1…`, `beta1…`.
 * `predict`, `loss` and `accuracy` run in test mode unless `train` is true; `gradient` trains.
 *
 * @example
 * ```ts
 * const net = new MultiLayerNetExtend({
 *   inputSize: 784,
 *   hiddenSizeList: [100, 100, 100, 100, 100],
 *   outputSize: 10,
 *   weightInitStd: 0.01,
 *   useBatchnorm: true,
 *   rng: new RandomState(0),
 * });
 * net.params.gamma1.shape; // [100]
 * ```
 */
export class MultiLayerNetExtend implements Net {
  readonly params: Params = {};
  readonly dtype: DType;
  /** The options in effect, defaults filled in (for saving and describing the net). */
  readonly options: Required<Omit<MultiLayerNetExtendOptions, 'rng' | 'lossDelta' | 'dtype'>>;
  private readonly layers: Layer[] = [];
  private readonly affines: Affine[] = [];
  private readonly batchNorms: BatchNormalization[] = [];
  /** The dropout layers, first to last (empty without `useDropout`); gradient checks freeze their masks. */
  readonly dropouts: Dropout[] = [];
  private readonly lastLayer: SoftmaxWithLoss;

  /**
   * Draws every weight first, in order, from `o.rng` (as the book's `__init_weight`); the dropout
   * layers then draw their masks from the same generator while training.
   */
  constructor(o: MultiLayerNetExtendOptions) {
    const opts = {
      activation: 'relu' as Activation,
      weightInitStd: 'relu' as WeightInit,
      weightDecayLambda: 0,
      useDropout: false,
      dropoutRatio: 0.5,
      useBatchnorm: false,
      ...o,
    };
    const sizes = [opts.inputSize, ...opts.hiddenSizeList, opts.outputSize];
    if (opts.hiddenSizeList.length === 0)
      throw new Error('MultiLayerNet: hiddenSizeList must name at least one hidden layer');
    sizes.forEach((n) => {
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`MultiLayerNet: layer sizes must be positive integers, got ${sizes.join(', ')}`);
    });
    if (opts.activation !== 'relu' && opts.activation !== 'sigmoid') {
      throw new Error(
        `MultiLayerNet: unknown activation '${String(opts.activation)}' (use 'relu' or 'sigmoid')`,
      );
    }
    if (!(opts.weightDecayLambda >= 0))
      throw new Error(`MultiLayerNet: weightDecayLambda must be >= 0, got ${opts.weightDecayLambda}`);
    this.options = {
      inputSize: opts.inputSize,
      hiddenSizeList: [...opts.hiddenSizeList],
      outputSize: opts.outputSize,
      activation: opts.activation,
      weightInitStd: opts.weightInitStd,
      weightDecayLambda: opts.weightDecayLambda,
      useDropout: opts.useDropout,
      dropoutRatio: opts.dropoutRatio,
      useBatchnorm: opts.useBatchnorm,
    };
    this.dtype = o.dtype ?? 'float64';
    // all weights first, in order, as the book's __init_weight draws them
    for (let i = 1; i < sizes.length; i++) {
      const scale = initScale(opts.weightInitStd, sizes[i - 1]);
      this.params[`W${i}`] = mul(o.rng.randn(sizes[i - 1], sizes[i]), scale).astype(this.dtype);
      this.params[`b${i}`] = zeros([sizes[i]], this.dtype);
    }
    const hidden = opts.hiddenSizeList.length;
    for (let i = 1; i <= hidden + 1; i++) {
      // the first layer's input is data: its dx is never needed
      const affine = new Affine(this.params[`W${i}`], this.params[`b${i}`], { skipInputGradient: i === 1 });
      this.affines.push(affine);
      this.layers.push(affine);
      if (i > hidden) break;
      if (opts.useBatchnorm) {
        this.params[`gamma${i}`] = ones([sizes[i]], this.dtype);
        this.params[`beta${i}`] = zeros([sizes[i]], this.dtype);
        const bn = new BatchNormalization(this.params[`gamma${i}`], this.params[`beta${i}`]);
        this.batchNorms.push(bn);
        this.layers.push(bn);
      }
      this.layers.push(opts.activation === 'relu' ? new Relu() : new Sigmoid());
      if (opts.useDropout) {
        const d = new Dropout({ ratio: opts.dropoutRatio, rng: o.rng });
        this.dropouts.push(d);
        this.layers.push(d);
      }
    }
    this.lastLayer = new SoftmaxWithLoss(o.lossDelta);
  }

  /** The batch-norm layers' running statistics (needed to run the net at test time). */
  get runningStats(): Params {
    const out: Params = {};
    this.batchNorms.forEach((bn, i) => {
      if (bn.runningMean) out[`running_mean${i + 1}`] = bn.runningMean;
      if (bn.runningVar) out[`running_var${i + 1}`] = bn.runningVar;
    });
    return out;
  }

  /**
   * Restores the batch-norm layers' running statistics, as `runningStats` returns them (keys
   * `running_mean1`, `running_var1`, …); missing keys leave a layer's statistics as they are.
   */
  setRunningStats(stats: Params): void {
    this.batchNorms.forEach((bn, i) => {
      bn.runningMean = stats[`running_mean${i + 1}`] ?? bn.runningMean;
      bn.runningVar = stats[`running_var${i + 1}`] ?? bn.runningVar;
    });
  }

  predict(x: Tensor, train = false): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, train);
    return out;
  }

  loss(x: Tensor, t: Tensor, train = false): number {
    const y = this.predict(x, train);
    let weightDecay = 0;
    const lambda = this.options.weightDecayLambda;
    if (lambda > 0)
      for (const a of this.affines) weightDecay += 0.5 * lambda * sum(mul(a.params.W, a.params.W));
    return this.lastLayer.forward(y, t) + weightDecay;
  }

  accuracy(x: Tensor, t: Tensor): number {
    return accuracyOf(this.predict(x, false), t);
  }

  numericalGradient(x: Tensor, t: Tensor): Params {
    const grads: Params = {};
    for (const [key, p] of Object.entries(this.params))
      grads[key] = numericalGradient(() => this.loss(x, t, true), p);
    return grads;
  }

  gradient(x: Tensor, t: Tensor): Params {
    this.loss(x, t, true);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 0; i--) dout = this.layers[i].backward(dout);
    const grads: Params = {};
    const lambda = this.options.weightDecayLambda;
    this.affines.forEach((a, i) => {
      grads[`W${i + 1}`] = lambda > 0 ? add(a.grads.W, mul(a.params.W, lambda)) : a.grads.W;
      grads[`b${i + 1}`] = a.grads.b;
    });
    this.batchNorms.forEach((bn, i) => {
      grads[`gamma${i + 1}`] = bn.grads.gamma;
      grads[`beta${i + 1}`] = bn.grads.beta;
    });
    return grads;
  }
}
