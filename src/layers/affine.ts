// Affine layer (book 5.6.2): y = x·W + b for a batch; inputs of any rank are flattened
// to (N, inputs) for the product and dx takes the input's shape back.
import { formatShape, gemm, sum, zeros, type Tensor } from '../tensor/index.js';
import type { Layer, Params } from './layer.js';

/** Options of the {@link Affine} layer. */
export interface AffineOptions {
  /**
   * Skip dx in backward (it returns an empty tensor of shape (0,)): the first layer of a
   * net has no layer below it, and the product dout·Wᵀ is a third of its training cost.
   */
  skipInputGradient?: boolean;
}

/**
 * The Affine layer (book §5.6.1–5.6.2, common/layers.py `Affine`): y = x·W + b for a batch. Inputs of
 * any rank are flattened to (N, inputs) for the product and dx takes the input's shape back.
 * Backward sets `grads.W` = xᵀ·dout and `grads.b` = Σ dout over the batch (book eq. 5.13).
 *
 * @example
 * ```ts
 * const rng = new RandomState(0);
 * const affine = new Affine(mul(rng.randn(784, 50), 0.01), zeros([50]));
 * const y = affine.forward(rng.rand(100, 784)); // (100, 50)
 * const dx = affine.backward(onesLike(y)); // (100, 784); affine.grads.W is (784, 50)
 * ```
 */
export class Affine implements Layer {
  /** `W` (inputs, outputs) and `b` (outputs,): the tensors given, updated in place by optimizers. */
  readonly params: Params;
  /** `W` and `b`'s gradients, set by `backward`. */
  readonly grads: Params = {};
  private x: Tensor | null = null;
  private xShape: readonly number[] = [];
  private readonly skipInputGradient: boolean;

  /**
   * Wraps the given weights `W` (in, out) and bias `b` (out,) (not copied); throws if their shapes disagree.
   */
  constructor(W: Tensor, b: Tensor, { skipInputGradient = false }: AffineOptions = {}) {
    if (W.ndim !== 2 || b.ndim !== 1 || b.shape[0] !== W.shape[1]) {
      throw new Error(
        `Affine: W ${formatShape(W.shape)} and b ${formatShape(b.shape)} need shapes (in,out) and (out,)`,
      );
    }
    this.params = { W, b };
    this.skipInputGradient = skipInputGradient;
  }

  forward(x: Tensor): Tensor {
    const { W, b } = this.params;
    this.xShape = x.shape;
    const x2 = x.reshape(x.shape[0] ?? 1, -1);
    if (x2.shape[1] !== W.shape[0]) {
      throw new Error(`Affine.forward: input ${formatShape(x.shape)} does not fit W ${formatShape(W.shape)}`);
    }
    this.x = x2;
    return gemm(x2, W, { bias: b });
  }

  backward(dout: Tensor): Tensor {
    if (!this.x) throw new Error('Affine.backward: call forward first');
    const { W } = this.params;
    // dW = xᵀ·dout and db = Σ dout over the batch (book eq. 5.13)
    this.grads.W = gemm(this.x, dout, { transA: true });
    this.grads.b = sum(dout, 0);
    if (this.skipInputGradient) return zeros([0], dout.dtype);
    return gemm(dout, W, { transB: true }).reshape(...this.xShape);
  }
}
