// Elementwise kernels on WebAssembly SIMD for the layouts training uses (same shapes, a
// scalar, a bias row, a keepdims column); every other case, and arrays too small for the
// copies to pay, goes to the `js` backend. Results equal the reference's bit for bit:
// +, −, ×, ÷, √ of float32 values are exact in float64 before the final rounding, so
// float32 SIMD arithmetic gives what JavaScript's float64 arithmetic stores. Operands
// resident in the module's memory (resident.ts) are read and written where they are.
import { binary as jsBinary, unary as jsUnary, where as jsWhere } from '../js/elementwise.js';
import { sgdStep as referenceSgdStep } from '../reference/elementwise.js';
import type { BinaryOp, FloatArray, UnaryOp } from '../types.js';
import { heap, layout, put, sameType, take, wasm } from './module.js';
import { GemmKernel, mapOnThreads } from './pool.js';
import { residentAddress } from './resident.js';

// below this many elements the JavaScript loop finishes before the copies would
const MIN_SIZE = 256;
// elements staged at a time
const CHUNK = 1 << 16;

// op codes of assembly/elementwise.ts
const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  maximum: 4,
  minimum: 5,
  eq: 6,
  ne: 7,
  lt: 8,
  le: 9,
  gt: 10,
  ge: 11,
};
const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 1,
  sqrt: 2,
  square: 3,
  relu: 4,
  step: 5,
};

const enum Mode {
  Full = 0,
  Scalar = 1,
  Row = 2,
  Column = 3,
}

/** How an operand read through `strides` covers the rows×cols result (cols = last axis), or null. */
function modeOf(shape: readonly number[], strides: readonly number[]): Mode | null {
  const nd = shape.length;
  let scalar = true;
  let full = true;
  let expect = 1;
  for (let ax = nd - 1; ax >= 0; ax--) {
    if (shape[ax] === 1) continue;
    if (strides[ax] !== 0) scalar = false;
    if (strides[ax] !== expect) full = false;
    expect *= shape[ax];
  }
  if (scalar) return Mode.Scalar;
  if (full) return Mode.Full;
  const last = shape[nd - 1];
  if (strides[nd - 1] === 1 && strides.every((s, ax) => ax === nd - 1 || s === 0 || shape[ax] === 1))
    return Mode.Row;
  if (strides[nd - 1] === 0 || last === 1) {
    // varies only over the leading axes, laid out contiguously there
    let e = 1;
    for (let ax = nd - 2; ax >= 0; ax--) {
      if (shape[ax] !== 1 && strides[ax] !== e) return null;
      e *= shape[ax];
    }
    return Mode.Column;
  }
  return null;
}

function countOf(mode: Mode, rows: number, cols: number): number {
  return mode === Mode.Full ? rows * cols : mode === Mode.Row ? cols : mode === Mode.Column ? rows : 1;
}

/** `Kernels.binary` on WebAssembly SIMD for the layouts training uses; else the `js` backend's. */
export function binary(
  op: BinaryOp,
  shape: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
): void {
  const code = BINARY_CODES[op];
  const n = out.length;
  const am = modeOf(shape, aStrides);
  const bm = modeOf(shape, bStrides);
  if (code === undefined || n < MIN_SIZE || am === null || bm === null) {
    jsBinary(op, shape, a, aStrides, b, bStrides, out);
    return;
  }
  const f32 = out instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const cols = shape[shape.length - 1];
  const rows = n / cols;
  // a plain number arrives as a 1-element float64 array; float32 needs it exactly
  const exact = (x: FloatArray, m: Mode): boolean =>
    sameType(x, out) || (m === Mode.Scalar && Math.fround(x[0]) === x[0]);
  if (f32 && ((am === Mode.Scalar && bm === Mode.Full) || (am === Mode.Full && bm === Mode.Scalar))) {
    const [x, s, first] = am === Mode.Full ? [a, b, 0] : [b, a, 1];
    if (sameType(x, out) && !exact(s, Mode.Scalar)) {
      const [xr, or] = [residentAddress(x), inPlace(out, [x])];
      forChunks(n, 1, (from, count) => {
        const [xAt, oAt] = layout(size, [xr < 0 ? count : 0, or < 0 ? count : 0]);
        const view = heap(out);
        if (xr < 0) view.set(x.subarray(from, from + count), xAt / size);
        const xFrom = xr < 0 ? xAt : xr + from * size;
        wasm!.binaryMixedF32(code, count, xFrom, s[0], first, or < 0 ? oAt : or + from * size);
        if (or < 0) take(view, oAt, out.subarray(from, from + count), count);
      });
      return;
    }
  }
  if (!exact(a, am) || !exact(b, bm)) {
    jsBinary(op, shape, a, aStrides, b, bStrides, out);
    return;
  }
  // a full operand spans the result, so rows×cols can be the flat n: one long row
  const flat = am !== Mode.Row && am !== Mode.Column && bm !== Mode.Row && bm !== Mode.Column;
  const [r, c] = flat ? [n, 1] : [rows, cols];
  const [ar, br] = [residentOf(a, out), residentOf(b, out)];
  const or = inPlace(out, [a, b]);
  // chunks of whole rows (of one element when flat)
  forChunks(r, c, (r0, count) => {
    // where a chunk of an operand starts (in elements from the operand's start)
    const first = (m: Mode): number => (m === Mode.Full ? r0 * c : m === Mode.Column ? r0 : 0);
    const part = (x: FloatArray, m: Mode, n: number): FloatArray => x.subarray(first(m), first(m) + n);
    const [ac, bc] = [countOf(am, count, c), countOf(bm, count, c)];
    const [aAt, bAt, oAt] = layout(size, [ar < 0 ? ac : 0, br < 0 ? bc : 0, or < 0 ? count * c : 0]);
    const view = heap(out);
    if (ar < 0) put(view, aAt, part(a, am, ac), ac);
    if (br < 0) put(view, bAt, part(b, bm, bc), bc);
    (f32 ? wasm!.binaryF32 : wasm!.binaryF64)(
      code,
      flat ? 1 : count,
      flat ? count : c,
      ar < 0 ? aAt : ar + first(am) * size,
      am,
      br < 0 ? bAt : br + first(bm) * size,
      bm,
      or < 0 ? oAt : or + r0 * c * size,
    );
    if (or < 0) take(view, oAt, out.subarray(r0 * c, (r0 + count) * c), count * c);
  });
}

