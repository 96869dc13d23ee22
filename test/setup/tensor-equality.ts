// Tensor keeps its elements behind a getter (`data`, so a disposed tensor can refuse use), which
// toEqual's walk over own properties would never read: two tensors with the same shape and dtype
// would compare equal whatever their elements. This teaches toEqual to compare the elements too.
// NOTE: recognised by shape, not by importing Tensor: importing the library here would load the
// kernels before a test file sets the variables that choose them (SCRATCHNET_FMA=0).
import { expect } from 'vitest';

interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly data: Float32Array | Float64Array;
}

const isTensor = (x: unknown): x is TensorLike =>
  typeof x === 'object' && x !== null && x.constructor?.name === 'Tensor' && 'data' in x && 'shape' in x;

expect.addEqualityTesters([
  function tensorEquality(a: unknown, b: unknown): boolean | undefined {
    if (!isTensor(a) || !isTensor(b)) return undefined;
    if (a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false;
    if (a.shape.some((d, i) => d !== b.shape[i])) return false;
    const [x, y] = [a.data, b.data];
    // Object.is: NaN equals NaN and 0 differs from -0, as toEqual compares numbers
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  },
]);
