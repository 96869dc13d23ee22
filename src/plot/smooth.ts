// The book's smooth_curve (common/util.py): a Kaiser window (β = 2) of length 11 slid
// over the series, with mirrored ends, for readable loss curves.

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

/**
 * The book's `smooth_curve` (common/util.py, used by ch06/optimizer_compare_mnist.py): a Kaiser
 * window (β = 2) of length 11 slid over the series, with mirrored ends, for readable loss curves.
 * Series shorter than 11 are returned as they are.
 */
export function smoothCurve(x: readonly number[]): number[] {
  const windowLen = 11;
  if (x.length < windowLen) return [...x];
  const beta = 2;
  const w = Array.from({ length: windowLen }, (_, n) => {
    const r = (2 * n) / (windowLen - 1) - 1;
    return besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
  });
  const total = w.reduce((a, b) => a + b, 0);
  // s = r_[x[window_len-1:0:-1], x, x[-1:-window_len:-1]]
  const s = [
    ...x.slice(1, windowLen).reverse(),
    ...x,
    ...x.slice(x.length - windowLen, x.length - 1).reverse(),
  ];
  const y: number[] = [];
  for (let i = 0; i + windowLen <= s.length; i++) {
    let acc = 0;
    for (let j = 0; j < windowLen; j++) acc += (w[j] / total) * s[i + j];
    y.push(acc);
  }
  return y.slice(5, y.length - 5);
}
