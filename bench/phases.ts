// Where one training iteration of the book's job spends its time: drawing the batch, the
// gradient, the SGD update and the loss after it, each timed over iterations 500–2999.
// bench/numpy_phases.py times the same phases in NumPy. Prints one JSON line.
// Run: npx tsx bench/phases.ts [THREADS] [DTYPE]
import * as scratchnet from '../src/index.js';
import { take } from '../src/index.js';
import { bookJob } from './book-job.js';

const { threads, dtype, data, rng, net, optimizer } = await bookJob();
const totals = { gather: 0, gradient: 0, update: 0, loss: 0 };
const [warmup, iters] = [500, 3000];
// each iteration's temporaries freed at its end, as the Trainer does (where tidy exists)
const tidy = (scratchnet as { tidy?: <T>(f: () => T) => T }).tidy ?? (<T>(f: () => T): T => f());
for (let i = 0; i < iters; i++) tidy(() => iteration(i));
function iteration(i: number): void {
  const t0 = performance.now();
  const mask = rng.choice(60000, 100);
  const [x, t] = [take(data.xTrain, mask), take(data.tTrain, mask)];
  const t1 = performance.now();
  const grads = net.gradient(x, t);
  const t2 = performance.now();
  optimizer.update(net.params, grads);
  const t3 = performance.now();
  net.loss(x, t);
  const t4 = performance.now();
  if (i < warmup) return;
  totals.gather += t1 - t0;
  totals.gradient += t2 - t1;
  totals.update += t3 - t2;
  totals.loss += t4 - t3;
}
const micros = (ms: number): number => Math.round((ms / (iters - warmup)) * 1000);
console.log(
  JSON.stringify({
    bench: 'phases',
    impl: 'scratchnet wasm',
    dtype,
    threads,
    microsecondsPerIteration: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, micros(v)])),
  }),
);
