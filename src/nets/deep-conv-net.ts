// DeepConvNet (book 8.1, ch08/deep_convnet.py): three blocks of conv → ReLU → conv → ReLU →
// pool with 3×3 filters (16, 16, 32, 32, 64, 64), then Affine → ReLU → Dropout → Affine →
// Dropout → SoftmaxWithLoss; He initial weights. Keys W1…W8, b1…b8.
import { numericalGradient } from '../functions/index.js';
import {
  Affine,
  Convolution,
  Dropout,
  Pooling,
  Relu,
  SoftmaxWithLoss,
  type Layer,
  type Params,
} from '../layers/index.js';
import { mul, zeros, type DType, type RandomState, type Tensor } from '../tensor/index.js';
import { batchedAccuracy } from './accuracy.js';
import type { Net } from './net.js';
import { convOutputSize, type ConvParam } from './simple-conv-net.js';

/** DeepConvNet's constructor arguments (ch08/deep_convnet.py); the six convolutions are fixed as the book's. */
export interface DeepConvNetOptions {
  /** (channels, height, width) of one input image; default (1, 28, 28) */
  inputDim?: readonly [number, number, number];
  /** units of the hidden Affine layer (default 50) */
  hiddenSize?: number;
  /** classes (default 10) */
  outputSize?: number;
  /** draws W1…W8 in order, then the dropout masks while training */
  rng: RandomState;
  /** float64 as the book; float32 to train faster */
  dtype?: DType;
  /** the +1e-7 inside the loss's log; 0 makes backprop's gradient exact (gradient checks) */
  lossDelta?: number;
}

/** The six convolutions of the book's DeepConvNet (conv_param_1 … conv_param_6). */
export const DEEP_CONV_PARAMS: readonly ConvParam[] = [
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 32, filterSize: 3, pad: 1, stride: 1 },
  // NOTE: the book pads the fourth convolution by 2: 14×14 grows to 16×16, pooled to 8×8
  { filterNum: 32, filterSize: 3, pad: 2, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
];

/**
 * The book's chapter 8 network (99.35% on MNIST with its trained weights).
 * @example
 * const net = new DeepConvNet({ rng: new RandomState(0), dtype: 'float32' });
 * net.accuracy(xTest, tTest); // 100 images at a time
 */
export class DeepConvNet implements Net {
  readonly params: Params = {};
  readonly dtype: DType;
  /** the architecture it was built with */
  readonly options: Required<Omit<DeepConvNetOptions, 'rng' | 'dtype' | 'lossDelta'>>;
  /** the two Dropout layers (gradient checks freeze their masks) */
  readonly dropouts: Dropout[];
  private readonly layers: Layer[] = [];
  private readonly weighted: (Convolution | Affine)[] = [];
  private readonly lastLayer: SoftmaxWithLoss;

  constructor(o: DeepConvNetOptions) {
    const { inputDim = [1, 28, 28], hiddenSize = 50, outputSize = 10, rng } = o;
    let [channels, h, w] = inputDim;
    for (const [name, v] of Object.entries({ channels, height: h, width: w, hiddenSize, outputSize }))
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`DeepConvNet: ${name} must be a positive integer, got ${v}`);
    this.dtype = o.dtype ?? 'float64';
    this.options = { inputDim: [channels, h, w], hiddenSize, outputSize };
    const init = (scale: number, ...shape: number[]): Tensor =>
      mul(rng.randn(...shape), scale).astype(this.dtype);
    // He's scale √(2/n), n = the inputs of one neuron: the book's pre_node_nums
    DEEP_CONV_PARAMS.forEach((c, i) => {
      const n = channels * c.filterSize * c.filterSize;
      this.params[`W${i + 1}`] = init(Math.sqrt(2 / n), c.filterNum, channels, c.filterSize, c.filterSize);
      this.params[`b${i + 1}`] = zeros([c.filterNum], this.dtype);
      channels = c.filterNum;
      h = convOutputSize(h, c.filterSize, c.stride, c.pad);
      w = convOutputSize(w, c.filterSize, c.stride, c.pad);
      if (i % 2 === 1) [h, w] = [convOutputSize(h, 2, 2, 0), convOutputSize(w, 2, 2, 0)];
      if (h < 1 || w < 1)
        throw new Error(
          `DeepConvNet: input ${inputDim.join('×')} is too small (nothing left after conv ${i + 1})`,
        );
    });
    const flat = channels * h * w; // 64·4·4 for 28×28 inputs
    this.params.W7 = init(Math.sqrt(2 / flat), flat, hiddenSize);
    this.params.b7 = zeros([hiddenSize], this.dtype);
    this.params.W8 = init(Math.sqrt(2 / hiddenSize), hiddenSize, outputSize);
    this.params.b8 = zeros([outputSize], this.dtype);

    const p = this.params;
    DEEP_CONV_PARAMS.forEach((c, i) => {
      const conv = new Convolution(p[`W${i + 1}`], p[`b${i + 1}`], {
        stride: c.stride,
        pad: c.pad,
        skipInputGradient: i === 0, // the input is data: its dx is never needed
        // outputs consumed within a pass and kept by no one reuse their memory from step to step
        reuseOutput: true,
      });
      this.weighted.push(conv);
      this.layers.push(conv, new Relu({ reuseOutput: true }));
      if (i % 2 === 1) this.layers.push(new Pooling({ poolH: 2, poolW: 2, stride: 2, reuseOutput: true }));
    });
    const affine7 = new Affine(p.W7, p.b7);
    const affine8 = new Affine(p.W8, p.b8);
    this.dropouts = [new Dropout({ ratio: 0.5, rng }), new Dropout({ ratio: 0.5, rng })];
    this.weighted.push(affine7, affine8);
    this.layers.push(affine7, new Relu(), this.dropouts[0], affine8, this.dropouts[1]);
    this.lastLayer = new SoftmaxWithLoss(o.lossDelta);
  }

  /** Class scores; `train` turns dropout on (the book's train_flg). */
  predict(x: Tensor, train = false): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, train);
    return out;
  }

  /** NOTE: as the book's DeepConvNet.loss, training mode (dropout on) unless told otherwise. */
  loss(x: Tensor, t: Tensor, train = true): number {
    return this.lastLayer.forward(this.predict(x, train), t);
  }

  /** Accuracy computed `batchSize` images at a time (the book's default 100), dropout off. */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    return batchedAccuracy((xb) => this.predict(xb, false), x, t, batchSize);
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
    this.weighted.forEach((layer, i) => {
      grads[`W${i + 1}`] = layer.grads.W;
      grads[`b${i + 1}`] = layer.grads.b;
    });
    return grads;
  }
}
