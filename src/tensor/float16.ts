// IEEE 754 half precision (binary16) rounding, for the book's 8.3.4 (ch08/half_float_network.py:
// a trained net keeps its accuracy in 16-bit floats). JavaScript has no float16 arrays before
// Float16Array, so values are rounded to the nearest half and kept in float64 / float32 tensors.
import type { Tensor } from './tensor.js';

const bits = new DataView(new ArrayBuffer(8));

/** The largest finite half, (2 − 2⁻¹⁰)·2¹⁵. */
const HALF_MAX = 65504;

/**
 * `x` rounded to the nearest IEEE 754 half-precision value, ties to even, as NumPy's
 * `np.float16(x)`: 1 bit of sign, 5 of exponent, 10 of fraction; subnormals below 2⁻¹⁴ in steps
 * of 2⁻²⁴; magnitudes from 65520 (halfway above the largest half, 65504) up become ±Infinity;
 * NaN stays NaN and −0 stays −0.
 *
 * NOTE: one rounding straight from float64. Going through `Math.fround` first would round twice
 * and can land on the wrong side of a tie (e.g. 1 + 2⁻¹¹ + 2⁻⁴⁰ would become 1, not 1 + 2⁻¹⁰).
 * @example
 * f16round(0.1); // 0.0999755859375
 * f16round(65520); // Infinity
 */
export function f16round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  bits.setFloat64(0, x);
  // the float64 exponent field, read from the bits so no log2 rounding can misplace a power of two
  const exponent = ((bits.getUint16(0) >>> 4) & 0x7ff) - 1023;
  // the spacing of halves around x: 2^(e − 10) for normals, 2⁻²⁴ for subnormals (e < −14)
  const quantum = 2 ** (Math.max(exponent, -14) - 10);
  const scaled = Math.abs(x) / quantum; // exact: a power-of-two scale of a normal float64
  let r = Math.floor(scaled);
  const rest = scaled - r; // exact: scaled < 2¹¹ has at most 52 − 11 fraction bits
  if (rest > 0.5 || (rest === 0.5 && r % 2 === 1)) r += 1;
  const magnitude = r * quantum;
  if (magnitude > HALF_MAX) return x > 0 ? Infinity : -Infinity;
  return x > 0 ? magnitude : -magnitude;
}

/**
 * A copy of `x` with every element rounded to half precision by {@link f16round}, in `x`'s
 * dtype: the book's `x.astype(np.float16)` (8.3.4), kept in a float64 or float32 tensor.
 * @example
 * const W16 = roundFloat16(net.params.W1);
 */
export function roundFloat16(x: Tensor): Tensor {
  const out = x.clone();
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = f16round(d[i]);
  return out;
}
