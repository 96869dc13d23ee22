// The Convolution layer's forward and backward in one call each (twins of
// ../../reference/convolution.ts), image by image, so the im2col matrix only ever lives in a
// thread's scratch: the forward computes W (FN×K) · colᵀ (K×P) with the dense GEMM, which is
// the output already in the book's (N, FN, OH, OW) order; the backward dW = dout·col,
// dcolᵀ = Wᵀ·dout and col2im. Generic over T = f32 | f64; addresses in bytes.
//
// `params` holds i32: 0–9 the geometry (n = 1, c, h, w, fh, fw, stride, pad, outH, outW),
// 10 FN, 11 W (FN×K), 12 b (FN), 13 Wᵀ (K×FN), 14 x (the batch, for the backward),
// 15 dW partials and 16 db partials (one per BLOCK images), 17 whether to compute dx.

import { Geometry } from './geometry';
import { gemmF32, gemmF64, packPanelsF32, packPanelsF64, panelBytes, denseScratchBytes, PANEL } from './gemm';
import { transposeF32, transposeF64 } from './transpose';

/** The parameter block (see the file's header): the geometry, then FN and the addresses. */
@unmanaged
class ConvParams extends Geometry {
  fn: i32;
  W: i32;
  b: i32;
  Wt: i32;
  x: i32;
  dWParts: i32;
  dbParts: i32;
  wantDx: i32;
}

// images summed into one dW partial: fixed, so a band of threads (whole blocks) never changes
// which products are added together, and results do not depend on the thread count
export const BLOCK = 4;

@inline
function gemm<T>(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  if (sizeof<T>() == 4) gemmF32(a, panels, c, m, n, k, scratch);
  else gemmF64(a, panels, c, m, n, k, scratch);
}

@inline
function packPanels<T>(b: usize, k: i32, n: i32, out: usize): void {
  if (sizeof<T>() == 4) packPanelsF32(b, k, n, out);
  else packPanelsF64(b, k, n, out);
}

@inline
function round16(bytes: i32): i32 {
  return (bytes + 15) & ~15;
}

/** Scratch bytes one thread needs for convForward and convBackward. */
export function convScratchBytes(fn: i32, k: i32, p: i32, size: i32): i32 {
  const forward = round16(k * p * size) + round16(panelBytes(k, p, size)) + denseScratchBytes(k, size);
  const backward =
    round16(k * p * size) + // colᵀ
    round16(p * k * size) + // col
    round16(panelBytes(p, k, size)) + // col as panels
    round16(panelBytes(fn, p, size)) + // dout as panels
    round16(fn * k * size) + // one image's dW
    round16(k * p * size) + // dcolᵀ
    denseScratchBytes(max(p, fn), size);
  return max(forward, backward);
}

/**
 * colᵀ (K×P) of one image, row q = (c, ky, kx) holding that filter tap's input value for every
 * output position: with stride 1 each output row is a contiguous run of an input row, copied whole.
 */
function im2colTransposed<T>(x: usize, geo: usize, colT: usize): void {
  const g = changetype<Geometry>(geo);
  const c = g.c, h = g.h, w = g.w, fh = g.fh, fw = g.fw, stride = g.stride, pad = g.pad, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  let dst = colT;
  for (let ch = 0; ch < c; ch++) {
    const plane = x + <usize>ch * h * w * size;
    for (let ky = 0; ky < fh; ky++)
      for (let kx = 0; kx < fw; kx++) {
        const ix0 = kx - pad; // ix = ox·stride + ix0
        // the output columns whose ix lies inside [0, w)
        const lo = ix0 >= 0 ? 0 : min(outW, (-ix0 + stride - 1) / stride);
        // NOTE: i32 division truncates toward 0: no column fits when w − 1 − ix0 < 0
        const hi = w - 1 - ix0 < 0 ? lo : max(lo, min(outW, (w - 1 - ix0) / stride + 1));
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * stride + ky - pad;
          if (iy < 0 || iy >= h) {
            memory.fill(dst, 0, <usize>outW * size);
            dst += <usize>outW * size;
            continue;
          }
          const src = plane + <usize>iy * w * size;
          if (lo > 0) memory.fill(dst, 0, <usize>lo * size);
          if (stride == 1) memory.copy(dst + <usize>lo * size, src + <usize>(lo + ix0) * size, <usize>(hi - lo) * size);
          else
            for (let ox = lo; ox < hi; ox++)
              store<T>(dst + <usize>ox * size, load<T>(src + <usize>(ox * stride + ix0) * size));
          if (hi < outW) memory.fill(dst + <usize>hi * size, 0, <usize>(outW - hi) * size);
          dst += <usize>outW * size;
        }
      }
  }
}

