// Worker threads for the WebAssembly kernels. Every worker instantiates the same module on
// the same shared memory. A job (a GEMM's rows, a convolution's images, an elementwise pass's
// elements) is cut into chunks whose size does not depend on the thread count, and every
// thread, the calling one included, takes the next chunk until none is left: a thread the
// machine's other work delays takes fewer, instead of the others waiting for its fixed band.
// Each element of a result is computed by the same instructions whichever chunk or thread it
// falls to (a convolution's dW sums fixed blocks of images), so results do not depend on the
// thread count. Signalling is through Atomics on a small control block, not messages: a
// wake-up costs microseconds, so work of a few hundred microseconds is worth splitting.
import { setEnvProblem } from '../env.js';
import { kernelModule } from './module.js';

/** What a platform adapter gives the pool: start a worker running `source` with `init`. */
export type SpawnWorker = (source: string, init: WorkerInit) => void;

export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
}

/** The kernels a job can run: over rows (GEMM) or images (convolution, pooling), or elements. */
export const enum GemmKernel {
  DenseF32 = 0,
  SparseF32 = 1,
  DenseF64 = 2,
  SparseF64 = 3,
  ConvForwardF32 = 4,
  ConvForwardF64 = 5,
  ConvBackwardF32 = 6,
  ConvBackwardF64 = 7,
  UnaryF32 = 8,
  UnaryF64 = 9,
  WhereF32 = 10,
  WhereF64 = 11,
  MaxPoolF32 = 12,
  MaxPoolF64 = 13,
  MaxPoolBackwardF32 = 14,
  MaxPoolBackwardF64 = 15,
}

// bytes per element of each kernel's operands
const ELEMENT_BYTES = [4, 4, 8, 8, 4, 8, 4, 8, 4, 8, 4, 8, 4, 8, 4, 8];

const MAX_THREADS = 16;
// control block (Int32 slots): generation, ready workers, kernel (-1: exit), threads that
// take part, chunks, units per chunk, units, the next chunk (tagged with the generation),
// chunks done, then the job's arguments
const GEN = 0;
const READY = 1;
const OP = 2;
const THREADS = 3;
const CHUNKS = 4;
const GRAIN = 5;
const TOTAL = 6;
const NEXT = 7;
const DONE = 8;
// whether workers spin between jobs (1) or sleep at once (0): see judge()
const SPINNING = 9;
const ARGS = 10; // eight: a GEMM's a, b, c, n, k, scratch, scratch stride (unsigned byte addresses)
const SLOTS = ARGS + 8;
// NEXT holds the job's tag (its generation) above the index of the next chunk: a worker that
// read an earlier job's arguments and woke late finds another tag and takes nothing
const INDEX_BITS = 12;
const MAX_CHUNKS = 1 << INDEX_BITS;
const TAG_MASK = (1 << (31 - INDEX_BITS)) - 1;
// NEXT while a job is being posted: a negative tag, which no job has
const CLOSED = -1;
// how long a thread busy-waits before it sleeps: the caller up to SPIN loads for the chunks
// to finish, a worker up to SPIN_MS for the next job (SCRATCHNET_SPIN_MS, for measuring the trade-off)
const SPIN = 20000;
const SPIN_MS = Number(globalThis.process?.env?.SCRATCHNET_SPIN_MS ?? 2);

