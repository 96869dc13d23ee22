// Reference max pooling (book 7.4.4, common/layers.py Pooling) without the im2col matrix:
// each window's maximum and where it was, then the gradient routed back to that place.
import type { ConvGeometry, FloatArray } from '../types.js';

export function maxPool(x: FloatArray, g: ConvGeometry, out: FloatArray, argmax: Int32Array): void {
  const { n, c, h, w, fh, fw, stride, pad, outH, outW } = g;
  let at = 0;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++) {
        // NOTE: the book pools im2col's rows, so a window overhanging the padding sees zeros
        // there (not −∞), and ties go to the first maximum in (ky, kx) order as np.argmax;
        // a NaN wins as in np.max/np.argmax. -1 marks a maximum found in the padding.
        let best = NaN;
        let where = -2;
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * stride + ky - pad;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * stride + kx - pad;
            const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
            const v = inside ? x[base + iy * w + ix] : 0;
            if (where === -2 || v > best || (v !== v && best === best)) {
              best = v;
              where = inside ? base + iy * w + ix : -1;
            }
          }
        }
        out[at] = best;
        argmax[at++] = where;
      }
  }
}

export function maxPoolBackward(dout: FloatArray, argmax: Int32Array, g: ConvGeometry, dx: FloatArray): void {
  const { n, c, h, w, outH, outW } = g;
  dx.fill(0, 0, n * c * h * w);
  const count = n * c * outH * outW;
  for (let i = 0; i < count; i++) {
    const to = argmax[i];
    if (to >= 0) dx[to] += dout[i];
  }
}
