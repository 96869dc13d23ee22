// Convolution layer (book 7.4.3, common/layers.py Convolution): im2col lays the input's
// patches out as rows, so the forward is one product col·Wᵀ and the backward two more.
import {
  col2im,
  formatShape,
  gemm,
  im2col,
  sum,
  transposeBatched,
  zeros,
  type Tensor,
} from '../tensor/index.js';
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
  private xShape: readonly number[] = [];
  private col: Tensor | null = null;
  private readonly skipInputGradient: boolean;

  constructor(
    W: Tensor,
    b: Tensor,
    { stride = 1, pad = 0, skipInputGradient = false }: ConvolutionOptions = {},
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
  }

  forward(x: Tensor): Tensor {
    const { W, b } = this.params;
    const [FN, C, FH, FW] = W.shape;
    if (x.ndim !== 4 || x.shape[1] !== C) {
      throw new Error(
        `Convolution: input ${formatShape(x.shape)} does not fit W ${formatShape(W.shape)}: ` +
          `it must be (N, ${C}, H, W)`,
      );
    }
    const [N, , H, Wd] = x.shape;
    const OH = Math.floor((H + 2 * this.pad - FH) / this.stride) + 1;
    const OW = Math.floor((Wd + 2 * this.pad - FW) / this.stride) + 1;
    if (OH < 1 || OW < 1) {
      throw new Error(
        `Convolution: a ${FH}×${FW} filter does not fit the input ${formatShape(x.shape)} padded by ${this.pad}`,
      );
    }
    const col = im2col(x, FH, FW, this.stride, this.pad);
    // col (N·OH·OW, C·FH·FW) · W as (FN, C·FH·FW) transposed, + b: one row per output pixel
    const out = gemm(col, W.reshape(FN, -1), { transB: true, bias: b });
    this.xShape = x.shape;
    this.col = col;
    // the book's out.reshape(N, OH, OW, -1).transpose(0, 3, 1, 2)
    return transposeBatched(out, N, OH * OW, FN).reshape(N, FN, OH, OW);
  }

  backward(dout: Tensor): Tensor {
    if (!this.col) throw new Error('Convolution.backward: call forward first');
    const { W } = this.params;
    const [FN, C, FH, FW] = W.shape;
    const [N, , OH, OW] = dout.shape;
    if (dout.ndim !== 4 || dout.shape[1] !== FN || dout.size !== this.col.shape[0] * FN) {
      throw new Error(
        `Convolution.backward: dout ${formatShape(dout.shape)} does not match the forward's output`,
      );
    }
    // the book's dout.transpose(0, 2, 3, 1).reshape(-1, FN)
    const d = transposeBatched(dout, N, FN, OH * OW).reshape(N * OH * OW, FN);
    this.grads.b = sum(d, 0);
    // the book's (colᵀ·dout)ᵀ, computed as doutᵀ·col: the same sums, no transpose after
    this.grads.W = gemm(d, this.col, { transA: true }).reshape(FN, C, FH, FW);
    if (this.skipInputGradient) return zeros([0], dout.dtype);
    const dcol = gemm(d, W.reshape(FN, -1));
    return col2im(dcol, this.xShape, FH, FW, this.stride, this.pad);
  }
}