// Plain JavaScript, run as a classic worker script (Node's eval worker, or a Blob URL). Each
// kernel's chunk call mirrors the calling thread's (gemmOnThreads, mapOnThreads).
const WORKER_SOURCE = `'use strict';
function start(init) {
  const k = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const ctl = new Int32Array(init.control);
  const arg = new Uint32Array(init.control);
  const w = init.index;
  const x = [0, 0, 0, 0, 0, 0, 0, 0];
  // rows [lo, hi) of A·B, or images [lo, hi) of a convolution
  const rows = (f, size) => (lo, hi) =>
    f(x[0] + lo * x[4] * size, x[1], x[2] + lo * x[3] * size, hi - lo, x[3], x[4], x[5] + w * x[6], lo);
  // elements [lo, hi): x = code, input, output
  const unary = (f, size) => (lo, hi) => f(x[0], hi - lo, x[1] + lo * size, x[2] + lo * size);
  // x = cond, a, b, out, and each operand's mode (0: all elements, 1: one scalar)
  const at = (i, lo, size) => x[i] + (x[4 + i] === 0 ? lo * size : 0);
  const where = (f, size) => (lo, hi) =>
    f(hi - lo, at(0, lo, size), x[4], at(1, lo, size), x[5], at(2, lo, size), x[6], x[3] + lo * size);
  // images [lo, hi) of a batch whose four addresses the kernel offsets itself
  const images = (f) => (lo, hi) => f(x[0], x[1], x[2], x[3], lo, hi - lo);
  const kernels = [rows(k.gemmF32, 4), rows(k.gemmSparseF32, 4), rows(k.gemmF64, 8), rows(k.gemmSparseF64, 8),
    rows(k.convForwardF32, 4), rows(k.convForwardF64, 8), rows(k.convBackwardF32, 4), rows(k.convBackwardF64, 8),
    unary(k.unaryF32, 4), unary(k.unaryF64, 8), where(k.whereF32, 4), where(k.whereF64, 8),
    images(k.maxPoolF32), images(k.maxPoolF64), images(k.maxPoolBackwardF32), images(k.maxPoolBackwardF64)];
  let seen = Atomics.load(ctl, ${GEN});
  Atomics.add(ctl, ${READY}, 1);
  Atomics.notify(ctl, ${READY});
  for (;;) {
    // training posts a job every millisecond or so: spin up to ${SPIN_MS} ms before sleeping,
    // as waking from a futex costs tens of microseconds (unless the machine is busy: judge())
    const until = performance.now() + (Atomics.load(ctl, ${SPINNING}) ? ${SPIN_MS} : 0);
    while (Atomics.load(ctl, ${GEN}) === seen && performance.now() < until)
      for (let i = 0; i < 1000 && Atomics.load(ctl, ${GEN}) === seen; i++);
    Atomics.wait(ctl, ${GEN}, seen);
    const gen = Atomics.load(ctl, ${GEN});
    if (gen === seen) continue;
    seen = gen;
    const op = ctl[${OP}];
    if (op < 0) return;
    if (w >= ctl[${THREADS}]) continue;
    const chunks = ctl[${CHUNKS}], grain = ctl[${GRAIN}], total = ctl[${TOTAL}];
    for (let i = 0; i < 8; i++) x[i] = arg[${ARGS} + i];
    const run = kernels[op];
    const tag = (gen & ${TAG_MASK}) << ${INDEX_BITS};
    for (;;) {
      const next = Atomics.load(ctl, ${NEXT});
      if ((next & ~${MAX_CHUNKS - 1}) !== tag || (next & ${MAX_CHUNKS - 1}) >= chunks) break;
      if (Atomics.compareExchange(ctl, ${NEXT}, next, next + 1) !== next) continue;
      const lo = (next & ${MAX_CHUNKS - 1}) * grain;
      run(lo, Math.min(total, lo + grain));
      if (Atomics.add(ctl, ${DONE}, 1) + 1 === chunks) Atomics.notify(ctl, ${DONE});
    }
  }
}
if (typeof self === 'undefined') start(require('node:worker_threads').workerData);
else self.onmessage = (e) => start(e.data);
`;

// only where the module's memory is shared (module.ts checks that SharedArrayBuffer works):
// a page that is not cross-origin isolated has no SharedArrayBuffer, and importing must not throw
const control =
  kernelModule?.shared && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(SLOTS * 4) : null;
