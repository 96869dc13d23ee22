// SoftmaxWithLoss's kernels on WebAssembly (twin of ../reference/losses.ts, equal to it bit for
// bit; bench/softmax-loss.ts measured them, issue 16). The forward's softmax runs in
// assembly/losses.ts with Math.exp rewritten as V8 computes it; the logs of the labels'
// probabilities stay in JavaScript (the reference's crossEntropyOfSoftmax). The backward's
// (y − t)/N is one pass, then the labels' elements.
import {
  crossEntropyOfSoftmax,
  softmaxCrossEntropy as referenceSoftmaxCrossEntropy,
  softmaxCrossEntropyGrad as referenceSoftmaxCrossEntropyGrad,
} from '../reference/losses.js';
import type { FloatArray } from '../types.js';
import { forChunks } from './elementwise.js';
import { heap, layout, put, sameType, take, wasm } from './module.js';
import { overlap, residentAddress, writableAddress } from './resident.js';

/** `Kernels.softmaxCrossEntropy` with the softmax on WebAssembly (the reference's result, bit for bit). */
export function softmaxCrossEntropy(
  x: FloatArray,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  delta: number,
  y: FloatArray,
): number {
  if (!sameType(x, y) || !expMatchesEngine()) {
    return referenceSoftmaxCrossEntropy(x, rows, cols, labels, delta, y);
  }
  const f32 = y instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const run = f32 ? wasm!.softmaxF32 : wasm!.softmaxF64;
  // a row is read whole before it is written, so y may be x itself, but not another view into it
  const [xr, yr] = [residentAddress(x), x === y ? residentAddress(y) : writableAddress(y, [x])];
  if (xr >= 0 && yr >= 0) {
    run(xr, yr, rows, cols);
  } else {
    forChunks(rows, cols, (r0, count) => {
      const n = count * cols;
      const [xAt, yAt] = layout(size, [xr < 0 ? n : 0, yr < 0 ? n : 0]);
      const view = heap(y);
      if (xr < 0) put(view, xAt, x.subarray(r0 * cols, r0 * cols + n), n);
      run(xr < 0 ? xAt : xr + r0 * cols * size, yr < 0 ? yAt : yr + r0 * cols * size, count, cols);
      if (yr < 0) take(view, yAt, y.subarray(r0 * cols, r0 * cols + n), n);
    });
  }
  return crossEntropyOfSoftmax(y, rows, cols, labels, delta);
}

/** `Kernels.softmaxCrossEntropyGrad` on WebAssembly (the reference's result, bit for bit). */
export function softmaxCrossEntropyGrad(
  y: FloatArray,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  dout: number,
  out: FloatArray,
): void {
  // out must not overlap y: the labels' elements are read from y after the pass
  if (!sameType(y, out) || overlap(y, out) || rows > 2 ** 24) {
    referenceSoftmaxCrossEntropyGrad(y, rows, cols, labels, dout, out);
    return;
  }
  const f32 = out instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const run = f32 ? wasm!.softmaxGradF32 : wasm!.softmaxGradF64;
  const scale = dout / rows;
  const divide = dout === 1 ? 1 : 0;
  const [yr, or] = [residentAddress(y), residentAddress(out)];
  if (yr >= 0 && or >= 0) {
    run(yr, or, rows * cols, rows, scale, divide);
  } else {
    forChunks(rows * cols, 1, (from, n) => {
      const [yAt, oAt] = layout(size, [yr < 0 ? n : 0, or < 0 ? n : 0]);
      const view = heap(y);
      if (yr < 0) put(view, yAt, y.subarray(from, from + n), n);
      run(yr < 0 ? yAt : yr + from * size, or < 0 ? oAt : or + from * size, n, rows, scale, divide);
      if (or < 0) take(view, oAt, out.subarray(from, from + n), n);
    });
  }
  // the labels' elements, (y − 1) rounded to the dtype, as the reference
  for (let r = 0; r < rows; r++) {
    const i = r * cols + labels[r];
    const d = f32 ? Math.fround(y[i] - 1) : y[i] - 1;
    out[i] = divide ? d / rows : d * scale;
  }
}

// NOTE: the exponential in assembly/losses.ts is V8's (fdlibm's). An engine whose Math.exp
// is another (JavaScriptCore, SpiderMonkey, a future V8) would get other last bits, so it
// is compared once, on values across the whole range, and the reference is used instead
// wherever a single one differs.
let matches: boolean | null = null;

/** Whether the module's exponential gives Math.exp's bits here (checked on first use). */
export function expMatchesEngine(): boolean {
  if (matches === null) {
    const probes = expProbes();
    const n = probes.length;
    const [xAt, outAt] = layout(8, [n, n]);
    const view = heap(probes) as Float64Array;
    view.set(probes, xAt / 8);
    wasm!.expF64(xAt, outAt, n);
    const out = view.subarray(outAt / 8, outAt / 8 + n);
    matches = probes.every((v, i) => Object.is(out[i], Math.exp(v)));
  }
  return matches;
}

/** Values across exp's ranges (tiny, ±ln 2 / 2, 1.5 ln 2, softmax's [−40, 0], near over- and underflow, specials). */
function expProbes(): Float64Array {
  const probes = [
    0,
    -0,
    1,
    -1,
    Infinity,
    -Infinity,
    NaN,
    709.78,
    709.79,
    -745.13,
    -745.14,
    1e-300,
    2 ** -1074,
  ];
  let seed = 1;
  const uniform = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const ranges = [1e-9, 0.35, 1.05, 2, 40, 750];
  for (const range of ranges) {
    for (let i = 0; i < 256; i++) probes.push((uniform() * 2 - 1) * range);
  }
  return Float64Array.from(probes);
}
