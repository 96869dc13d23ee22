// A correctly rounded natural logarithm, so RandomState.randn matches NumPy bit for bit.
// NOTE: V8's Math.log (fdlibm) is off by one ulp from glibc's log on a few percent of
// inputs; the polar Gaussian feeds those ulps into every weight. Evaluating log in
// double-double (~106 bits) and rounding once gives the nearest double, as glibc does.

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/** a·b = hi + lo exactly (Dekker's two-product without FMA). */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** a + b = hi + lo exactly (Knuth's two-sum). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function ddAdd(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [s, e] = twoSum(ah, bh);
  return twoSum(s, e + al + bl);
}

function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProd(ah, bh);
  return twoSum(p, e + ah * bl + al * bh);
}

/** 1/(2k+1) as a double-double, for the atanh series. */
const SERIES: [number, number][] = Array.from({ length: 24 }, (_, k) => {
  const d = 2 * k + 1;
  const hi = 1 / d;
  const [p, e] = twoProd(hi, d);
  return [hi, -(p - 1 + e) / d];
});

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/** The natural logarithm of x, correctly rounded (as glibc's `log`), for NumPy-identical Gaussians. */
export function exactLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  // x = m · 2^e with m in [√½, √2)
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= 2) [m, e] = [m / 2, e + 1];
  else if (m < 1) [m, e] = [m * 2, e - 1];
  if (m > Math.SQRT2) [m, e] = [m / 2, e + 1];
  // log m = 2·atanh(s) = 2s·Σ z^k/(2k+1), s = (m−1)/(m+1), z = s²
  const f = m - 1; // exact (Sterbenz)
  const [dh, dl] = twoSum(m, 1);
  const q = f / dh;
  const [ph, pl] = twoProd(q, dh);
  const [sh, sl] = twoSum(q, (f - ph - pl - q * dl) / dh);
  const [zh, zl] = ddMul(sh, sl, sh, sl);
  let [ah, al] = SERIES[SERIES.length - 1];
  for (let k = SERIES.length - 2; k >= 0; k--) {
    [ah, al] = ddMul(ah, al, zh, zl);
    [ah, al] = ddAdd(ah, al, SERIES[k][0], SERIES[k][1]);
  }
  const [th, tl] = ddMul(2 * sh, 2 * sl, ah, al);
  const [eh, el] = ddMul(e, 0, LN2_HI, LN2_LO);
  const [rh, rl] = ddAdd(eh, el, th, tl);
  return rh + rl;
}
