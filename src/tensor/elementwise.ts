// Elementwise math with NumPy broadcasting: add … maximum, comparisons giving 0/1 masks,
// where, and the unary functions exp, log, sqrt, … . Operands are tensors or plain numbers.
import { kernels, type BinaryOp, type FloatArray, type UnaryOp } from '../kernels/index.js';
import { allocateResult, resultDType, type DType } from './dtype.js';
import { broadcastShapes, broadcastStrides, sizeOf, type Shape } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * An operand of the elementwise ops: a tensor, or a plain number that takes the tensor's dtype (NumPy 2's
 * weak scalars).
 */
export type Operand = Tensor | number;

interface Resolved {
  data: FloatArray;
  shape: Shape;
  dtype: DType | null; // null: a plain number, which adopts the other operand's dtype
}

function resolve(x: Operand): Resolved {
  if (typeof x === 'number') return { data: Float64Array.of(x), shape: [], dtype: null };
  return { data: x.data, shape: x.shape, dtype: x.dtype };
}

function combinedDType(ds: (DType | null)[]): DType {
  const known = ds.filter((d): d is DType => d !== null);
  return known.length === 0 ? 'float64' : known.reduce(resultDType);
}

function binaryOp(op: BinaryOp, a: Operand, b: Operand, out?: Tensor): Tensor {
  const ra = resolve(a);
  const rb = resolve(b);
  const shape = broadcastShapes(op, ra.shape, rb.shape);
  const dtype = combinedDType([ra.dtype, rb.dtype]);
  const result = out ?? new Tensor(allocateResult(dtype, sizeOf(shape)), shape);
  if (out) checkOut(op, out, shape);
  kernels().binary(
    op,
    shape,
    ra.data,
    broadcastStrides(ra.shape, shape),
    rb.data,
    broadcastStrides(rb.shape, shape),
    result.data,
  );
  return result;
}

function checkOut(op: string, out: Tensor, shape: Shape): void {
  if (out.shape.length !== shape.length || out.shape.some((d, i) => d !== shape[i])) {
    throw new Error(
      `${op}: output of shape (${out.shape.join(',')}) does not match result (${shape.join(',')})`,
    );
  }
}

/**
 * `a + b` elementwise with NumPy broadcasting (book §1.5.4–1.5.5); written into `out` if given.
 *
 * @param out - an existing tensor of the result's shape to write into (may be `a` or `b`, for in-place
 *   updates)
 * @example
 * ```ts
 * add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).toArray(); // [[11, 22], [13, 24]]
 * add(x, 1); // a number is broadcast
 * ```
 */
export const add = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('add', a, b, out);
/** `a − b` elementwise with NumPy broadcasting; written into `out` if given. */
export const sub = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('sub', a, b, out);
/**
 * `a * b` elementwise (not a matrix product: see {@link dot}), with NumPy broadcasting; written into `out` if
 * given.
 */
export const mul = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('mul', a, b, out);
/** `a / b` elementwise with NumPy broadcasting; written into `out` if given. */
export const div = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('div', a, b, out);
/** `a ** b` elementwise with NumPy broadcasting (`np.power`); written into `out` if given. */
export const pow = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('pow', a, b, out);
/** `np.maximum(a, b)`: the larger of each pair, with NumPy broadcasting; written into `out` if given. */
export const maximum = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('maximum', a, b, out);
/** `np.minimum(a, b)`: the smaller of each pair, with NumPy broadcasting; written into `out` if given. */
export const minimum = (a: Operand, b: Operand, out?: Tensor): Tensor => binaryOp('minimum', a, b, out);
/** `a == b` as a mask of 1 and 0 in the operands' dtype (comparisons return numbers, not booleans). */
export const equal = (a: Operand, b: Operand): Tensor => binaryOp('eq', a, b);
/** `a != b` as a mask of 1 and 0 in the operands' dtype. */
export const notEqual = (a: Operand, b: Operand): Tensor => binaryOp('ne', a, b);
/** `a < b` as a mask of 1 and 0 in the operands' dtype. */
export const less = (a: Operand, b: Operand): Tensor => binaryOp('lt', a, b);
/** `a <= b` as a mask of 1 and 0 in the operands' dtype (the book's ReLU mask is `x <= 0`). */
export const lessEqual = (a: Operand, b: Operand): Tensor => binaryOp('le', a, b);
/** `a > b` as a mask of 1 and 0 in the operands' dtype (the book's step function is `x > 0`). */
export const greater = (a: Operand, b: Operand): Tensor => binaryOp('gt', a, b);
/** `a >= b` as a mask of 1 and 0 in the operands' dtype. */
export const greaterEqual = (a: Operand, b: Operand): Tensor => binaryOp('ge', a, b);

