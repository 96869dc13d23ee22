// SoftmaxWithLoss's forward and backward as one kernel each (kernels/reference/losses.ts):
// the same numbers as softmax, crossEntropyError and (y − t)/N composed op by op, without
// their eleven intermediate tensors.
import { kernels } from '../kernels/index.js';
import { allocateResult } from './dtype.js';
import { checkIndices } from './indexing.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';

function check(op: string, x: Tensor, labels: Tensor): void {
  if (x.ndim !== 2 || labels.ndim !== 1 || labels.shape[0] !== x.shape[0]) {
    throw new Error(
      `${op}: scores ${formatShape(x.shape)} and labels ${formatShape(labels.shape)}: need (n,k) and (n,)`,
    );
  }
  if (x.shape[1] === 0) throw new Error(`${op}: softmax over zero classes is undefined`);
  checkIndices(op, labels.data, x.shape[1], 'a row of size');
}

/**
 * `SoftmaxWithLoss.forward` as one kernel (book §5.6.3): y = softmax(x) row by row (x: (n, classes))
 * and the loss −Σ log(y[i, labels[i]] + delta) / n for integer labels (n,) — the same numbers as
 * {@link softmax} then {@link crossEntropyError}, without their intermediate tensors.
 */
export function softmaxCrossEntropy(
  x: Tensor,
  labels: Tensor,
  delta: number,
): {
  /** softmax(x), row by row */
  y: Tensor;
  /** the mean cross-entropy loss */
  loss: number;
} {
  check('softmaxCrossEntropy', x, labels);
  const [n, classes] = x.shape;
  const y = new Tensor(allocateResult(x.dtype, x.size), x.shape);
  const loss = kernels().softmaxCrossEntropy(x.data, n, classes, labels.data, delta, y.data);
  return { y, loss };
}

/** `SoftmaxWithLoss.backward` as one kernel (book §5.6.3): dout · (y − one-hot(labels)) / n. */
export function softmaxCrossEntropyGrad(y: Tensor, labels: Tensor, dout: number): Tensor {
  check('softmaxCrossEntropyGrad', y, labels);
  const [n, classes] = y.shape;
  const dx = new Tensor(allocateResult(y.dtype, y.size), y.shape);
  kernels().softmaxCrossEntropyGrad(y.data, n, classes, labels.data, dout, dx.data);
  return dx;
}