/** rows×cols at byte address `at` += the row of cols values at `rowAt`, both in the module. */
export function addRowInModule(f32: boolean, rows: number, cols: number, at: number, rowAt: number): void {
  (f32 ? wasm!.binaryF32 : wasm!.binaryF64)(
    BINARY_CODES.add!,
    rows,
    cols,
    at,
    Mode.Full,
    rowAt,
    Mode.Row,
    at,
  );
}

/** `Kernels.unary` on WebAssembly SIMD where the op has a SIMD loop; else the `js` backend's. */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const code = UNARY_CODES[op];
  const n = out.length;
  if (code === undefined || n < MIN_SIZE || !sameType(x, out)) {
    jsUnary(op, x, out);
    return;
  }
  const f32 = out instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const [xr, or] = [residentAddress(x), inPlace(out, [x])];
  const run = f32 ? wasm!.unaryF32 : wasm!.unaryF64;
  if (xr >= 0 && or >= 0) {
    // nothing to stage: large passes are split over the threads
    const op = f32 ? GemmKernel.UnaryF32 : GemmKernel.UnaryF64;
    mapOnThreads(op, [code, xr, or], n, (lo, hi) => run(code, hi - lo, xr + lo * size, or + lo * size));
    return;
  }
  forChunks(n, 1, (from, count) => {
    const [xAt, oAt] = layout(size, [xr < 0 ? count : 0, or < 0 ? count : 0]);
    const view = heap(out);
    if (xr < 0) put(view, xAt, x.subarray(from, from + count), count);
    const xFrom = xr < 0 ? xAt : xr + from * size;
    run(code, count, xFrom, or < 0 ? oAt : or + from * size);
    if (or < 0) take(view, oAt, out.subarray(from, from + count), count);
  });
}

