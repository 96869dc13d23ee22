// Softmax row by row (twin of the first half of ../../reference/losses.ts softmaxCrossEntropy)
// with V8's Math.exp rewritten here, so y is the reference's bit for bit. Addresses in bytes.
//
// NOTE: V8's Math.exp is fdlibm's __ieee754_exp (src/base/ieee754.cc), not the C library's
// exp; the same operations in float64 (no fused multiply-add) give its bits. Another engine,
// or a V8 that changes its exp (it moved log and the trigonometric functions to LLVM's libc),
// may differ in last bits: ../losses.ts compares on first use and otherwise uses the reference.

// fdlibm's constants, by their bits (the decimal forms in the C source round to these)
const LN2_HI = reinterpret<f64>(0x3fe62e42fee00000); // ln 2 to 32 bits: k·LN2_HI is exact
const LN2_LO = reinterpret<f64>(0x3dea39ef35793c76); // ln 2 − LN2_HI
const INV_LN2 = reinterpret<f64>(0x3ff71547652b82fe);
// the rational approximation R(z) ≈ 2 + P1·z + … + P5·z⁵ of r·(eʳ + 1)/(eʳ − 1), z = r²
const P1 = reinterpret<f64>(0x3fc555555555553e);
const P2 = reinterpret<f64>(0xbf66c16c16bebd93);
const P3 = reinterpret<f64>(0x3f11566aaf25de2c);
const P4 = reinterpret<f64>(0xbebbbd41c5d26bf1);
const P5 = reinterpret<f64>(0x3e66376972bea4d0);
const OVERFLOW = reinterpret<f64>(0x40862e42fefa39ef); // above: +Infinity
const UNDERFLOW = reinterpret<f64>(0xc0874910d52d3051); // below: 0
const E = reinterpret<f64>(0x4005bf0a8b145769); // V8 returns this for exp(1), a special case
const TWO_M1000 = reinterpret<f64>(0x0170000000000000);
const TWO_1023 = reinterpret<f64>(0x7fe0000000000000);
// |x| below these (fdlibm compares the high word): r = x (k = 0), and eˣ = 1 + x
const HALF_LN2_BOUND = reinterpret<f64>(0x3fd62e4300000000);
const TINY_BOUND = reinterpret<f64>(0x3e30000000000000);
// the vector path's range: 2ᵏ is then a normal number (|k| ≤ 1020)
const VECTOR_BOUND = 707.0;
const BIAS_MAGIC = 4503599627370496.0 + 1023.0; // 2⁵² + 1023