const ctl = control ? new Int32Array(control) : null;
if (ctl) ctl[SPINNING] = 1;
const arg = control ? new Uint32Array(control) : null;
let workers = 0;
// a browser's main thread may not block in Atomics.wait: it spins instead
const canBlock = typeof process !== 'undefined' || typeof document === 'undefined';
let wanted = Infinity;

/**
 * Starts `count` workers (the calling thread makes count + 1). They join as they become
 * ready; until then kernels run on the calling thread. Returns false where memory cannot
 * be shared (no SharedArrayBuffer, or no WebAssembly SIMD).
 */
export function startWorkers(count: number, spawn: SpawnWorker): boolean {
  if (!kernelModule?.shared || !control) return false;
  const n = Math.min(Math.max(0, Math.floor(count)), MAX_THREADS - 1 - workers);
  for (let i = 0; i < n; i++) {
    workers++;
    spawn(WORKER_SOURCE, {
      module: kernelModule.module,
      memory: kernelModule.memory,
      control,
      index: workers,
    });
  }
  return true;
}

/** Threads kernels run on now: 1 until every started worker is ready, then 1 + workers (capped by setThreads). */
export function threadCount(): number {
  const ready = ctl ? Atomics.load(ctl, READY) : 0;
  return ready === workers ? Math.max(1, Math.min(wanted, 1 + workers)) : 1;
}

/** The most threads a kernel may be split over (scratch space is reserved for each). */
export const maxThreads = (): number => 1 + workers;

/** Waits (up to `timeoutMs`) for the started workers to be ready; returns threadCount(). */
export async function workersReady(timeoutMs = 5000): Promise<number> {
  const until = performance.now() + timeoutMs;
  while (ctl && Atomics.load(ctl, READY) < workers && performance.now() < until)
    await new Promise((r) => setTimeout(r, 5));
  return threadCount();
}

/** Caps the threads kernels may use (at least 1); Infinity: all started. */
export function setThreads(n: number): void {
  if (!(n >= 1)) throw new Error(`threads must be at least 1, got ${n}`);
  wanted = Math.floor(n);
  setEnvProblem('SCRATCHNET_THREADS', undefined); // an explicit choice replaces the variable's
}

/** A kernel the pool can split: rows (or images) [first, first + m) of its output. */
type Kernel = (
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  scratch: number,
  first: number,
) => void;

// Below this many multiply-adds (~0.3 ms of dense arithmetic on one core) a product stays on
// the calling thread.
// Splitting the book's training products (100×784·784×50, 3.9 M) halved their arithmetic but
// made each iteration slower: the batch, staged in the caller's L2 cache, has to cross to the
// worker's core, and C and the staging area cross back for the next op. Measured on the job
// with two threads (`npx tsx bench/scratchnet-job.ts float32 2`, this constant edited, three
// alternated rounds on 2026-12-02): 9.3–11.3 s splitting from 2^18, 8.2–8.4 s from 2^24
// (which splits the job's products as 2^23 does), 8.7–9.9 s on one thread. Evaluation's
// blocks of A (1,336 rows: 52 M) are split.
const MIN_SPLIT = 1 << 23;
// Tall products (evaluation's, thousands of rows of resident activations: nothing staged in
// one thread's cache) are split from a quarter of that: the 784-50-10 net's 10000×50·50×10.
const TALL_ROWS = 4096;
const MIN_TALL_SPLIT = 1 << 21;

/** Whether a product of `work` multiply-adds over m rows would be split (see gemmOnThreads). */
export const wouldSplit = (m: number, work: number, granule = 4): boolean =>
  ctl !== null &&
  (!adaptive || performance.now() >= unsplitUntil) &&
  Math.min(threadCount(), Math.floor(m / granule)) >= 2 &&
  (work >= MIN_SPLIT || (m >= TALL_ROWS && work >= MIN_TALL_SPLIT));

// chunks a job is cut into per thread, about: enough that a delayed thread's share is taken
// over in small pieces, few enough that each chunk's fixed cost (packing, an atomic) is nothing
const CHUNKS_PER_THREAD = 8;

