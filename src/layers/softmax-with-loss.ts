// SoftmaxWithLoss (book 5.6.3): softmax then cross entropy; backward gives (y − t)/N.
import { labelIndices } from '../functions/losses.js';
import { formatShape, softmaxCrossEntropy, softmaxCrossEntropyGrad, type Tensor } from '../tensor/index.js';

/**
 * The output layer for classification (book §5.6.3, common/layers.py `SoftmaxWithLoss`): softmax
 * then cross entropy in one pass; backward gives (y − t)/N, scaled by `dout`.
 *
 * @example
 * ```ts
 * const lastLayer = new SoftmaxWithLoss();
 * const loss = lastLayer.forward(scores, t); // t: one-hot rows or integer labels
 * const dscores = lastLayer.backward(); // (y − t) / N
 * ```
 */
export class SoftmaxWithLoss {
  /** the last forward's softmax output */
  y: Tensor | null = null;
  /** the last forward's labels as integers, one per row */
  private labels: Tensor | null = null;
  /** The last forward's loss (NaN before the first forward). */
  loss = NaN;

  /**
   * A loss layer; `delta` is the book's guard inside the log.
   *
   * @param delta - added inside the log as in the book (see {@link crossEntropyError}); 0 gives the exact
   *   loss
   */
  constructor(readonly delta = 1e-7) {}

  /**
   * x: scores (N, classes); t: one-hot (N, classes) or integer labels (N,). One fused pass
   * gives what softmax(x) then crossEntropyError(y, t) give (test/layers.test.ts checks).
   */
  forward(x: Tensor, t: Tensor): number {
    if (x.ndim !== 2)
      throw new Error(`SoftmaxWithLoss.forward: scores must be 2-D, got ${formatShape(x.shape)}`);
    this.labels = labelIndices('SoftmaxWithLoss.forward', x, t);
    const { y, loss } = softmaxCrossEntropy(x, this.labels, this.delta);
    [this.y, this.loss] = [y, loss];
    return loss;
  }

  /**
   * dL/dx = dout · (y − t) / N. The book ignores dout (it is always 1 there); we honour it
   * so the layer composes like any other.
   */
  backward(dout = 1): Tensor {
    if (!this.y || !this.labels) throw new Error('SoftmaxWithLoss.backward: call forward first');
    return softmaxCrossEntropyGrad(this.y, this.labels, dout);
  }
}