/** eˣ as V8's Math.exp computes it. */
export function exp(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  const hx = <u32>(bits >> 32) & 0x7fffffff;
  const negative = bits >> 63 != 0;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, ±Infinity, overflow or underflow
    if (hx >= 0x7ff00000) return x != x ? x + x : negative ? 0 : x;
    if (x > OVERFLOW) return Infinity;
    if (x < UNDERFLOW) return 0;
  }
  // argument reduction: x = k·ln 2 + r, |r| ≤ ln 2 / 2, r = hi − lo
  let hi = x;
  let lo = 0.0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x == 1.0) return E;
      k = negative ? -1 : 1;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
    } else {
      k = <i32>(INV_LN2 * x + (negative ? -0.5 : 0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  // eʳ = 1 + r + r·c / (2 − c), c = r − (P1·r² + … + P5·r¹⁰)
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  // scale by 2ᵏ, in two steps where 2ᵏ alone would overflow or be subnormal
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * reinterpret<f64>(<u64>(0x3ff + k) << 52);
  }
  return y * reinterpret<f64>(<u64>(0x3ff + k + 1000) << 52) * TWO_M1000;
}

// The vector path's constants as pairs in memory, loaded where used: V8 would build a splat
// of a constant again at every use inside the loops.
const V_BOUND = memory.data<f64>([VECTOR_BOUND, VECTOR_BOUND], 16);
const V_HALF_LN2 = memory.data<f64>([HALF_LN2_BOUND, HALF_LN2_BOUND], 16);
const V_INV_LN2 = memory.data<f64>([INV_LN2, INV_LN2], 16);
const V_LN2_HI = memory.data<f64>([LN2_HI, LN2_HI], 16);
const V_LN2_LO = memory.data<f64>([LN2_LO, LN2_LO], 16);
const V_P1 = memory.data<f64>([P1, P1], 16);
const V_P2 = memory.data<f64>([P2, P2], 16);
const V_P3 = memory.data<f64>([P3, P3], 16);
const V_P4 = memory.data<f64>([P4, P4], 16);
const V_P5 = memory.data<f64>([P5, P5], 16);
const V_TWO = memory.data<f64>([2.0, 2.0], 16);
const V_ONE = memory.data<f64>([1.0, 1.0], 16);
const V_HALF = memory.data<f64>([0.5, 0.5], 16);
const V_SIGN = memory.data<f64>([-0.0, -0.0], 16);
const V_MAGIC = memory.data<f64>([BIAS_MAGIC, BIAS_MAGIC], 16);
const V_TINY = memory.data<f64>([TINY_BOUND, TINY_BOUND], 16);
const V_E = memory.data<f64>([E, E], 16);

/**
 * eˣ of both lanes: the same operations as `exp` where both lie in (−707, 707) (k = 0 taken
 * as the general reduction with k = 0, which rounds the same way: hi = x, lo = 0), else `exp`
 * lane by lane.
 */
@inline
function exp2(x: v128): v128 {
  const ax = f64x2.abs(x);
  if (!i64x2.all_true(f64x2.lt(ax, v128.load(V_BOUND)))) {
    return f64x2.replace_lane(
      f64x2.splat(exp(f64x2.extract_lane(x, 0))),
      1,
      exp(f64x2.extract_lane(x, 1)),
    );
  }
  // k = trunc(x / ln 2 ± 1/2), 0 where |x| ≤ ln 2 / 2
  const half = v128.or(v128.load(V_HALF), v128.and(x, v128.load(V_SIGN)));
  const reduced = f64x2.ge(ax, v128.load(V_HALF_LN2));
  const t = v128.and(f64x2.trunc(f64x2.add(f64x2.mul(v128.load(V_INV_LN2), x), half)), reduced);
  const hi = f64x2.sub(x, f64x2.mul(t, v128.load(V_LN2_HI)));
  const lo = f64x2.mul(t, v128.load(V_LN2_LO));
  const r = f64x2.sub(hi, lo);
  const z = f64x2.mul(r, r);
  let p = f64x2.add(v128.load(V_P4), f64x2.mul(z, v128.load(V_P5)));
  p = f64x2.add(v128.load(V_P3), f64x2.mul(z, p));
  p = f64x2.add(v128.load(V_P2), f64x2.mul(z, p));
  p = f64x2.add(v128.load(V_P1), f64x2.mul(z, p));
  const c = f64x2.sub(r, f64x2.mul(z, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(v128.load(V_TWO), c));
  const one = v128.load(V_ONE);
  const y = f64x2.sub(one, f64x2.sub(f64x2.sub(lo, q), hi));
  // 2ᵏ: k + 1023 lands in the low bits of 2⁵² + 1023 + k, and from there in the exponent
  const twopk = i64x2.shl(f64x2.add(t, v128.load(V_MAGIC)), 52);
  let e = f64x2.mul(y, twopk);
  e = v128.bitselect(f64x2.add(one, x), e, f64x2.lt(ax, v128.load(V_TINY)));
  return v128.bitselect(v128.load(V_E), e, f64x2.eq(x, one));
}

/** out[i] = eˣ⁽ⁱ⁾ for n float64 values, as the softmax computes them (tests compare it with Math.exp). */
export function expF64(x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const at = (<usize>i) << 3;
    v128.store(out + at, exp2(v128.load(x + at)));
  }
  if (i < n) store<f64>(out + ((<usize>i) << 3), exp(load<f64>(x + ((<usize>i) << 3))));
}

/** NumPy's pairwise sum (../../reference/reduce.ts pairwiseSum) of n values of T, in float64. */
function pairwiseSum<T>(x: usize, n: i32): f64 {
  const size = <usize>sizeof<T>();
  if (n < 8) {
    let res = 0.0;
    for (let i = 0; i < n; i++) res += <f64>load<T>(x + <usize>i * size);
    return res;
  }
  if (n <= 128) {
    // eight running sums, r[j] += x[i + j], as four vectors of two
    let r01 = pair<T>(x);
    let r23 = pair<T>(x + 2 * size);
    let r45 = pair<T>(x + 4 * size);
    let r67 = pair<T>(x + 6 * size);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const at = x + <usize>i * size;
      r01 = f64x2.add(r01, pair<T>(at));
      r23 = f64x2.add(r23, pair<T>(at + 2 * size));
      r45 = f64x2.add(r45, pair<T>(at + 4 * size));
      r67 = f64x2.add(r67, pair<T>(at + 6 * size));
    }
    let res =
      f64x2.extract_lane(r01, 0) +
      f64x2.extract_lane(r01, 1) +
      (f64x2.extract_lane(r23, 0) + f64x2.extract_lane(r23, 1)) +
      (f64x2.extract_lane(r45, 0) + f64x2.extract_lane(r45, 1) + (f64x2.extract_lane(r67, 0) + f64x2.extract_lane(r67, 1)));
    for (; i < n; i++) res += <f64>load<T>(x + <usize>i * size);
    return res;
  }
  let n2 = n / 2;
  n2 -= n2 % 8;
  return pairwiseSum<T>(x, n2) + pairwiseSum<T>(x + <usize>n2 * size, n - n2);
}

/** Two values of T at x, as float64. */
@inline
function pair<T>(x: usize): v128 {
  if (sizeof<T>() == 8) return v128.load(x);
  return f64x2.promote_low_f32x4(v128.load64_zero(x));
}

