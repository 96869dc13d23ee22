// Worker threads for the WebAssembly kernels. Every worker instantiates the same module on
// the same shared memory; a GEMM is split into bands of C's rows (a convolution into bands of
// images), one per thread, and the calling thread computes the first band itself. Each element of C is computed by the same
// instructions whichever band it falls in, so results do not depend on the thread count.
// Signalling is through Atomics on a small control block, not messages: a wake-up costs
// microseconds, so products of a few hundred microseconds are worth splitting.
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

export const enum GemmKernel {
  DenseF32 = 0,
  SparseF32 = 1,
  DenseF64 = 2,
  SparseF64 = 3,
  ConvForwardF32 = 4,
  ConvForwardF64 = 5,
  ConvBackwardF32 = 6,
  ConvBackwardF64 = 7,
}

const MAX_THREADS = 16;
// control block (Int32 slots): generation, pending workers, ready workers, kernel (-1:
// exit), then the GEMM's arguments, then each thread's band of rows [lo, hi)
const GEN = 0;
const PENDING = 1;
const READY = 2;
const OP = 3;
const ARGS = 4; // a, b, c, n, k, scratch, scratch stride (unsigned byte addresses)
const BANDS = 16;
const SLOTS = BANDS + 2 * MAX_THREADS;
// how long a thread busy-waits before it sleeps: the caller up to SPIN loads for the workers to
// finish, a worker up to SPIN_MS for the next job (SCRATCHNET_SPIN_MS, for measuring the trade-off)
const SPIN = 20000;
const SPIN_MS = Number(globalThis.process?.env?.SCRATCHNET_SPIN_MS ?? 2);

// Plain JavaScript, run as a classic worker script (Node's eval worker, or a Blob URL).
const WORKER_SOURCE = `'use strict';
function start(init) {
  const k = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const kernels = [k.gemmF32, k.gemmSparseF32, k.gemmF64, k.gemmSparseF64,
    k.convForwardF32, k.convForwardF64, k.convBackwardF32, k.convBackwardF64];
  const sizes = [4, 4, 8, 8, 4, 8, 4, 8];
  const ctl = new Int32Array(init.control);
  const arg = new Uint32Array(init.control);
  const w = init.index;
  // every worker acknowledges every job (an empty band too), and the next job is posted
  // only when all have: so a worker is never a job behind
  let seen = Atomics.load(ctl, ${GEN});
  Atomics.add(ctl, ${READY}, 1);
  Atomics.notify(ctl, ${READY});
  for (;;) {
    // training posts a product every few hundred microseconds: spin up to ${SPIN_MS} ms before
    // sleeping, as waking from a futex costs tens of microseconds
    const until = performance.now() + ${SPIN_MS};
    while (Atomics.load(ctl, ${GEN}) === seen && performance.now() < until)
      for (let i = 0; i < 1000 && Atomics.load(ctl, ${GEN}) === seen; i++);
    Atomics.wait(ctl, ${GEN}, seen);
    const gen = Atomics.load(ctl, ${GEN});
    if (gen === seen) continue;
    seen = gen;
    const op = ctl[${OP}];
    if (op < 0) return;
    const lo = ctl[${BANDS} + 2 * w], hi = ctl[${BANDS} + 2 * w + 1];
    if (hi > lo) {
      const size = sizes[op];
      const [a, b, c, n, kk, scratch, stride] = [0, 1, 2, 3, 4, 5, 6].map((i) => arg[${ARGS} + i]);
      kernels[op](a + lo * kk * size, b, c + lo * n * size, hi - lo, n, kk, scratch + w * stride, lo);
    }
    if (Atomics.sub(ctl, ${PENDING}, 1) === 1) Atomics.notify(ctl, ${PENDING});
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

/**
 * C (m×n) = A·B on the threads, with thread t's kernel scratch at
 * scratch + t·stride. `run` is the calling thread's own kernel for the same op. Bands are
 * whole `granule`s of rows; `work` (multiply-adds) decides whether to split at all.
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
): void {
  const threads = Math.min(threadCount(), Math.floor(m / granule));
  if (!ctl || !arg || threads < 2 || work < MIN_SPLIT) {
    run(a, b, c, m, n, k, scratch, 0);
    return;
  }
  // bands of whole granules, the last one taking the rest
  const g = granule;
  for (let t = 0; t < MAX_THREADS; t++) {
    const lo = t < threads ? Math.floor((m * t) / threads / g) * g : 0;
    const hi = t < threads ? (t === threads - 1 ? m : Math.floor((m * (t + 1)) / threads / g) * g) : 0;
    ctl[BANDS + 2 * t] = lo;
    ctl[BANDS + 2 * t + 1] = hi;
  }
  ctl[OP] = op;
  arg[ARGS] = a;
  arg[ARGS + 1] = b;
  arg[ARGS + 2] = c;
  arg[ARGS + 3] = n;
  arg[ARGS + 4] = k;
  arg[ARGS + 5] = scratch;
  arg[ARGS + 6] = stride;
  Atomics.store(ctl, PENDING, workers);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
  const hi0 = ctl[BANDS + 1];
  run(a, b, c, hi0, n, k, scratch, 0);
  // spin briefly (the workers usually finish together with us), then sleep
  for (let spin = 0; spin < SPIN && Atomics.load(ctl, PENDING) !== 0; spin++);
  for (let left = Atomics.load(ctl, PENDING); left !== 0; left = Atomics.load(ctl, PENDING)) {
    if (canBlock) Atomics.wait(ctl, PENDING, left);
  }
}
