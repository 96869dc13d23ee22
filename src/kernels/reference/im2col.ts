// Reference im2col/col2im: the book's common/util.py, one element at a time.
import type { ConvGeometry, FloatArray } from '../types.js';

/** The reference `Kernels.im2col`: the book's im2col, one element at a time. */
export function im2col(x: FloatArray, g: ConvGeometry, col: FloatArray): void {
  const { n, c, h, w, fh, fw, stride, pad, outH, outW } = g;
  let at = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let ch = 0; ch < c; ch++)
          for (let ky = 0; ky < fh; ky++)
            for (let kx = 0; kx < fw; kx++) {
              const [iy, ix] = [oy * stride + ky - pad, ox * stride + kx - pad];
              const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
              col[at++] = inside ? x[((b * c + ch) * h + iy) * w + ix] : 0;
            }
}

/** The reference `Kernels.col2im`: the book's col2im, one element at a time. */
export function col2im(col: FloatArray, g: ConvGeometry, out: FloatArray): void {
  const { n, c, h, w, fh, fw, stride, pad, outH, outW } = g;
  const cols = c * fh * fw;
  out.fill(0, 0, n * c * h * w);
  // the book adds col[:, :, y, x, :, :] for y, then x: each pixel sums in that order
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let ky = 0; ky < fh; ky++)
        for (let kx = 0; kx < fw; kx++)
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * stride + ky - pad;
            if (iy < 0 || iy >= h) continue;
            for (let ox = 0; ox < outW; ox++) {
              const ix = ox * stride + kx - pad;
              if (ix < 0 || ix >= w) continue;
              const row = (b * outH + oy) * outW + ox;
              out[((b * c + ch) * h + iy) * w + ix] += col[row * cols + (ch * fh + ky) * fw + kx];
            }
          }
}
