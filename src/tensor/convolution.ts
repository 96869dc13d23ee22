// The Convolution layer's arithmetic on tensors (book 7.4.3): forward and backward as one
// kernel call each, so a fast backend can keep the im2col matrix out of the caller's memory.
import { kernels } from '../kernels/index.js';
import { allocate, allocateResult, resultDType, type DType } from './dtype.js';
import { geometry } from './im2col.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';

/** `into` when it has `shape` and `dtype`, else fresh storage for them. */
function output(into: Tensor | undefined, shape: readonly number[], dtype: DType): Tensor {
  if (into && into.dtype === dtype && formatShape(into.shape) === formatShape(shape)) return into;
  return new Tensor(
    allocateResult(
      dtype,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
  );
}

function filterShape(op: string, x: Tensor, W: Tensor): [number, number, number, number] {
  if (W.ndim !== 4 || x.ndim !== 4 || x.shape[1] !== W.shape[1]) {
    throw new Error(
      `${op}: input ${formatShape(x.shape)} does not fit W ${formatShape(W.shape)}: ` +
        `it must be (N, ${W.shape[1]}, H, W)`,
    );
  }
  return W.shape as [number, number, number, number];
}

/**
 * The book's Convolution forward (§7.4.3): im2col(x) · W(FN, −1)ᵀ + b reshaped to (N, FN, OH, OW),
 * for x (N, C, H, W), W (FN, C, FH, FW), b (FN,).
 * @param op the name errors start with (the layer's)
 * @param into a tensor to write the output into when its shape and dtype fit (saves fresh memory)
 * @example conv2d(x, W, b, 1, 0).shape; // [N, FN, OH, OW]
 */
export function conv2d(
  x: Tensor,
  W: Tensor,
  b: Tensor,
  stride = 1,
  pad = 0,
  op = 'conv2d',
  into?: Tensor,
): Tensor {
  const [fn, , fh, fw] = filterShape(op, x, W);
  if (b.ndim !== 1 || b.shape[0] !== fn)
    throw new Error(`${op}: b ${formatShape(b.shape)} must be (${fn},) for W ${formatShape(W.shape)}`);
  const g = geometry(op, x.shape, fh, fw, stride, pad);
  const shape = [g.n, fn, g.outH, g.outW];
  const out = output(into, shape, resultDType(x.dtype, W.dtype));
  kernels().convForward(x.data, W.data, b.data, g, fn, out.data);
  return out;
}

/** {@link conv2dBackward}'s result: the gradients of W, b and (unless skipped) x. */
export interface Conv2dGrads {
  /** the filters' gradient, W's shape */
  dW: Tensor;
  /** the biases' gradient, (FN,) */
  db: Tensor;
  /** null when the input's gradient was not asked for */
  dx: Tensor | null;
}

/**
 * The book's Convolution backward (§7.4.3) for the forward's dout (N, FN, OH, OW): dW = (colᵀ·dout)ᵀ
 * as W's shape, db = dout summed over N, OH, OW, dx = col2im(dout·W) unless `inputGradient` is false.
 * @param op the name errors start with (the layer's)
 * @param dxInto a tensor to write dx into when its shape and dtype fit (saves fresh memory)
 */
export function conv2dBackward(
  x: Tensor,
  W: Tensor,
  dout: Tensor,
  stride = 1,
  pad = 0,
  inputGradient = true,
  op = 'conv2dBackward',
  dxInto?: Tensor,
): Conv2dGrads {
  const [fn, , fh, fw] = filterShape(op, x, W);
  const g = geometry(op, x.shape, fh, fw, stride, pad);
  const expected = [g.n, fn, g.outH, g.outW];
  if (formatShape(dout.shape) !== formatShape(expected)) {
    throw new Error(
      `${op}: dout ${formatShape(dout.shape)} does not match the forward's output ${formatShape(expected)}`,
    );
  }
  const dW = new Tensor(allocate(dout.dtype, W.size), W.shape);
  const db = new Tensor(allocate(dout.dtype, fn), [fn]);
  const dx = inputGradient ? output(dxInto, x.shape, dout.dtype) : null;
  kernels().convBackward(x.data, W.data, dout.data, g, fn, dW.data, db.data, dx ? dx.data : null);
  return { dW, db, dx };
}
