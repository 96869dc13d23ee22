// TwoLayerNet (book ch04/two_layer_net.py and ch05/two_layer_net.py): Affine → ReLU or
// Sigmoid → Affine → SoftmaxWithLoss. Sigmoid is chapter 4's net, ReLU chapter 5's.
import { numericalGradient } from '../functions/index.js';
import { Affine, Relu, Sigmoid, SoftmaxWithLoss, type Layer, type Params } from '../layers/index.js';
import { mul, zeros, type DType, type RandomState, type Tensor } from '../tensor/index.js';
import { accuracyOf } from './accuracy.js';
import type { Net } from './net.js';

/** The hidden layers' activation: `'relu'` (chapter 5's net) or `'sigmoid'` (chapter 4's). */
export type Activation = 'relu' | 'sigmoid';

/** Options of {@link TwoLayerNet}, the book's constructor arguments plus a generator and a dtype. */
export interface TwoLayerNetOptions {
  /** Inputs per sample (784 for MNIST). */
  inputSize: number;
  /** Units in the hidden layer (the book uses 50). */
  hiddenSize: number;
  /** Classes (10 for MNIST). */
  outputSize: number;
  /** W1 and W2 are weightInitStd · randn(…), drawn W1 first as the book does (default 0.01). */
  weightInitStd?: number;
  /** The hidden activation (default `'relu'`). */
  activation?: Activation;
  /** The generator the weights are drawn from. */
  rng: RandomState;
  /** float64 as the book; float32 to train faster */
  dtype?: DType;
  /** the +1e-7 inside the loss's log; 0 makes backprop's gradient exact (gradient checks) */
  lossDelta?: number;
}

/**
 * The book's two-layer net (book §4.5.1 ch04/two_layer_net.py with `activation: 'sigmoid'`;
 * book §5.7.2 ch05/two_layer_net.py with `'relu'`, the default): Affine → ReLU or Sigmoid →
 * Affine → SoftmaxWithLoss. Parameters `W1`, `b1`, `W2`, `b2`.
 *
 * @example
 * ```ts
 * import { RandomState, SGD, TwoLayerNet } from 'scratchnet';
 * const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: new RandomState(0) });
 * const grads = net.gradient(xBatch, tBatch); // backprop: grads.W1, grads.b1, …
 * new SGD(0.1).update(net.params, grads);
 * net.accuracy(xTest, tTest);
 * ```
 */
export class TwoLayerNet implements Net {
  readonly params: Params;
  readonly dtype: DType;
  /** The hidden activation chosen. */
  readonly activation: Activation;
  private readonly layers: Layer[];
  private readonly lastLayer: SoftmaxWithLoss;

  /** Draws W1 then W2 from `opts.rng` (as the book's `__init__`); the biases start at zero. */
  constructor(opts: TwoLayerNetOptions) {
    const { inputSize, hiddenSize, outputSize, weightInitStd = 0.01, activation = 'relu', rng } = opts;
    for (const [name, v] of Object.entries({ inputSize, hiddenSize, outputSize })) {
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`TwoLayerNet: ${name} must be a positive integer, got ${v}`);
    }
    if (activation !== 'relu' && activation !== 'sigmoid') {
      throw new Error(`TwoLayerNet: unknown activation '${String(activation)}' (use 'relu' or 'sigmoid')`);
    }
    this.dtype = opts.dtype ?? 'float64';
    this.activation = activation;
    const init = (rows: number, cols: number): Tensor =>
      mul(rng.randn(rows, cols), weightInitStd).astype(this.dtype);
    const W1 = init(inputSize, hiddenSize);
    const W2 = init(hiddenSize, outputSize);
    this.params = { W1, b1: zeros([hiddenSize], this.dtype), W2, b2: zeros([outputSize], this.dtype) };
    this.layers = [
      // The first layer's input is data, so its dx is never needed.
      new Affine(W1, this.params.b1, { skipInputGradient: true }),
      activation === 'relu' ? new Relu() : new Sigmoid(),
      new Affine(W2, this.params.b2),
    ];
    this.lastLayer = new SoftmaxWithLoss(opts.lossDelta);
  }

  predict(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, false);
    return out;
  }

  loss(x: Tensor, t: Tensor): number {
    return this.lastLayer.forward(this.predict(x), t);
  }

  accuracy(x: Tensor, t: Tensor): number {
    return accuracyOf(this.predict(x), t);
  }

  numericalGradient(x: Tensor, t: Tensor): Params {
    const grads: Params = {};
    for (const [key, p] of Object.entries(this.params))
      grads[key] = numericalGradient(() => this.loss(x, t), p);
    return grads;
  }

  gradient(x: Tensor, t: Tensor): Params {
    this.loss(x, t);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 0; i--) dout = this.layers[i].backward(dout);
    const [affine1, , affine2] = this.layers;
    return { W1: affine1.grads.W, b1: affine1.grads.b, W2: affine2.grads.W, b2: affine2.grads.b };
  }
}
