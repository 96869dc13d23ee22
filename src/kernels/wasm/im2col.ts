// im2col/col2im on the WebAssembly kernels, one image at a time through the staging area
// (so staging stays the size of one image's patches), for the convolution layers. Resident
// operands (resident.ts) are read and written in place, with nothing staged.
import { col2im as referenceCol2im, im2col as referenceIm2col } from '../reference/im2col.js';
import type { ConvGeometry, FloatArray } from '../types.js';
import { heap, heapInt32, layout, sameType, stage, stagedCount, take, wasm } from './module.js';
import { residentAddress, writableAddress } from './resident.js';

const GEOMETRY_BYTES = 10 * 4;

function stageGeometry(at: number, g: ConvGeometry): void {
  heapInt32().set([1, g.c, g.h, g.w, g.fh, g.fw, g.stride, g.pad, g.outH, g.outW], at / 4);
}

type Kernel = (from: number, geo: number, to: number) => void;

/** Runs `kernel` image by image: `perIn` elements of `input` in, `perOut` of `output` out. */
function byImage(
  input: FloatArray,
  perIn: number,
  output: FloatArray,
  perOut: number,
  g: ConvGeometry,
  kernel: Kernel,
): void {
  const size = output.BYTES_PER_ELEMENT;
  const [ir, or] = [residentAddress(input), writableAddress(output, [input])];
  const [inAt, outAt, geoAt] = layout(
    size,
    [stagedCount(ir, perIn), stagedCount(or, perOut)],
    GEOMETRY_BYTES,
  );
  stageGeometry(geoAt, g);
  const view = heap(output);
  for (let b = 0; b < g.n; b++) {
    const image = input.subarray(b * perIn, (b + 1) * perIn);
    const from = stage(view, inAt, image, perIn, ir < 0 ? -1 : ir + b * perIn * size);
    kernel(from, geoAt, or < 0 ? outAt : or + b * perOut * size);
    if (or < 0) take(view, outAt, output.subarray(b * perOut, (b + 1) * perOut), perOut);
  }
}

const sizes = (g: ConvGeometry): [number, number] => [g.c * g.h * g.w, g.outH * g.outW * g.c * g.fh * g.fw];

/** `Kernels.im2col` on the WebAssembly kernels, one image at a time through the staging area. */
export function im2col(x: FloatArray, g: ConvGeometry, col: FloatArray): void {
  if (!sameType(x, col)) referenceIm2col(x, g, col);
  else
    byImage(
      x,
      sizes(g)[0],
      col,
      sizes(g)[1],
      g,
      col instanceof Float32Array ? wasm!.im2colF32 : wasm!.im2colF64,
    );
}

/** `Kernels.col2im` on the WebAssembly kernels, one image at a time through the staging area. */
export function col2im(col: FloatArray, g: ConvGeometry, out: FloatArray): void {
  if (!sameType(col, out)) referenceCol2im(col, g, out);
  else
    byImage(
      col,
      sizes(g)[1],
      out,
      sizes(g)[0],
      g,
      out instanceof Float32Array ? wasm!.col2imF32 : wasm!.col2imF64,
    );
}
