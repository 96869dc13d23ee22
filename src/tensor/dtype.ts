// Data types: float64 (the book's NumPy default) and float32 (the fast default for training).
import { activeBackend, type FloatArray } from '../kernels/index.js';

/**
 * The element types: `'float64'` (NumPy's default, used by the book and by `tensor()`) and `'float32'` (the
 * training default).
 */
export type DType = 'float32' | 'float64';

/**
 * A zero-filled typed array of `size` elements of `dtype`: in the kernel module's memory
 * where the active backend keeps tensors there (wasm with shared memory), else ordinary.
 */
export function allocate(dtype: DType, size: number): FloatArray {
  return (
    activeBackend().allocate?.(dtype === 'float32', size, true) ??
    (dtype === 'float32' ? new Float32Array(size) : new Float64Array(size))
  );
}

/** Makes storage for `size` elements of `dtype` (see `setResultAllocator`). */
export type Allocator = (dtype: DType, size: number) => FloatArray;

let uninitialized: Allocator = allocate;
// below this many elements zero-filling costs less than asking for unfilled memory
const UNINITIALIZED_MIN = 1024;

/**
 * Storage for an op's result that its kernel writes in full before anything reads it
 * (NumPy's np.empty). JavaScript zero-fills every new typed array, which for the book's
 * batches costs more than the copy that fills it; a platform adapter can supply memory
 * without the fill (src/node.ts does). Zero-filled where none is supplied.
 */
export function allocateResult(dtype: DType, size: number): FloatArray {
  const resident = activeBackend().allocate?.(dtype === 'float32', size, false);
  if (resident) return resident;
  if (size >= UNINITIALIZED_MIN) return uninitialized(dtype, size);
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/**
 * Storage for `size` elements of `dtype` made once and kept long, a loaded data set: in the
 * kernel module's memory where the active backend keeps tensors there, whatever its size
 * (kernels then read batches and evaluations in place), else ordinary memory. Not
 * zero-filled where resident: the caller writes every element.
 */
export function allocateLasting(dtype: DType, size: number): FloatArray {
  return (
    activeBackend().allocate?.(dtype === 'float32', size, false, true) ??
    (dtype === 'float32' ? new Float32Array(size) : new Float64Array(size))
  );
}

/** Installs the allocator allocateResult uses for large results; returns the one it replaces. */
export function setResultAllocator(f: Allocator): Allocator {
  const previous = uninitialized;
  uninitialized = f;
  return previous;
}

/** The dtype of a typed array. */
export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * The one rule for mixing dtypes, NumPy's: float32 with float64 gives float64; a plain
 * JavaScript number never changes the tensor's dtype (NumPy 2's "weak" Python scalars).
 */
export function resultDType(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}

/** Returns `dtype` if it is float32 or float64; else throws naming `op`. */
export function checkDType(op: string, dtype: string): DType {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new Error(`${op}: unknown dtype '${dtype}' (use 'float32' or 'float64')`);
  }
  return dtype;
}
