// The Convolution layer's forward and backward on the WebAssembly kernels
// (assembly/convolution.ts): the batch staged once, im2col and the products done image by
// image in each thread's scratch, split over the worker threads by bands of whole blocks of
// images, only the layer's results copied out. Operands resident in the module's memory
// (resident.ts) are read where they are and resident results written in place: then nothing
// is copied. Measured by bench/convnet-step.ts.
import {
  convBackward as referenceConvBackward,
  convForward as referenceConvForward,
} from '../reference/convolution.js';
import type { ConvGeometry, FloatArray } from '../types.js';
import { heap, heapInt32, layout, sameType, stage, stagedCount, take, wasm } from './module.js';
import { GemmKernel, gemmOnThreads, maxThreads } from './pool.js';
import { residentAddress, writableAddress } from './resident.js';

// must equal assembly/convolution.ts's BLOCK: images summed into one dW partial
const BLOCK = 4;
const PARAMS = 18;

interface Sizes {
  k: number;
  p: number;
  inPer: number;
  outPer: number;
  scratch: number;
}

function sizes(g: ConvGeometry, fn: number, size: number): Sizes {
  const [k, p] = [g.c * g.fh * g.fw, g.outH * g.outW];
  const scratch = wasm!.convScratchBytes(fn, k, p, size);
  return { k, p, inPer: g.c * g.h * g.w, outPer: fn * p, scratch };
}

/** Writes the kernels' parameter block (assembly/convolution.ts's header) at `at`. */
function putParams(at: number, g: ConvGeometry, fn: number, addresses: readonly number[]): void {
  const geo = [1, g.c, g.h, g.w, g.fh, g.fw, g.stride, g.pad, g.outH, g.outW];
  heapInt32().set([...geo, fn, ...addresses], at / 4);
}

/** `Kernels.convForward` on the WebAssembly kernels. */
export function convForward(
  x: FloatArray,
  W: FloatArray,
  b: FloatArray,
  g: ConvGeometry,
  fn: number,
  out: FloatArray,
): void {
  if (!sameType(x, out) || !sameType(W, out) || !sameType(b, out))
    return referenceConvForward(x, W, b, g, fn, out);
  const f32 = out instanceof Float32Array;
  const size = out.BYTES_PER_ELEMENT;
  const s = sizes(g, fn, size);
  // resident operands are read in place (-1: staged), a resident out is written in place
  const [xr, wr, br] = [residentAddress(x), residentAddress(W), residentAddress(b)];
  const or = writableAddress(out, [x, W, b]);
  const [xAt, wAt, bAt, outAt, paramsAt, scratchAt] = layout(
    size,
    [
      stagedCount(xr, g.n * s.inPer),
      stagedCount(wr, fn * s.k),
      stagedCount(br, fn),
      stagedCount(or, g.n * s.outPer),
      (PARAMS * 4) / size,
    ],
    s.scratch * maxThreads(),
  );
  const view = heap(out);
  const xFrom = stage(view, xAt, x, g.n * s.inPer, xr);
  const wFrom = stage(view, wAt, W, fn * s.k, wr);
  const bFrom = stage(view, bAt, b, fn, br);
  const outTo = or < 0 ? outAt : or;
  putParams(paramsAt, g, fn, [wFrom, bFrom, 0, 0, 0, 0, 0]);
  const [op, run] = f32
    ? [GemmKernel.ConvForwardF32, wasm!.convForwardF32]
    : [GemmKernel.ConvForwardF64, wasm!.convForwardF64];
  const work = g.n * s.outPer * s.k;
  gemmOnThreads(op, run, xFrom, paramsAt, outTo, g.n, s.outPer, s.inPer, scratchAt, s.scratch, BLOCK, work);
  if (or < 0) take(heap(out), outAt, out, g.n * s.outPer);
}

/** `Kernels.convBackward` on the WebAssembly kernels. */
export function convBackward(
  x: FloatArray,
  W: FloatArray,
  dout: FloatArray,
  g: ConvGeometry,
  fn: number,
  dW: FloatArray,
  db: FloatArray,
  dx: FloatArray | null,
): void {
  const all = [x, W, dW, db, ...(dx ? [dx] : [])];
  if (!all.every((a) => sameType(a, dout))) return referenceConvBackward(x, W, dout, g, fn, dW, db, dx);
  const f32 = dout instanceof Float32Array;
  const size = dout.BYTES_PER_ELEMENT;
  const s = sizes(g, fn, size);
  const blocks = Math.ceil(g.n / BLOCK);
  const [xr, wr, dr] = [residentAddress(x), residentAddress(W), residentAddress(dout)];
  // dx is written while x, W and dout are read; dW and db after, from the partials
  const dxr = dx ? writableAddress(dx, [x, W, dout, dW, db]) : -1;
  const dWr = writableAddress(dW, [x, W, dout, db, ...(dx ? [dx] : [])]);
  const dbr = writableAddress(db, [x, W, dout, dW, ...(dx ? [dx] : [])]);
  const [xAt, wAt, wtAt, doutAt, dxAt, dWPartsAt, dbPartsAt, dWAt, dbAt, paramsAt, scratchAt] = layout(
    size,
    [
      stagedCount(xr, g.n * s.inPer),
      stagedCount(wr, fn * s.k),
      fn * s.k,
      stagedCount(dr, g.n * s.outPer),
      dx ? stagedCount(dxr, g.n * s.inPer) : 0,
      blocks * fn * s.k,
      blocks * fn,
      stagedCount(dWr, fn * s.k),
      stagedCount(dbr, fn),
      (PARAMS * 4) / size,
    ],
    s.scratch * maxThreads(),
  );
  const view = heap(dout);
  const xFrom = stage(view, xAt, x, g.n * s.inPer, xr);
  const wFrom = stage(view, wAt, W, fn * s.k, wr);
  const doutFrom = stage(view, doutAt, dout, g.n * s.outPer, dr);
  const dxTo = dxr < 0 ? dxAt : dxr;
  if (dx) (f32 ? wasm!.transposeF32 : wasm!.transposeF64)(wFrom, s.k, fn, wtAt);
  putParams(paramsAt, g, fn, [wFrom, 0, wtAt, xFrom, dWPartsAt, dbPartsAt, dx ? 1 : 0]);
  const [op, run] = f32
    ? [GemmKernel.ConvBackwardF32, wasm!.convBackwardF32]
    : [GemmKernel.ConvBackwardF64, wasm!.convBackwardF64];
  const work = g.n * s.outPer * s.k * (dx ? 2 : 1);
  const inPer = dx ? s.inPer : 0;
  gemmOnThreads(
    op,
    run,
    doutFrom,
    paramsAt,
    dx ? dxTo : 0,
    g.n,
    inPer,
    s.outPer,
    scratchAt,
    s.scratch,
    BLOCK,
    work,
  );
  const sum = f32 ? wasm!.sumPartsF32 : wasm!.sumPartsF64;
  sum(dWPartsAt, blocks, fn * s.k, dWr < 0 ? dWAt : dWr);
  sum(dbPartsAt, blocks, fn, dbr < 0 ? dbAt : dbr);
  const out = heap(dout);
  if (dWr < 0) take(out, dWAt, dW, fn * s.k);
  if (dbr < 0) take(out, dbAt, db, fn);
  if (dx && dxr < 0) take(out, dxAt, dx, g.n * s.inPer);
}
