// Shared numeric assertions for the test suite: allclose with NumPy's rule and a
// failure message that names the worst element.
import { Tensor, formatShape, type NestedArray } from '../../src/index.js';

export interface CloseOptions {
  rtol?: number;
  atol?: number;
}

function flat(x: Tensor | NestedArray | ArrayLike<number>): {
  values: ArrayLike<number>;
  shape?: readonly number[];
} {
  if (x instanceof Tensor) return { values: x.data, shape: x.shape };
  if (typeof x === 'number') return { values: [x] };
  if (Array.isArray(x)) return { values: (x as NestedArray[]).flat(Infinity as 1) as number[] };
  return { values: x as ArrayLike<number> };
}

/** Throws unless |actual − expected| <= atol + rtol·|expected| everywhere (NaN equals NaN). */
export function assertAllClose(
  actual: Tensor | NestedArray | ArrayLike<number>,
  expected: Tensor | NestedArray | ArrayLike<number>,
  { rtol = 1e-12, atol = 0 }: CloseOptions = {},
  label = 'value',
): void {
  const a = flat(actual);
  const e = flat(expected);
  if (a.values.length !== e.values.length) {
    throw new Error(`${label}: ${a.values.length} elements, expected ${e.values.length}`);
  }
  if (a.shape && e.shape && formatShape(a.shape) !== formatShape(e.shape)) {
    throw new Error(`${label}: shape ${formatShape(a.shape)}, expected ${formatShape(e.shape)}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const [x, y] = [a.values[i], e.values[i]];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `${label}: element ${worst} is ${a.values[worst]}, expected ${e.values[worst]} ` +
        `(rtol ${rtol}, atol ${atol})`,
    );
  }
}