/** col2im of one image from dcolᵀ (K×P): each pixel sums its patches in order of (c, ky, kx), as the book. */
function col2imTransposed<T>(colT: usize, geo: usize, out: usize): void {
  const g = changetype<Geometry>(geo);
  const c = g.c, h = g.h, w = g.w, fh = g.fh, fw = g.fw, stride = g.stride, pad = g.pad, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  const p = outH * outW;
  memory.fill(out, 0, <usize>c * h * w * size);
  for (let ch = 0; ch < c; ch++) {
    const plane = out + <usize>ch * h * w * size;
    for (let ky = 0; ky < fh; ky++)
      for (let kx = 0; kx < fw; kx++) {
        const row = colT + <usize>((ch * fh + ky) * fw + kx) * p * size;
        const ix0 = kx - pad;
        const lo = ix0 >= 0 ? 0 : min(outW, (-ix0 + stride - 1) / stride);
        // NOTE: i32 division truncates toward 0: no column fits when w − 1 − ix0 < 0
        const hi = w - 1 - ix0 < 0 ? lo : max(lo, min(outW, (w - 1 - ix0) / stride + 1));
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * stride + ky - pad;
          if (iy < 0 || iy >= h) continue;
          const from = row + <usize>oy * outW * size;
          if (stride == 1) {
            // a contiguous run of the image row += a contiguous run of colᵀ
            addInto<T>(plane + <usize>(iy * w + lo + ix0) * size, from + <usize>lo * size, hi - lo);
            continue;
          }
          for (let ox = lo; ox < hi; ox++) {
            const to = plane + <usize>(iy * w + ox * stride + ix0) * size;
            store<T>(to, load<T>(to) + load<T>(from + <usize>ox * size));
          }
        }
      }
  }
}

/** to[i] += from[i] for i < count. */
function addInto<T>(to: usize, from: usize, count: i32): void {
  const size = sizeof<T>();
  const lanes = 16 / <i32>size;
  let i = 0;
  for (; i + lanes <= count; i += lanes) {
    const at = <usize>i * size;
    v128.store(to + at, v128.add<T>(v128.load(to + at), v128.load(from + at)));
  }
  for (; i < count; i++) {
    const at = <usize>i * size;
    store<T>(to + at, load<T>(to + at) + load<T>(from + at));
  }
}

function convForward<T>(x: usize, params: usize, out: usize, images: i32, outPer: i32, inPer: i32, scratch: usize): void {
  const q = changetype<ConvParams>(params);
  const c = q.c, fh = q.fh, fw = q.fw, p = q.outH * q.outW, fn = q.fn;
  const W = <usize>q.W;
  const b = <usize>q.b;
  const k = c * fh * fw;
  const size = sizeof<T>();
  const colT = scratch;
  const panels = colT + <usize>round16(k * p * <i32>size);
  const gemmScratch = panels + <usize>round16(panelBytes(k, p, <i32>size));
  for (let i = 0; i < images; i++) {
    const o = out + <usize>i * outPer * size;
    im2colTransposed<T>(x + <usize>i * inPer * size, params, colT);
    packPanels<T>(colT, k, p, panels);
    gemm<T>(W, panels, o, fn, p, k, gemmScratch);
    // + b, after the sum, as the book's np.dot(col, col_W) + self.b
    for (let f = 0; f < fn; f++) {
      const row = o + <usize>f * p * size;
      const bias = load<T>(b + <usize>f * size);
      const splat = v128.splat<T>(bias);
      const lanes = 16 / <i32>size;
      let j = 0;
      for (; j + lanes <= p; j += lanes) {
        const at = row + <usize>j * size;
        v128.store(at, v128.add<T>(v128.load(at), splat));
      }
      for (; j < p; j++) {
        const at = row + <usize>j * size;
        store<T>(at, load<T>(at) + bias);
      }
    }
  }
}

