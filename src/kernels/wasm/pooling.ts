// Max pooling on the WebAssembly kernels (assembly/pooling.ts): the whole batch staged at
// once (a pooling input is a few MB), the maxima and their indices copied back out.
import {
  maxPool as referenceMaxPool,
  maxPoolBackward as referenceMaxPoolBackward,
} from '../reference/pooling.js';
import type { ConvGeometry, FloatArray } from '../types.js';
import { heap, heapInt32, layout, put, sameType, take, wasm } from './module.js';

const GEOMETRY_BYTES = 10 * 4;

function stageGeometry(at: number, g: ConvGeometry): void {
  heapInt32().set([g.n, g.c, g.h, g.w, g.fh, g.fw, g.stride, g.pad, g.outH, g.outW], at / 4);
}

/** Region sizes in elements of x's type: the input, the output, the i32 indices. */
function regions(g: ConvGeometry, size: number): [number, number, number] {
  const count = g.n * g.c * g.outH * g.outW;
  return [g.n * g.c * g.h * g.w, count, Math.ceil((count * 4) / size)];
}

export function maxPool(x: FloatArray, g: ConvGeometry, out: FloatArray, argmax: Int32Array): void {
  if (!sameType(x, out)) return referenceMaxPool(x, g, out, argmax);
  const [inCount, outCount, argCount] = regions(g, x.BYTES_PER_ELEMENT);
  const [xAt, outAt, argAt, geoAt] = layout(
    x.BYTES_PER_ELEMENT,
    [inCount, outCount, argCount],
    GEOMETRY_BYTES,
  );
  stageGeometry(geoAt, g);
  put(heap(x), xAt, x, inCount);
  (x instanceof Float32Array ? wasm!.maxPoolF32 : wasm!.maxPoolF64)(xAt, geoAt, outAt, argAt);
  take(heap(out), outAt, out, outCount);
  argmax.set(heapInt32().subarray(argAt / 4, argAt / 4 + outCount));
}

export function maxPoolBackward(dout: FloatArray, argmax: Int32Array, g: ConvGeometry, dx: FloatArray): void {
  if (!sameType(dout, dx)) return referenceMaxPoolBackward(dout, argmax, g, dx);
  const size = dx.BYTES_PER_ELEMENT;
  const [inCount, outCount, argCount] = regions(g, size);
  const [dxAt, doutAt, argAt, geoAt] = layout(size, [inCount, outCount, argCount], GEOMETRY_BYTES);
  stageGeometry(geoAt, g);
  put(heap(dout), doutAt, dout, outCount);
  heapInt32().set(argmax.subarray(0, outCount), argAt / 4);
  (dx instanceof Float32Array ? wasm!.maxPoolBackwardF32 : wasm!.maxPoolBackwardF64)(
    doutAt,
    argAt,
    geoAt,
    dxAt,
  );
  take(heap(dx), dxAt, dx, inCount);
}