/** The row's maximum; NaN if it holds a NaN (as np.max). */
@inline
function rowMax<T>(x: usize, cols: i32): T {
  let max = load<T>(x);
  for (let c = 1; c < cols; c++) {
    const v = load<T>(x + (<usize>c) * sizeof<T>());
    if (v > max || v != v) max = v;
  }
  return max;
}

/** y = softmax of each of `rows` rows of `cols` float64 values at x (y may be x). */
export function softmaxF64(x: usize, y: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 3);
    const yr = y + ((<usize>r * <usize>cols) << 3);
    const max = rowMax<f64>(xr, cols);
    const m = f64x2.splat(max);
    let c = 0;
    for (; c + 2 <= cols; c += 2) {
      const at = (<usize>c) << 3;
      v128.store(yr + at, exp2(f64x2.sub(v128.load(xr + at), m)));
    }
    if (c < cols) store<f64>(yr + ((<usize>c) << 3), exp(load<f64>(xr + ((<usize>c) << 3)) - max));
    const sum = f64x2.splat(pairwiseSum<f64>(yr, cols));
    c = 0;
    for (; c + 2 <= cols; c += 2) {
      const at = yr + ((<usize>c) << 3);
      v128.store(at, f64x2.div(v128.load(at), sum));
    }
    if (c < cols) {
      const at = yr + ((<usize>c) << 3);
      store<f64>(at, load<f64>(at) / f64x2.extract_lane(sum, 0));
    }
  }
}

/**
 * y = softmax of each of `rows` rows of `cols` float32 values at x (y may be x), every
 * intermediate rounded to float32 as the reference stores it.
 */
export function softmaxF32(x: usize, y: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 2);
    const yr = y + ((<usize>r * <usize>cols) << 2);
    const max = <f64>rowMax<f32>(xr, cols);
    const m = f64x2.splat(max);
    // two at a time (a row of 10 is five pairs), an odd last one alone
    let c = 0;
    for (; c + 2 <= cols; c += 2) {
      const at = (<usize>c) << 2;
      const v = f64x2.promote_low_f32x4(v128.load64_zero(xr + at));
      const d = f32x4.demote_f64x2_zero(f64x2.sub(v, m));
      v128.store64_lane(yr + at, f32x4.demote_f64x2_zero(exp2(f64x2.promote_low_f32x4(d))), 0);
    }
    if (c < cols) {
      const at = (<usize>c) << 2;
      store<f32>(yr + at, <f32>exp(<f64><f32>(<f64>load<f32>(xr + at) - max)));
    }
    // the sum in float64, rounded to float32; a float32 quotient equals the float64 one
    // rounded to float32 (double rounding is harmless for division at these precisions)
    const total = <f32>pairwiseSum<f32>(yr, cols);
    const sum = f32x4.splat(total);
    c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = yr + ((<usize>c) << 2);
      v128.store(at, f32x4.div(v128.load(at), sum));
    }
    for (; c < cols; c++) {
      const at = yr + ((<usize>c) << 2);
      store<f32>(at, load<f32>(at) / total);
    }
  }
}

/**
 * SoftmaxWithLoss's backward away from the labels (where t = 0): out = y / rows if `divide`,
 * else y · scale, for n float32 values; the product in float64 (scale is a float64 number),
 * the quotient in float32 (equal: rows is a float32 integer). ../losses.ts writes the
 * labels' elements.
 */
export function softmaxGradF32(y: usize, out: usize, n: i32, rows: f64, scale: f64, divide: i32): void {
  let i = 0;
  if (divide) {
    const d = f32x4.splat(<f32>rows);
    for (; i + 4 <= n; i += 4) {
      const at = (<usize>i) << 2;
      v128.store(out + at, f32x4.div(v128.load(y + at), d));
    }
    for (; i < n; i++) store<f32>(out + ((<usize>i) << 2), load<f32>(y + ((<usize>i) << 2)) / <f32>rows);
    return;
  }
  const s = f64x2.splat(scale);
  for (; i + 2 <= n; i += 2) {
    const at = (<usize>i) << 2;
    const v = f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(y + at)), s);
    v128.store64_lane(out + at, f32x4.demote_f64x2_zero(v), 0);
  }
  if (i < n) store<f32>(out + ((<usize>i) << 2), <f32>(<f64>load<f32>(y + ((<usize>i) << 2)) * scale));
}

/** softmaxGradF32 for float64 values. */
export function softmaxGradF64(y: usize, out: usize, n: i32, rows: f64, scale: f64, divide: i32): void {
  let i = 0;
  const s = f64x2.splat(divide ? rows : scale);
  for (; i + 2 <= n; i += 2) {
    const at = (<usize>i) << 3;
    const v = v128.load(y + at);
    v128.store(out + at, divide ? f64x2.div(v, s) : f64x2.mul(v, s));
  }
  if (i < n) {
    const at = (<usize>i) << 3;
    store<f64>(out + at, divide ? load<f64>(y + at) / rows : load<f64>(y + at) * scale);
  }
}
