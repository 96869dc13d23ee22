// Where one training iteration of the book's job goes, kernel by kernel: wraps every method
// of the active backend with a timer (a GEMM is keyed by its shape and flags) and runs the
// job's loop (batch, gradient, SGD update, loss) over iterations 500–2999. Timing each call
// adds about a microsecond to it; bench/phases.ts times the phases without the wrappers.
// Prints one JSON line. Run: npx tsx bench/kernel-profile.ts [THREADS] [DTYPE]
import * as scratchnet from '../src/index.js';
import { kernels, take, type GemmArgs } from '../src/index.js';
import { bookJob } from './book-job.js';

const { threads, dtype, data, rng, net, optimizer } = await bookJob();

const spent = new Map<string, { ms: number; calls: number }>();
let timing = false;
const backend = kernels() as unknown as Record<string, unknown>;
for (const [name, f] of Object.entries(backend)) {
  if (typeof f !== 'function') continue;
  const run = f as (...args: unknown[]) => unknown;
  backend[name] = (...args: unknown[]) => {
    if (!timing) return run(...args);
    let key = name;
    if (name === 'gemm') {
      const g = args[0] as GemmArgs;
      key = `gemm ${g.transA ? 'Aᵀ' : 'A'}·${g.transB ? 'Bᵀ' : 'B'} ${g.m}×${g.k}·${g.k}×${g.n}${g.bias ? ' + bias' : ''}`;
    }
    const t0 = performance.now();
    const r = run(...args);
    const s = spent.get(key) ?? { ms: 0, calls: 0 };
    s.ms += performance.now() - t0;
    s.calls++;
    spent.set(key, s);
    return r;
  };
}

const [warmup, iters] = [500, 3000];
let total = 0;
// each iteration's temporaries freed at its end, as the Trainer does (where tidy exists)
const tidy = (scratchnet as { tidy?: <T>(f: () => T) => T }).tidy ?? (<T>(f: () => T): T => f());
for (let i = 0; i < iters; i++) tidy(() => iteration(i));
function iteration(i: number): void {
  timing = i >= warmup;
  const t0 = performance.now();
  const mask = rng.choice(60000, 100);
  const [x, t] = [take(data.xTrain, mask), take(data.tTrain, mask)];
  optimizer.update(net.params, net.gradient(x, t));
  net.loss(x, t);
  if (timing) total += performance.now() - t0;
}
const perIteration = (ms: number): number => Math.round((ms / (iters - warmup)) * 10000) / 10;
const rows = [...spent].sort((a, b) => b[1].ms - a[1].ms);
console.log(
  JSON.stringify({
    bench: 'kernel-profile',
    backend: kernels().name,
    dtype,
    threads,
    microsecondsPerIteration: perIteration(total),
    inKernels: perIteration(rows.reduce((s, [, v]) => s + v.ms, 0)),
    kernels: Object.fromEntries(
      rows.map(([k, v]) => [k, { microseconds: perIteration(v.ms), calls: v.calls / (iters - warmup) }]),
    ),
  }),
);
