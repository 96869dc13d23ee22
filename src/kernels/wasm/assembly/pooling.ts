// Max pooling and its backward (twins of ../../reference/pooling.ts), generic over
// T = f32 | f64. The geometry arrives as ten i32 at `geo`: n, c, h, w, fh, fw, stride, pad,
// outH, outW. Addresses in bytes; argmax holds i32 flat indices into x (−1: the padding).
// Each call does images [first, first + count) of the batch at x (the thread pool's chunks):
// the indices stay the batch's, and every output depends only on its own image.

import { Geometry } from './geometry';

function maxPool<T>(x: usize, geo: usize, out: usize, argmax: usize, first: i32, count: i32): void {
  const g = changetype<Geometry>(geo);
  const c = g.c, h = g.h, w = g.w, fh = g.fh, fw = g.fw, stride = g.stride, pad = g.pad, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  if (pad == 0 && fh == 2 && fw == 2 && stride == 2 && sizeof<T>() == 4) {
    maxPool2x2F32(x, first * c, (first + count) * c, h, w, outH, outW, out, argmax);
    return;
  }
  if (pad == 0) {
    maxPoolInside<T>(x, first * c, (first + count) * c, h, w, fh, fw, stride, outH, outW, out, argmax);
    return;
  }
  let at = <usize>first * c * outH * outW;
  for (let plane = first * c; plane < (first + count) * c; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++) {
        // NOTE: as the reference: padding counts as 0, the first maximum wins, a NaN wins
        let best: T = <T>0;
        let where: i32 = -2;
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * stride + ky - pad;
          const rowInside = iy >= 0 && iy < h;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * stride + kx - pad;
            const inside = rowInside && ix >= 0 && ix < w;
            const i = base + iy * w + ix;
            const v: T = inside ? load<T>(x + <usize>i * size) : <T>0;
            if (where == -2 || v > best || (v != v && best == best)) {
              best = v;
              where = inside ? i : -1;
            }
          }
        }
        store<T>(out + at * size, best);
        store<i32>(argmax + (at << 2), where);
        at++;
      }
  }
}

/** Without padding every window lies inside its plane: no bounds to test. */
function maxPoolInside<T>(
  x: usize,
  p0: i32,
  p1: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  outH: i32,
  outW: i32,
  out: usize,
  argmax: usize,
): void {
  const size = sizeof<T>();
  let at = <usize>p0 * outH * outW;
  for (let plane = p0; plane < p1; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++) {
        const first = base + oy * stride * w + ox * stride;
        let best: T = load<T>(x + <usize>first * size);
        let where: i32 = first;
        for (let ky = 0; ky < fh; ky++) {
          const row = first + ky * w;
          for (let kx = 0; kx < fw; kx++) {
            const i = row + kx;
            const v: T = load<T>(x + <usize>i * size);
            // branch-free: on random data a branch here mispredicts half the time
            const take = (<i32>(v > best)) | ((<i32>(v != v)) & (<i32>(best == best)));
            best = select<T>(v, best, take != 0);
            where = select<i32>(i, where, take != 0);
          }
        }
        store<T>(out + at * size, best);
        store<i32>(argmax + (at << 2), where);
        at++;
      }
  }
}

/** v where `take` else best (take: v > best, or v is the first NaN), lane by lane. */
@inline
function takeF32(v: v128, best: v128): v128 {
  return v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
}

/**
 * The book's 2×2, stride-2 pooling in float32, four windows at a time: the same comparisons in
 * the same order as maxPoolInside (candidates (0,0), (0,1), (1,0), (1,1)), lane by lane.
 */
function maxPool2x2F32(
  x: usize,
  p0: i32,
  p1: i32,
  h: i32,
  w: i32,
  outH: i32,
  outW: i32,
  out: usize,
  argmax: usize,
): void {
  const steps = i32x4(0, 2, 4, 6);
  const one = i32x4.splat(1);
  const below = i32x4.splat(w);
  let at = <usize>p0 * outH * outW;
  for (let plane = p0; plane < p1; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const row = base + 2 * oy * w;
      let ox = 0;
      // 2·(ox + 4) ≤ 2·outW ≤ w: both loads stay inside the row
      for (; ox + 4 <= outW; ox += 4) {
        const i0 = row + 2 * ox;
        const p0 = x + ((<usize>i0) << 2);
        const p1 = p0 + ((<usize>w) << 2);
        const r0a = v128.load(p0);
        const r0b = v128.load(p0, 16);
        const r1a = v128.load(p1);
        const r1b = v128.load(p1, 16);
        const ia = i32x4.add(i32x4.splat(i0), steps);
        let best = v128.shuffle<f32>(r0a, r0b, 0, 2, 4, 6);
        let where = ia;
        let v = v128.shuffle<f32>(r0a, r0b, 1, 3, 5, 7);
        let take = takeF32(v, best);
        best = v128.bitselect(v, best, take);
        where = v128.bitselect(i32x4.add(ia, one), where, take);
        v = v128.shuffle<f32>(r1a, r1b, 0, 2, 4, 6);
        take = takeF32(v, best);
        best = v128.bitselect(v, best, take);
        where = v128.bitselect(i32x4.add(ia, below), where, take);
        v = v128.shuffle<f32>(r1a, r1b, 1, 3, 5, 7);
        take = takeF32(v, best);
        best = v128.bitselect(v, best, take);
        where = v128.bitselect(i32x4.add(i32x4.add(ia, below), one), where, take);
        v128.store(out + (at << 2), best);
        v128.store(argmax + (at << 2), where);
        at += 4;
      }
      for (; ox < outW; ox++) {
        const first = row + 2 * ox;
        let best = load<f32>(x + ((<usize>first) << 2));
        let where = first;
        for (let j = 1; j < 4; j++) {
          const i = first + (j >> 1) * w + (j & 1);
          const v = load<f32>(x + ((<usize>i) << 2));
          if (v > best || (v != v && best == best)) {
            best = v;
            where = i;
          }
        }
        store<f32>(out + (at << 2), best);
        store<i32>(argmax + (at << 2), where);
        at++;
      }
    }
  }
}

function maxPoolBackward<T>(dout: usize, argmax: usize, geo: usize, dx: usize, first: i32, count: i32): void {
  const g = changetype<Geometry>(geo);
  const c = g.c, h = g.h, w = g.w, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  // a window lies inside its image: images [first, first + count) write only their own dx
  const per = <usize>c * h * w;
  memory.fill(dx + <usize>first * per * size, 0, <usize>count * per * size);
  const outPer = <usize>c * outH * outW;
  for (let i = <usize>first * outPer; i < <usize>(first + count) * outPer; i++) {
    const to = load<i32>(argmax + (i << 2));
    if (to >= 0) {
      const at = dx + <usize>to * size;
      store<T>(at, load<T>(at) + load<T>(dout + i * size));
    }
  }
}

export function maxPoolF32(x: usize, geo: usize, out: usize, argmax: usize, first: i32, count: i32): void {
  maxPool<f32>(x, geo, out, argmax, first, count);
}

export function maxPoolF64(x: usize, geo: usize, out: usize, argmax: usize, first: i32, count: i32): void {
  maxPool<f64>(x, geo, out, argmax, first, count);
}

export function maxPoolBackwardF32(dout: usize, argmax: usize, geo: usize, dx: usize, first: i32, count: i32): void {
  maxPoolBackward<f32>(dout, argmax, geo, dx, first, count);
}

export function maxPoolBackwardF64(dout: usize, argmax: usize, geo: usize, dx: usize, first: i32, count: i32): void {
  maxPoolBackward<f64>(dout, argmax, geo, dx, first, count);
}