function convBackward<T>(
  dout: usize,
  params: usize,
  dx: usize,
  images: i32,
  inPer: i32,
  outPer: i32,
  scratch: usize,
  first: i32,
): void {
  const q = changetype<ConvParams>(params);
  const c = q.c, h = q.h, w = q.w, fh = q.fh, fw = q.fw, p = q.outH * q.outW, fn = q.fn;
  const Wt = <usize>q.Wt;
  const xs = <usize>q.x;
  const dWParts = <usize>q.dWParts;
  const dbParts = <usize>q.dbParts;
  const wantDx = q.wantDx != 0;
  const k = c * fh * fw;
  const size = sizeof<T>();
  const colT = scratch;
  const col = colT + <usize>round16(k * p * <i32>size);
  const colPanels = col + <usize>round16(p * k * <i32>size);
  const doutPanels = colPanels + <usize>round16(panelBytes(p, k, <i32>size));
  const dW = doutPanels + <usize>round16(panelBytes(fn, p, <i32>size));
  const dcolT = dW + <usize>round16(fn * k * <i32>size);
  const gemmScratch = dcolT + <usize>round16(k * p * <i32>size);
  for (let i = 0; i < images; i++) {
    const image = first + i;
    const d = dout + <usize>i * outPer * size;
    const block = image / BLOCK;
    const partW = dWParts + <usize>block * fn * k * size;
    const partB = dbParts + <usize>block * fn * size;
    // dW of this image = dout (FN×P) · col (P×K): the book's col.T·dout, transposed
    im2colTransposed<T>(xs + <usize>image * c * h * w * size, params, colT);
    // col (P×K) = (colᵀ)ᵀ: transposeF32(x, rows, cols, out) reads x as cols×rows
    if (sizeof<T>() == 4) transposeF32(colT, p, k, col);
    else transposeF64(colT, p, k, col);
    packPanels<T>(col, p, k, colPanels);
    const fresh = image % BLOCK == 0;
    gemm<T>(d, colPanels, fresh ? partW : dW, fn, k, p, gemmScratch);
    if (!fresh) addInto<T>(partW, dW, fn * k);
    for (let f = 0; f < fn; f++) {
      const row = d + <usize>f * p * size;
      let s: T = 0;
      for (let j = 0; j < p; j++) s += load<T>(row + <usize>j * size);
      const at = partB + <usize>f * size;
      store<T>(at, fresh ? s : load<T>(at) + s);
    }
    if (!wantDx) continue;
    // dcolᵀ (K×P) = Wᵀ (K×FN) · dout (FN×P), then col2im
    packPanels<T>(d, fn, p, doutPanels);
    gemm<T>(Wt, doutPanels, dcolT, k, p, fn, gemmScratch);
    col2imTransposed<T>(dcolT, params, dx + <usize>i * inPer * size);
  }
}

/** out (len) = the sum of `count` partials of len elements, in order. */
function sumParts<T>(parts: usize, count: i32, len: i32, out: usize): void {
  const size = sizeof<T>();
  memory.copy(out, parts, <usize>len * size);
  for (let b = 1; b < count; b++) addInto<T>(out, parts + <usize>b * len * size, len);
}

/** One band of images of convForward; the signature the thread pool calls (see ../pool.ts). */
export function convForwardF32(x: usize, params: usize, out: usize, images: i32, outPer: i32, inPer: i32, scratch: usize): void {
  convForward<f32>(x, params, out, images, outPer, inPer, scratch);
}

export function convForwardF64(x: usize, params: usize, out: usize, images: i32, outPer: i32, inPer: i32, scratch: usize): void {
  convForward<f64>(x, params, out, images, outPer, inPer, scratch);
}

/** One band of images of convBackward, starting at image `first` of the batch. */
export function convBackwardF32(dout: usize, params: usize, dx: usize, images: i32, inPer: i32, outPer: i32, scratch: usize, first: i32): void {
  convBackward<f32>(dout, params, dx, images, inPer, outPer, scratch, first);
}

export function convBackwardF64(dout: usize, params: usize, dx: usize, images: i32, inPer: i32, outPer: i32, scratch: usize, first: i32): void {
  convBackward<f64>(dout, params, dx, images, inPer, outPer, scratch, first);
}

export function sumPartsF32(parts: usize, count: i32, len: i32, out: usize): void {
  sumParts<f32>(parts, count, len, out);
}

export function sumPartsF64(parts: usize, count: i32, len: i32, out: usize): void {
  sumParts<f64>(parts, count, len, out);
}
