// Creating tensors: from nested arrays, filled, ranges — NumPy's names and defaults (float64).
import type { FloatArray } from '../kernels/index.js';
import { allocate, checkDType, type DType } from './dtype.js';
import { checkShape, formatShape, type Shape } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';

/**
 * `np.array(nested)` (book §1.5.2): infers the shape and checks that the nesting is rectangular.
 * A `Float32Array`/`Float64Array` becomes a 1-D tensor (a copy). The default dtype is float64, as NumPy's.
 *
 * @example
 * ```ts
 * const x = tensor([[1.0, 0.5], [-2.0, 3.0]]); // shape [2, 2], float64
 * const y = tensor([1, 2, 3], 'float32');
 * ```
 */
export function tensor(nested: NestedArray | FloatArray, dtype: DType = 'float64'): Tensor {
  checkDType('tensor', dtype);
  if (nested instanceof Float32Array || nested instanceof Float64Array) {
    const data = allocate(dtype, nested.length);
    data.set(nested);
    return new Tensor(data, [nested.length]);
  }
  const shape: number[] = [];
  for (let level: NestedArray = nested; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const flat: number[] = [];
  // the index path of the node being walked, named in every error
  const at: number[] = [];
  const where = (): string => (at.length === 0 ? 'the value' : `element [${at.join(', ')}]`);
  const walk = (node: NestedArray): void => {
    if (at.length === shape.length) {
      if (typeof node === 'number') {
        flat.push(node);
        return;
      }
      if (Array.isArray(node))
        throw new Error(`tensor: ragged nested array: ${where()} is an array, deeper than element [0]`);
      throw new Error(`tensor: ${where()} is not a number: ${describe(node)}`);
    }
    if (!Array.isArray(node)) {
      throw new Error(
        `tensor: ragged nested array: ${where()} is ${typeof node === 'number' ? node : describe(node)}, ` +
          `expected an array of length ${shape[at.length]}`,
      );
    }
    if (node.length !== shape[at.length]) {
      throw new Error(
        `tensor: ragged nested array: ${where()} has length ${node.length}, expected ${shape[at.length]}`,
      );
    }
    for (let i = 0; i < node.length; i++) {
      at.push(i);
      walk(node[i]);
      at.pop();
    }
  };
  walk(nested);
  const data = allocate(dtype, flat.length);
  data.set(flat);
  return new Tensor(data, shape);
}

/** A value that is not a number, for messages: its JSON form and its type. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  let text: string;
  try {
    text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value); // a BigInt or a circular object
  }
  return `${text.length > 40 ? text.slice(0, 37) + '...' : text} (${typeof value})`;
}

/** `np.full(shape, value)`: a new tensor with every element `value`. */
export function full(shape: Shape, value: number, dtype: DType = 'float64'): Tensor {
  checkShape('full', shape);
  const data = allocate(
    checkDType('full', dtype),
    shape.reduce((p, d) => p * d, 1),
  );
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape);
}

/** `np.zeros(shape)`: a new tensor of zeros (float64 unless `dtype` says otherwise). */
export function zeros(shape: Shape, dtype: DType = 'float64'): Tensor {
  return full(shape, 0, dtype);
}

/** `np.ones(shape)`: a new tensor of ones. */
export function ones(shape: Shape, dtype: DType = 'float64'): Tensor {
  return full(shape, 1, dtype);
}

/** `np.zeros_like(x)`: zeros with x's shape and dtype. */
export function zerosLike(x: Tensor): Tensor {
  return zeros(x.shape, x.dtype);
}

/** `np.ones_like(x)`: ones with x's shape and dtype. */
export function onesLike(x: Tensor): Tensor {
  return ones(x.shape, x.dtype);
}

/**
 * `np.arange(start, stop, step)`, or `arange(stop)` from 0: evenly spaced values in [start, stop) (book
 * §3.2.3 plots with it).
 *
 * @example
 * ```ts
 * arange(5).toArray(); // [0, 1, 2, 3, 4]
 * arange(-5.0, 5.0, 0.1); // the book's x axis for the step, sigmoid and ReLU plots
 * ```
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float64'): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step))
    throw new Error(`arange: step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(checkDType('arange', dtype), n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** A 0-d tensor holding one number. */
export function scalar(value: number, dtype: DType = 'float64'): Tensor {
  return full([], value, dtype);
}

/** Throws unless `x` has exactly `shape`; the message names `op` and both shapes. */
export function assertShape(op: string, x: Tensor, shape: Shape): void {
  if (x.shape.length !== shape.length || x.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${op}: expected shape ${formatShape(shape)}, got ${formatShape(x.shape)}`);
  }
}