/**
 * Runs `chunk(lo, hi)` over [0, total) in chunks of `grain` units on `threads` threads (the
 * workers run kernel `op` with the arguments `args`, which must compute what `chunk` does).
 * Returns when every chunk is done.
 */
function runChunks(
  op: GemmKernel,
  args: readonly number[],
  threads: number,
  total: number,
  grain: number,
  chunk: (lo: number, hi: number) => void,
  meanwhile?: () => void,
): void {
  const c = ctl!;
  const chunks = Math.ceil(total / grain);
  // no chunk can be taken while the arguments change (a worker that read the last job's
  // generation late finds no tag of its job)
  Atomics.store(c, NEXT, CLOSED);
  c[OP] = op;
  c[THREADS] = threads;
  c[CHUNKS] = chunks;
  c[GRAIN] = grain;
  c[TOTAL] = total;
  for (let i = 0; i < args.length; i++) arg![ARGS + i] = args[i];
  Atomics.store(c, DONE, 0);
  const gen = (c[GEN] + 1) | 0;
  const tag = (gen & TAG_MASK) << INDEX_BITS;
  Atomics.store(c, NEXT, tag);
  Atomics.store(c, GEN, gen);
  Atomics.notify(c, GEN);
  meanwhile?.();
  const start = performance.now();
  // the calling thread takes chunks as the workers do (none is taken by anyone twice)
  let [mine, myTime] = [0, 0];
  for (;;) {
    const next = Atomics.load(c, NEXT);
    if ((next & (MAX_CHUNKS - 1)) >= chunks) break;
    if (Atomics.compareExchange(c, NEXT, next, next + 1) !== next) continue;
    const lo = (next & (MAX_CHUNKS - 1)) * grain;
    const t0 = performance.now();
    chunk(lo, Math.min(total, lo + grain));
    myTime += performance.now() - t0;
    mine++;
    Atomics.add(c, DONE, 1);
  }
  // spin briefly (the workers' last chunks usually end with ours), then sleep
  for (let spin = 0; spin < SPIN && Atomics.load(c, DONE) !== chunks; spin++);
  for (let done = Atomics.load(c, DONE); done !== chunks; done = Atomics.load(c, DONE)) {
    if (canBlock) Atomics.wait(c, DONE, done);
  }
  judge(performance.now() - start, mine > 0 ? (myTime / mine) * chunks : Infinity);
}

// Splitting pays only while the workers get a core. On a machine other work keeps busy a
// worker runs a fraction of the time, and every split ends with the calling thread waiting for
// the chunk a descheduled worker holds: two threads then ran the job slower than one (both
// cores' work from other processes: `npx tsx bench/eval.ts 2` against `… 1` on the
// development machine at load 5.5, 2026-12-05). So each split job is judged against the time
// its chunks would have taken on the calling thread alone (its own chunks' time, scaled up);
// when it was not faster, jobs run unsplit for a while — 10 ms, doubling while it keeps
// happening, up to half a second — and then a split is tried again. Which thread computes a
// chunk never changes its result, so this changes speed only.
const BACKOFF_MS = [10, 500];
let backoff = 0;
let unsplitUntil = 0;
let adaptive = true;

// While backing off, workers also sleep as soon as a job ends instead of spinning: a spinning
// worker takes a core the other processes want, and the scheduler takes it back from our
// threads (`npx tsx bench/eval.ts 2` at load 4.1–4.3, two alternated rounds: 168 and 150 ms
// with workers spinning 2 ms, 112 and 133 ms with SCRATCHNET_SPIN_MS=0, 132 and 160 ms on one
// thread).
function judge(elapsed: number, alone: number): void {
  if (!adaptive || elapsed < 0.9 * alone) {
    backoff = 0;
    Atomics.store(ctl!, SPINNING, 1);
    return;
  }
  backoff = Math.min(BACKOFF_MS[1], Math.max(BACKOFF_MS[0], 2 * backoff));
  unsplitUntil = performance.now() + backoff;
  Atomics.store(ctl!, SPINNING, 0);
}

