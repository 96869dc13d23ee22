// Tensor: an n-dimensional row-major array of float32 or float64 — shape, dtype, data.
// Kept small on purpose: the math lives in NumPy-named functions (dot, sum, exp, …).
import { isStorageView, releaseStorage, storageOf, type FloatArray, type Storage } from '../kernels/index.js';
import { allocate, checkDType, dtypeOf, type DType } from './dtype.js';
import { checkShape, formatShape, sizeOf, type Shape } from './shape.js';

/**
 * A number or nested arrays of numbers, as `tensor()` takes and `Tensor.toArray()` returns (NumPy's
 * `tolist()`).
 */
export type NestedArray = number | NestedArray[];

// lifetime.ts reads a tensor's storage without the check `data` makes
let storageOfTensor: (t: Tensor) => Storage | undefined;
export { storageOfTensor };

/**
 * An n-dimensional row-major array of float32 or float64: the `ndarray` the book's NumPy code
 * works on (book §1.5, §3.3). It holds `shape`, `dtype` and `data` and little else; the math
 * lives in NumPy-named functions ({@link dot}, {@link sum}, {@link exp}, …) that take tensors.
 *
 * @example
 * ```ts
 * import { tensor, dot } from 'scratchnet';
 * const x = tensor([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 * dot(x, x).toArray(); // [[7, 10], [15, 22]]
 * ```
 */
export class Tensor {
  /** The size of every axis (frozen); `[]` for a 0-d tensor. */
  readonly shape: Shape;
  /** `'float32'` or `'float64'`, taken from the typed array. */
  readonly dtype: DType;
  #data: FloatArray;
  // the block of the kernel module's memory the elements live in (resident storage), if any
  readonly #storage: Storage | undefined;
  #disposed = false;

  static {
    storageOfTensor = (t) => t.#storage;
  }

  /** Wraps `data` (no copy) as a tensor of `shape`; throws if the sizes differ. */
  constructor(data: FloatArray, shape: Shape) {
    checkShape('Tensor', shape);
    if (data.length !== sizeOf(shape)) {
      throw new Error(
        `Tensor: ${data.length} elements cannot have shape ${formatShape(shape)} (${sizeOf(shape)} elements)`,
      );
    }
    this.#data = data;
    this.#storage = storageOf(data);
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOf(data);
  }

  /**
   * The elements in row-major order. Writable: numerical gradients perturb it in place.
   * Throws once the tensor is disposed ({@link Tensor.dispose}, {@link tidy}).
   */
  get data(): FloatArray {
    if (this.#disposed || this.#storage?.freed) {
      throw new Error(
        `Tensor ${formatShape(this.shape)} ${this.dtype} was used after it was disposed (by dispose(), ` +
          `tidy() or the Trainer at the end of a step): keep(t) or t.clone() what must outlive its scope`,
      );
    }
    return this.#data;
  }

  /**
   * Frees the tensor's storage now instead of when it is garbage-collected; any later use
   * of it, or of tensors sharing its storage (`reshape`, {@link sliceRows}), throws.
   * Disposing a {@link sliceRows} view only retires the view: its parent's storage stays.
   * Idempotent. Never required: storage nobody uses is freed anyway.
   */
  dispose(): void {
    this.#disposed = true;
    if (this.#storage && !isStorageView(this.#data)) releaseStorage(this.#storage);
  }

  /** Whether {@link Tensor.dispose} (or the end of a {@link tidy} scope) freed the tensor. */
  get isDisposed(): boolean {
    return this.#disposed || this.#storage?.freed === true;
  }

  /** The number of elements (NumPy's `x.size`). */
  get size(): number {
    return this.data.length;
  }

  /** The number of axes (NumPy's `x.ndim`). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Same data, new shape (no copy); one dimension may be -1 as in NumPy. */
  reshape(...shape: number[]): Tensor {
    const unknown = shape.indexOf(-1);
    if (unknown >= 0) {
      if (shape.indexOf(-1, unknown + 1) >= 0) {
        throw new Error('reshape: can only specify one unknown dimension (-1)');
      }
      const known = sizeOf(shape.filter((_, i) => i !== unknown));
      if (known === 0 || this.size % known !== 0) {
        throw new Error(
          `reshape: cannot reshape array of size ${this.size} into shape ${formatShape(shape)}`,
        );
      }
      shape = shape.map((d) => (d === -1 ? this.size / known : d));
    }
    checkShape('reshape', shape);
    if (sizeOf(shape) !== this.size) {
      throw new Error(`reshape: cannot reshape array of size ${this.size} into shape ${formatShape(shape)}`);
    }
    return new Tensor(this.data, shape);
  }

  /** The single element of a tensor of size 1, as a number. */
  item(): number {
    if (this.size !== 1) {
      throw new Error(`item: can only convert an array of size 1, not shape ${formatShape(this.shape)}`);
    }
    return this.data[0];
  }

  /** The element at a full index (negative indices count from the end). */
  get(...index: number[]): number {
    if (index.length !== this.ndim) {
      throw new Error(`get: ${index.length} indices for an array of dimension ${this.ndim}`);
    }
    let flat = 0;
    for (let ax = 0; ax < this.ndim; ax++) {
      const d = this.shape[ax];
      const i = index[ax] < 0 ? index[ax] + d : index[ax];
      if (!Number.isInteger(i) || i < 0 || i >= d) {
        throw new Error(`get: index ${index[ax]} is out of bounds for axis ${ax} with size ${d}`);
      }
      flat = flat * d + i;
    }
    return this.data[flat];
  }

  /** A copy in the given dtype (or the same dtype). */
  astype(dtype: DType): Tensor {
    const out = allocate(checkDType('astype', dtype), this.size);
    out.set(this.data);
    return new Tensor(out, this.shape);
  }

  /** A copy with the same dtype and shape (NumPy's `x.copy()`). */
  clone(): Tensor {
    return this.astype(this.dtype);
  }

  /** Nested JavaScript arrays, like ndarray.tolist(). */
  toArray(): NestedArray {
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.ndim) return this.data[offset];
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** A readable form: `Tensor([[1,2]], shape=(1,2), dtype=float64)`. */
  toString(): string {
    return `Tensor(${JSON.stringify(this.toArray())}, shape=${formatShape(this.shape)}, dtype=${this.dtype})`;
  }
}
