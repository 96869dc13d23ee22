// im2col/col2im (twins of ../../reference/im2col.ts), generic over T = f32 | f64. The
// geometry arrives as an i32 array at `geo`: n, c, h, w, fh, fw, stride, pad, outH, outW.
// Addresses in bytes.

import { Geometry } from './geometry';

function im2col<T>(x: usize, geo: usize, col: usize): void {
  const g = changetype<Geometry>(geo);
  // prettier-ignore
  const n = g.n, c = g.c, h = g.h, w = g.w, fh = g.fh, fw = g.fw, stride = g.stride, pad = g.pad, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  let at = col;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let ch = 0; ch < c; ch++) {
          const plane = x + <usize>(b * c + ch) * h * w * size;
          for (let ky = 0; ky < fh; ky++) {
            const iy = oy * stride + ky - pad;
            const rowInside = iy >= 0 && iy < h;
            for (let kx = 0; kx < fw; kx++) {
              const ix = ox * stride + kx - pad;
              store<T>(at, rowInside && ix >= 0 && ix < w ? load<T>(plane + <usize>(iy * w + ix) * size) : 0);
              at += size;
            }
          }
        }
}

function col2im<T>(col: usize, geo: usize, out: usize): void {
  const g = changetype<Geometry>(geo);
  // prettier-ignore
  const n = g.n, c = g.c, h = g.h, w = g.w, fh = g.fh, fw = g.fw, stride = g.stride, pad = g.pad, outH = g.outH, outW = g.outW;
  const size = sizeof<T>();
  const cols = c * fh * fw;
  memory.fill(out, 0, <usize>n * c * h * w * size);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++) {
      const plane = out + <usize>(b * c + ch) * h * w * size;
      for (let ky = 0; ky < fh; ky++)
        for (let kx = 0; kx < fw; kx++) {
          const q = (ch * fh + ky) * fw + kx;
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * stride + ky - pad;
            if (iy < 0 || iy >= h) continue;
            for (let ox = 0; ox < outW; ox++) {
              const ix = ox * stride + kx - pad;
              if (ix < 0 || ix >= w) continue;
              const to = plane + <usize>(iy * w + ix) * size;
              const row = (b * outH + oy) * outW + ox;
              store<T>(to, load<T>(to) + load<T>(col + (<usize>row * cols + q) * size));
            }
          }
        }
    }
}

export function im2colF32(x: usize, geo: usize, col: usize): void {
  im2col<f32>(x, geo, col);
}

export function im2colF64(x: usize, geo: usize, col: usize): void {
  im2col<f64>(x, geo, col);
}

export function col2imF32(col: usize, geo: usize, out: usize): void {
  col2im<f32>(col, geo, out);
}

export function col2imF64(col: usize, geo: usize, out: usize): void {
  col2im<f64>(col, geo, out);
}