/**
 * Whether jobs back off from splitting after a split that was not faster than one thread (the
 * default); tests turn it off so that every product large enough is split.
 */
export function setAdaptiveSplitting(on: boolean): void {
  adaptive = on;
  [backoff, unsplitUntil] = [0, 0];
  if (ctl) Atomics.store(ctl, SPINNING, 1);
}

/**
 * Units per chunk: whole granules, about CHUNKS_PER_THREAD a thread, fewer than MAX_CHUNKS
 * chunks (the index past the last must fit below the tag).
 */
function grainOf(total: number, granule: number, threads: number): number {
  const target = Math.max(total / (threads * CHUNKS_PER_THREAD), total / (MAX_CHUNKS - 1), granule);
  return Math.ceil(target / granule) * granule;
}

/**
 * C (m×n) = A·B on the threads, with thread t's kernel scratch at
 * scratch + t·stride. `run` is the calling thread's own kernel for the same op. Chunks are
 * whole `granule`s of rows; `work` (multiply-adds) decides whether to split at all. When it
 * splits, the calling thread runs `meanwhile` (work the job does not touch, such as staging
 * the next block of A) once the workers have started, before it takes chunks itself; when
 * it does not, `meanwhile` is not called.
 */
export function gemmOnThreads(
  op: GemmKernel,
  run: Kernel,
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  scratch: number,
  stride: number,
  granule = 4,
  work = m * n * k,
  meanwhile?: () => void,
): void {
  if (!wouldSplit(m, work, granule)) {
    run(a, b, c, m, n, k, scratch, 0);
    return;
  }
  const threads = Math.min(threadCount(), Math.floor(m / granule));
  const size = ELEMENT_BYTES[op];
  runChunks(
    op,
    [a, b, c, n, k, scratch, stride],
    threads,
    m,
    grainOf(m, granule, threads),
    (lo, hi) => run(a + lo * k * size, b, c + lo * n * size, hi - lo, n, k, scratch, lo),
    meanwhile,
  );
}

// Elementwise passes of at least this many elements are split (a pass over 2^18 float32 is
// ~0.1 ms on one core; the conv nets' activations are ~2^21).
const MIN_MAP_SPLIT = 1 << 18;

/**
 * Runs an elementwise kernel over [0, total) elements on the threads if it is large enough,
 * else `chunk(0, total)` on the calling thread. `args` are what the worker's twin of `chunk`
 * reads (see WORKER_SOURCE); chunks are whole 64-byte lines, so no two threads write one.
 */
export function mapOnThreads(
  op: GemmKernel,
  args: readonly number[],
  total: number,
  chunk: (lo: number, hi: number) => void,
): void {
  const threads = threadCount();
  if (!ctl || threads < 2 || total < MIN_MAP_SPLIT) {
    chunk(0, total);
    return;
  }
  runChunks(op, args, threads, total, grainOf(total, 64 / ELEMENT_BYTES[op], threads), chunk);
}

// Pooling's batches are split from this many input elements (SimpleConvNet's is 1.7 M).
const MIN_IMAGES_SPLIT = 1 << 18;

/**
 * Runs a kernel over images [0, n) of a batch (`elements` input elements in all) on the
 * threads if the batch is large enough, else `chunk(0, n)` on the calling thread; the worker
 * calls kernel `op` with the four addresses `args`, then the chunk's first image and count.
 */
export function imagesOnThreads(
  op: GemmKernel,
  args: readonly [number, number, number, number],
  n: number,
  elements: number,
  chunk: (lo: number, hi: number) => void,
): void {
  const threads = Math.min(threadCount(), n);
  if (!ctl || threads < 2 || elements < MIN_IMAGES_SPLIT) {
    chunk(0, n);
    return;
  }
  runChunks(op, args, threads, n, grainOf(n, 1, threads), chunk);
}