/**
 * `np.where(cond, a, b)`: `a` where `cond` is non-zero, else `b`, all three broadcast together;
 * written into `out` if given.
 */
export function where(cond: Operand, a: Operand, b: Operand, out?: Tensor): Tensor {
  const [rc, ra, rb] = [resolve(cond), resolve(a), resolve(b)];
  const shape = broadcastShapes('where', broadcastShapes('where', rc.shape, ra.shape), rb.shape);
  if (out) checkOut('where', out, shape);
  const result = out ?? new Tensor(allocateResult(combinedDType([ra.dtype, rb.dtype]), sizeOf(shape)), shape);
  kernels().where(
    shape,
    rc.data,
    broadcastStrides(rc.shape, shape),
    ra.data,
    broadcastStrides(ra.shape, shape),
    rb.data,
    broadcastStrides(rb.shape, shape),
    result.data,
  );
  return result;
}

function unaryOp(op: UnaryOp, x: Tensor, out?: Tensor): Tensor {
  const result = out ?? new Tensor(allocateResult(x.dtype, x.size), x.shape);
  if (out) checkOut(op, out, x.shape);
  kernels().unary(op, x.data, result.data);
  return result;
}

/** `−x` elementwise; written into `out` if given. */
export const neg = (x: Tensor, out?: Tensor): Tensor => unaryOp('neg', x, out);
/** `np.exp(x)` elementwise; written into `out` if given. */
export const exp = (x: Tensor, out?: Tensor): Tensor => unaryOp('exp', x, out);
/** `np.log(x)` elementwise (natural logarithm); written into `out` if given. */
export const log = (x: Tensor, out?: Tensor): Tensor => unaryOp('log', x, out);
/** `np.sqrt(x)` elementwise; written into `out` if given. */
export const sqrt = (x: Tensor, out?: Tensor): Tensor => unaryOp('sqrt', x, out);
/** `np.abs(x)` elementwise; written into `out` if given. */
export const abs = (x: Tensor, out?: Tensor): Tensor => unaryOp('abs', x, out);
/** `np.sign(x)` elementwise (−1, 0 or 1); written into `out` if given. */
export const sign = (x: Tensor, out?: Tensor): Tensor => unaryOp('sign', x, out);
/** `x²` elementwise (`np.square`); written into `out` if given. */
export const square = (x: Tensor, out?: Tensor): Tensor => unaryOp('square', x, out);
/** `np.tanh(x)` elementwise; written into `out` if given. */
export const tanh = (x: Tensor, out?: Tensor): Tensor => unaryOp('tanh', x, out);
/** The sigmoid `1 / (1 + exp(−x))` as one kernel; the book-named {@link sigmoid} calls it. */
export const sigmoidMap = (x: Tensor, out?: Tensor): Tensor => unaryOp('sigmoid', x, out);
/** `max(0, x)` as one kernel; the book-named {@link relu} calls it. */
export const reluMap = (x: Tensor, out?: Tensor): Tensor => unaryOp('relu', x, out);
/** 1 where x > 0, else 0, as one kernel; the book-named {@link stepFunction} calls it. */
export const stepMap = (x: Tensor, out?: Tensor): Tensor => unaryOp('step', x, out);

/**
 * `param −= lr · grad`, in place, in one pass: NumPy's `param -= lr * grad` (the product
 * rounded to the tensors' dtype before the subtraction). Tensors of other dtypes or
 * shapes take the two-step path with broadcasting, with the same result as NumPy's.
 * The update of the book's {@link SGD} (book §6.1.2).
 *
 * @returns `param`
 */
export function subScaledInPlace(param: Tensor, grad: Tensor, lr: number): Tensor {
  const sameShape = param.ndim === grad.ndim && param.shape.every((d, i) => d === grad.shape[i]);
  if (param.dtype === grad.dtype && sameShape) kernels().sgdStep(param.data, grad.data, lr);
  else sub(param, mul(grad, lr), param);
  return param;
}
