// SoftmaxWithLoss (book 5.6.3): softmax then cross entropy; backward gives (y − t)/N.
import { crossEntropyError, softmax } from '../functions/index.js';
import { labelIndices } from '../functions/losses.js';
import { div, formatShape, mul, oneHot, sub, type Tensor } from '../tensor/index.js';

export class SoftmaxWithLoss {
  /** the last forward's softmax output */
  y: Tensor | null = null;
  /** the last forward's labels as integers, one per row */
  private labels: Tensor | null = null;
  loss = NaN;

  /** `delta` is added inside the log as in the book (see crossEntropyError). */
  constructor(readonly delta = 1e-7) {}

  /** x: scores (N, classes); t: one-hot (N, classes) or integer labels (N,). */
  forward(x: Tensor, t: Tensor): number {
    if (x.ndim !== 2)
      throw new Error(`SoftmaxWithLoss.forward: scores must be 2-D, got ${formatShape(x.shape)}`);
    this.labels = labelIndices('SoftmaxWithLoss.forward', x, t);
    this.y = softmax(x);
    this.loss = crossEntropyError(this.y, this.labels, this.delta);
    return this.loss;
  }

  /**
   * dL/dx = dout · (y − t) / N. The book ignores dout (it is always 1 there); we honour it
   * so the layer composes like any other.
   */
  backward(dout = 1): Tensor {
    if (!this.y || !this.labels) throw new Error('SoftmaxWithLoss.backward: call forward first');
    const [n, classes] = this.y.shape;
    const dx = sub(this.y, oneHot(this.labels, classes, this.y.dtype));
    return dout === 1 ? div(dx, n, dx) : mul(dx, dout / n, dx);
  }
}