/** `Kernels.where` on WebAssembly SIMD for the layouts training uses; else the `js` backend's. */
export function where(
  shape: readonly number[],
  cond: FloatArray,
  condStrides: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  out: FloatArray,
): void {
  const n = out.length;
  const modes = [modeOf(shape, condStrides), modeOf(shape, aStrides), modeOf(shape, bStrides)];
  const flat = modes.every((m) => m === Mode.Full || m === Mode.Scalar);
  // a scalar operand is stored in out's type, as assigning it to out would round it
  const fits = (x: FloatArray, m: Mode | null): boolean => sameType(x, out) || m === Mode.Scalar;
  if (n < MIN_SIZE || !flat || !sameType(cond, out) || !fits(a, modes[1]) || !fits(b, modes[2])) {
    jsWhere(shape, cond, condStrides, a, aStrides, b, bStrides, out);
    return;
  }
  const f32 = out instanceof Float32Array;
  const size = f32 ? 4 : 8;
  // full operands of out's type are read where they are if resident (scalars are staged: a
  // float64 scalar must be rounded to out's type)
  const direct = [cond, a, b].map((x, i) => (modes[i] === Mode.Full ? residentOf(x, out) : -1));
  const or = inPlace(out, [cond, a, b]);
  const run = f32 ? wasm!.whereF32 : wasm!.whereF64;
  const [cm, am, bm] = modes as Mode[];
  if (or >= 0 && direct.every((at, i) => at >= 0 || modes[i] === Mode.Scalar)) {
    // nothing to stage but scalars (written once): large passes are split over the threads
    const scalars = layout(size, [1, 1, 1]);
    const from = [cond, a, b].map((x, i) => {
      if (modes[i] !== Mode.Scalar) return direct[i];
      heap(out).set(x.subarray(0, 1), scalars[i] / size);
      return scalars[i];
    });
    const at = (i: number, lo: number): number => from[i] + (modes[i] === Mode.Full ? lo * size : 0);
    const op = f32 ? GemmKernel.WhereF32 : GemmKernel.WhereF64;
    mapOnThreads(op, [...from, or, cm, am, bm], n, (lo, hi) =>
      run(hi - lo, at(0, lo), cm, at(1, lo), am, at(2, lo), bm, or + lo * size),
    );
    return;
  }
  forChunks(n, 1, (from, count) => {
    const part = (x: FloatArray, m: Mode | null): FloatArray =>
      m === Mode.Full ? x.subarray(from, from + count) : x.subarray(0, 1);
    const counts = modes.map((m, i) => (direct[i] >= 0 ? 0 : m === Mode.Full ? count : 1));
    const [cAt, aAt, bAt, oAt] = layout(size, [...counts, or < 0 ? count : 0]);
    const view = heap(out);
    if (direct[0] < 0) put(view, cAt, part(cond, modes[0]), counts[0]);
    // set() converts a float64 scalar into a float32 view with the same rounding as a store
    if (direct[1] < 0) view.set(part(a, modes[1]), aAt / size);
    if (direct[2] < 0) view.set(part(b, modes[2]), bAt / size);
    const at = (i: number, staged: number): number => (direct[i] < 0 ? staged : direct[i] + from * size);
    run(count, at(0, cAt), cm, at(1, aAt), am, at(2, bAt), bm, or < 0 ? oAt : or + from * size);
    if (or < 0) take(view, oAt, out.subarray(from, from + count), count);
  });
}

/** `Kernels.sgdStep` on WebAssembly SIMD (the reference's result, bit for bit). */
export function sgdStep(param: FloatArray, grad: FloatArray, lr: number): void {
  const n = param.length;
  if (n < MIN_SIZE || !sameType(grad, param)) {
    referenceSgdStep(param, grad, lr);
    return;
  }
  const f32 = param instanceof Float32Array;
  const [pr, gr] = [residentAddress(param), residentAddress(grad)];
  if (pr >= 0 && gr >= 0) {
    // both resident: in place, in one call (an element's update reads only its own grad)
    (f32 ? wasm!.sgdStepF32 : wasm!.sgdStepF64)(pr, gr, n, lr);
    return;
  }
  forChunks(n, 1, (from, count) => {
    const [pAt, gAt] = layout(f32 ? 4 : 8, [count, count]);
    const view = heap(param);
    const p = param.subarray(from, from + count);
    put(view, pAt, p, count);
    put(view, gAt, grad.subarray(from, from + count), count);
    (f32 ? wasm!.sgdStepF32 : wasm!.sgdStepF64)(pAt, gAt, count, lr);
    take(view, pAt, p, count);
  });
}

/** x's byte address if it is resident and of out's type (read where it is), else -1. */
function residentOf(x: FloatArray, out: FloatArray): number {
  return sameType(x, out) ? residentAddress(x) : -1;
}

/**
 * out's byte address if it is resident and may be written in place: the loops read each
 * element before writing the same index, so an operand may be out itself, but not another
 * view into out's memory at a different offset (that would read elements already written).
 */
function inPlace(out: FloatArray, operands: FloatArray[]): number {
  const at = residentAddress(out);
  if (at < 0) return -1;
  const end = out.byteOffset + out.byteLength;
  for (const x of operands) {
    const shifted = x.buffer === out.buffer && x.byteOffset !== out.byteOffset;
    if (shifted && x.byteOffset < end && out.byteOffset < x.byteOffset + x.byteLength) return -1;
  }
  return at;
}

/**
 * Calls f(first, count) over [0, rows) in runs of whole rows of `cols` elements, about
 * CHUNK elements at a time: staging stays small (and in cache) however large the arrays.
 */
export function forChunks(rows: number, cols: number, f: (first: number, count: number) => void): void {
  const step = Math.max(1, Math.floor(CHUNK / cols));
  for (let r = 0; r < rows; r += step) f(r, Math.min(step, rows - r));
}
