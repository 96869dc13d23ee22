// Max pooling on the WebAssembly kernels (assembly/pooling.ts): the whole batch staged at
// once (a pooling input is a few MB), split over the threads by images, the maxima and their
// indices copied back out. Resident
// operands (resident.ts) are read and written in place; the Int32Array indices are always staged.
import {
  maxPool as referenceMaxPool,
  maxPoolBackward as referenceMaxPoolBackward,
} from '../reference/pooling.js';
import type { ConvGeometry, FloatArray } from '../types.js';
import { heap, heapInt32, layout, sameType, stage, stagedCount, take, wasm } from './module.js';
import { GemmKernel, imagesOnThreads } from './pool.js';
import { residentAddress, writableAddress } from './resident.js';

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
  const [xr, or] = [residentAddress(x), writableAddress(out, [x])];
  const [xAt, outAt, argAt, geoAt] = layout(
    x.BYTES_PER_ELEMENT,
    [stagedCount(xr, inCount), stagedCount(or, outCount), argCount],
    GEOMETRY_BYTES,
  );
  stageGeometry(geoAt, g);
  const xFrom = stage(heap(x), xAt, x, inCount, xr);
  const f32 = x instanceof Float32Array;
  const run = f32 ? wasm!.maxPoolF32 : wasm!.maxPoolF64;
  const outTo = or < 0 ? outAt : or;
  const op = f32 ? GemmKernel.MaxPoolF32 : GemmKernel.MaxPoolF64;
  imagesOnThreads(op, [xFrom, geoAt, outTo, argAt], g.n, inCount, (lo, hi) =>
    run(xFrom, geoAt, outTo, argAt, lo, hi - lo),
  );
  if (or < 0) take(heap(out), outAt, out, outCount);
  argmax.set(heapInt32().subarray(argAt / 4, argAt / 4 + outCount));
}

export function maxPoolBackward(dout: FloatArray, argmax: Int32Array, g: ConvGeometry, dx: FloatArray): void {
  if (!sameType(dout, dx)) return referenceMaxPoolBackward(dout, argmax, g, dx);
  const size = dx.BYTES_PER_ELEMENT;
  const [inCount, outCount, argCount] = regions(g, size);
  const [dr, dxr] = [residentAddress(dout), writableAddress(dx, [dout])];
  const [dxAt, doutAt, argAt, geoAt] = layout(
    size,
    [stagedCount(dxr, inCount), stagedCount(dr, outCount), argCount],
    GEOMETRY_BYTES,
  );
  stageGeometry(geoAt, g);
  const doutFrom = stage(heap(dout), doutAt, dout, outCount, dr);
  heapInt32().set(argmax.subarray(0, outCount), argAt / 4);
  const f32 = dx instanceof Float32Array;
  const run = f32 ? wasm!.maxPoolBackwardF32 : wasm!.maxPoolBackwardF64;
  const dxTo = dxr < 0 ? dxAt : dxr;
  const op = f32 ? GemmKernel.MaxPoolBackwardF32 : GemmKernel.MaxPoolBackwardF64;
  imagesOnThreads(op, [doutFrom, argAt, geoAt, dxTo], g.n, inCount, (lo, hi) =>
    run(doutFrom, argAt, geoAt, dxTo, lo, hi - lo),
  );
  if (dxr < 0) take(heap(dx), dxAt, dx, inCount);
}
