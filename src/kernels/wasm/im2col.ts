// im2col/col2im on the WebAssembly kernels, one image at a time through the staging area
// (so staging stays the size of one image's patches), for the convolution layers.
import { col2im as referenceCol2im, im2col as referenceIm2col } from '../reference/im2col.js';
import type { ConvGeometry, FloatArray } from '../types.js';
import { heap, heapInt32, layout, put, take, wasm } from './module.js';

const GEOMETRY_BYTES = 10 * 4;

function stageGeometry(at: number, g: ConvGeometry): void {
  heapInt32().set([1, g.c, g.h, g.w, g.fh, g.fw, g.stride, g.pad, g.outH, g.outW], at / 4);
}

const sameType = (a: FloatArray, b: FloatArray): boolean =>
  a instanceof Float32Array ? b instanceof Float32Array : b instanceof Float64Array;

export function im2col(x: FloatArray, g: ConvGeometry, col: FloatArray): void {
  if (!sameType(x, col)) {
    referenceIm2col(x, g, col);
    return;
  }
  const f32 = col instanceof Float32Array;
  const [image, patches] = [g.c * g.h * g.w, g.outH * g.outW * g.c * g.fh * g.fw];
  const [xAt, colAt, geoAt] = layout(f32 ? 4 : 8, [image, patches], GEOMETRY_BYTES);
  stageGeometry(geoAt, g);
  const view = heap(col);
  for (let b = 0; b < g.n; b++) {
    put(view, xAt, x.subarray(b * image, (b + 1) * image), image);
    (f32 ? wasm!.im2colF32 : wasm!.im2colF64)(xAt, geoAt, colAt);
    take(view, colAt, col.subarray(b * patches, (b + 1) * patches), patches);
  }
}

export function col2im(col: FloatArray, g: ConvGeometry, out: FloatArray): void {
  if (!sameType(col, out)) {
    referenceCol2im(col, g, out);
    return;
  }
  const f32 = out instanceof Float32Array;
  const [image, patches] = [g.c * g.h * g.w, g.outH * g.outW * g.c * g.fh * g.fw];
  const [colAt, outAt, geoAt] = layout(f32 ? 4 : 8, [patches, image], GEOMETRY_BYTES);
  stageGeometry(geoAt, g);
  const view = heap(out);
  for (let b = 0; b < g.n; b++) {
    put(view, colAt, col.subarray(b * patches, (b + 1) * patches), patches);
    (f32 ? wasm!.col2imF32 : wasm!.col2imF64)(colAt, geoAt, outAt);
    take(view, outAt, out.subarray(b * image, (b + 1) * image), image);
  }
}
