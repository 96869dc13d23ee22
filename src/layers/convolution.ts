// Convolution layer (book 7.4.3, common/layers.py Convolution): im2col lays the input's
// patches out as rows, so the forward is one product col·Wᵀ and the backward two more
// (conv2d and conv2dBackward do both in one kernel call each, see src/kernels/types.ts).
import { conv2d, conv2dBackward, formatShape, zeros, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/** Convolution's stride and padding (the book's `stride`, `pad`). */
export interface ConvolutionOptions {
  /** step between patches (default 1) */
  stride?: number;
  /** zeros added on every side of the input (default 0) */
  pad?: number;
  /**
   * Skip dx in backward (it returns an empty tensor of shape (0,)): the first layer of a
   * net has no layer below it, and dcol with its col2im is a third of the layer's work.
   */
  skipInputGradient?: boolean;
  /**
   * Write every forward's output and backward's dx into the same tensors while the shapes stay
   * (valid until the next call): for a net's inner layers, whose outputs nothing keeps; a fresh
   * multi-megabyte array costs more than the pass that fills it (page faults).
   */
  reuseOutput?: boolean;
}

/**
 * A convolution with filters W (FN, C, FH, FW) and biases b (FN,) over inputs (N, C, H, W),
 * giving (N, FN, OH, OW) with OH = (H + 2·pad − FH) / stride + 1 (book eq. 7.1).
 * @example
 * const conv = new Convolution(W, b, { stride: 1, pad: 0 });
 * const y = conv.forward(x); // (N, FN, OH, OW)
 */
export class Convolution implements Layer {
  readonly params: Params;
  readonly grads: Params = {};
  /** step between patches */
  readonly stride: number;
  /** zeros on every side of the input */
  readonly pad: number;
  /** NOTE: the input, kept for backward where the book keeps col (recomputed there: it is cheap) */
  private x: Tensor | null = null;
  private readonly skipInputGradient: boolean;
  private readonly reuseOutput: boolean;
  private out: Tensor | undefined;
  private dx: Tensor | undefined;

  constructor(
    W: Tensor,
    b: Tensor,
    { stride = 1, pad = 0, skipInputGradient = false, reuseOutput = false }: ConvolutionOptions = {},
  ) {
    if (W.ndim !== 4 || b.ndim !== 1 || b.shape[0] !== W.shape[0]) {
      throw new Error(
        `Convolution: W ${formatShape(W.shape)} and b ${formatShape(b.shape)} need shapes (FN,C,FH,FW) and (FN,)`,
      );
    }
    if (!Number.isInteger(stride) || stride < 1)
      throw new Error(`Convolution: stride must be an integer ≥ 1, got ${stride}`);
    if (!Number.isInteger(pad) || pad < 0)
      throw new Error(`Convolution: pad must be an integer ≥ 0, got ${pad}`);
    this.params = { W, b };
    this.stride = stride;
    this.pad = pad;
    this.skipInputGradient = skipInputGradient;
    this.reuseOutput = reuseOutput;
  }

  forward(x: Tensor): Tensor {
    const { W, b } = this.params;
    const [, C, FH, FW] = W.shape;
    if (x.ndim !== 4 || x.shape[1] !== C) {
      throw new Error(
        `Convolution: input ${formatShape(x.shape)} does not fit W ${formatShape(W.shape)}: ` +
          `it must be (N, ${C}, H, W)`,
      );
    }
    const [, , H, Wd] = x.shape;
    const OH = Math.floor((H + 2 * this.pad - FH) / this.stride) + 1;
    const OW = Math.floor((Wd + 2 * this.pad - FW) / this.stride) + 1;
    if (OH < 1 || OW < 1) {
      throw new Error(
        `Convolution: a ${FH}×${FW} filter does not fit the input ${formatShape(x.shape)} padded by ${this.pad}`,
      );
    }
    this.x = x;
    // the book's col·Wᵀ + b, reshaped and transposed to (N, FN, OH, OW), in one call
    const out = conv2d(x, W, b, this.stride, this.pad, 'Convolution', this.out);
    if (this.reuseOutput) this.out = out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    if (!this.x) throw new Error('Convolution.backward: call forward first');
    const { W } = this.params;
    // dW = (colᵀ·dout)ᵀ, db = Σ dout, dx = col2im(dout·W), dout read as the book's
    // dout.transpose(0, 2, 3, 1).reshape(-1, FN)
    const { dW, db, dx } = conv2dBackward(
      this.x,
      W,
      dout,
      this.stride,
      this.pad,
      !this.skipInputGradient,
      'Convolution.backward',
      this.dx,
    );
    if (this.reuseOutput && dx) this.dx = dx;
    this.grads.W = dW;
    this.grads.b = db;
    return dx ?? zeros([0], dout.dtype);
  }
}
