// SimpleConvNet (book 7.5, ch07/simple_convnet.py): Convolution → ReLU → Pooling(2×2,
// stride 2) → Affine → ReLU → Affine → SoftmaxWithLoss. Keys W1 b1 (the filters), W2 b2, W3 b3.
import { numericalGradient } from '../functions/index.js';
import {
  Affine,
  Convolution,
  Pooling,
  Relu,
  SoftmaxWithLoss,
  type Layer,
  type Params,
} from '../layers/index.js';
import { mul, zeros, type DType, type RandomState, type Tensor } from '../tensor/index.js';
import { batchedAccuracy } from './accuracy.js';
import type { Net } from './net.js';

/** The first layer's filters, the book's conv_param. */
export interface ConvParam {
  /** number of filters (output channels) */
  filterNum: number;
  /** filters are filterSize×filterSize */
  filterSize: number;
  /** zeros on every side of the input */
  pad: number;
  /** step between patches */
  stride: number;
}

/** SimpleConvNet's constructor arguments, the book's with their defaults (ch07/simple_convnet.py). */
export interface SimpleConvNetOptions {
  /** (channels, height, width) of one input image; default (1, 28, 28) */
  inputDim?: readonly [number, number, number];
  /** default 30 filters 5×5, pad 0, stride 1 */
  convParam?: ConvParam;
  /** units of the hidden Affine layer (default 100) */
  hiddenSize?: number;
  /** classes (default 10) */
  outputSize?: number;
  /** standard deviation of every initial weight (default 0.01) */
  weightInitStd?: number;
  /** draws W1, W2, W3 in that order, as the book */
  rng: RandomState;
  /** float64 as the book; float32 to train faster */
  dtype?: DType;
  /** the +1e-7 inside the loss's log; 0 makes backprop's gradient exact (gradient checks) */
  lossDelta?: number;
}

/** The architecture a SimpleConvNet was built with (what a saved file records). */
export type SimpleConvNetArchitecture = Required<Omit<SimpleConvNetOptions, 'rng' | 'dtype' | 'lossDelta'>>;

function positiveInts(net: string, values: Record<string, number>, min = 1): void {
  for (const [name, v] of Object.entries(values))
    if (!Number.isInteger(v) || v < min)
      throw new Error(`${net}: ${name} must be an integer ≥ ${min}, got ${v}`);
}

/** The output size of a convolution or pooling along one axis (book eq. 7.1). */
export function convOutputSize(input: number, filter: number, stride: number, pad: number): number {
  return Math.floor((input + 2 * pad - filter) / stride) + 1;
}

/**
 * The book's chapter 7 network: one convolution with pooling, then two Affine layers.
 * @example
 * const net = new SimpleConvNet({ rng: new RandomState(0), dtype: 'float32' });
 * net.loss(xBatch, tBatch); // xBatch (N, 1, 28, 28)
 */
export class SimpleConvNet implements Net {
  readonly params: Params;
  readonly dtype: DType;
  /** the architecture it was built with */
  readonly options: SimpleConvNetArchitecture;
  private readonly layers: Layer[];
  private readonly lastLayer: SoftmaxWithLoss;

  constructor(o: SimpleConvNetOptions) {
    const {
      inputDim = [1, 28, 28],
      convParam = { filterNum: 30, filterSize: 5, pad: 0, stride: 1 },
      hiddenSize = 100,
      outputSize = 10,
      weightInitStd = 0.01,
      rng,
    } = o;
    const [C, H, W] = inputDim;
    const { filterNum, filterSize, pad, stride } = convParam;
    positiveInts('SimpleConvNet', {
      channels: C,
      height: H,
      width: W,
      filterNum,
      filterSize,
      stride,
      hiddenSize,
      outputSize,
    });
    positiveInts('SimpleConvNet', { pad }, 0);
    const [convH, convW] = [
      convOutputSize(H, filterSize, stride, pad),
      convOutputSize(W, filterSize, stride, pad),
    ];
    if (convH < 2 || convW < 2) {
      throw new Error(
        `SimpleConvNet: a ${filterSize}×${filterSize} filter (pad ${pad}, stride ${stride}) on ${H}×${W} ` +
          `inputs leaves ${convH}×${convW}, too small for the 2×2 pooling`,
      );
    }
    // NOTE: the book sizes W2 as filter_num·(conv_output_size/2)², which assumes a square,
    // even convolution output; the pooling's real output size is used instead (the same there)
    const poolOut = filterNum * convOutputSize(convH, 2, 2, 0) * convOutputSize(convW, 2, 2, 0);
    this.dtype = o.dtype ?? 'float64';
    this.options = {
      inputDim: [C, H, W],
      convParam: { ...convParam },
      hiddenSize,
      outputSize,
      weightInitStd,
    };
    const init = (...shape: number[]): Tensor => mul(rng.randn(...shape), weightInitStd).astype(this.dtype);
    this.params = {};
    this.params.W1 = init(filterNum, C, filterSize, filterSize);
    this.params.b1 = zeros([filterNum], this.dtype);
    this.params.W2 = init(poolOut, hiddenSize);
    this.params.b2 = zeros([hiddenSize], this.dtype);
    this.params.W3 = init(hiddenSize, outputSize);
    this.params.b3 = zeros([outputSize], this.dtype);
    const p = this.params;
    // the conv layers' outputs are consumed within a pass and kept by no one: they reuse their
    // memory from step to step (reuseOutput)
    const reuseOutput = true;
    this.layers = [
      // the input is data: its dx is never needed
      new Convolution(p.W1, p.b1, { stride, pad, skipInputGradient: true, reuseOutput }),
      new Relu({ reuseOutput }),
      new Pooling({ poolH: 2, poolW: 2, stride: 2, reuseOutput }),
      new Affine(p.W2, p.b2),
      new Relu(),
      new Affine(p.W3, p.b3),
    ];
    this.lastLayer = new SoftmaxWithLoss(o.lossDelta);
  }

  /** Class scores for x (N, C, H, W). */
  predict(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, false);
    return out;
  }

  loss(x: Tensor, t: Tensor): number {
    return this.lastLayer.forward(this.predict(x), t);
  }

  /** Accuracy computed `batchSize` images at a time (the book's default 100). */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    return batchedAccuracy((xb) => this.predict(xb), x, t, batchSize);
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
    const [conv, , , affine2, , affine3] = this.layers;
    return {
      W1: conv.grads.W,
      b1: conv.grads.b,
      W2: affine2.grads.W,
      b2: affine2.grads.b,
      W3: affine3.grads.W,
      b3: affine3.grads.b,
    };
  }
}
