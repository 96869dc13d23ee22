// Where one SimpleConvNet or DeepConvNet training step goes, kernel by kernel (as
// bench/kernel-profile.ts does for the book's job): every method of the active backend is
// wrapped with a timer (a GEMM keyed by its shape and flags, an elementwise op by its op and
// size) and the step of bench/convnet-step.ts runs; what is left is JavaScript outside the
// kernels. Prints one JSON line, microseconds per step.
// Run: npx tsx bench/convnet-profile.ts simple|deep float32|float64 THREADS [STEPS] [WARMUP]
import {
  Adam,
  DeepConvNet,
  RandomState,
  SimpleConvNet,
  StepScope,
  kernels,
  setThreads,
  take,
  workersReady,
  type DType,
  type GemmArgs,
  type Net,
} from '../src/index.js';
import { loadMnist, startNodeWorkers } from '../src/node.js';

const [name = 'simple', dtypeArg = 'float32', threadsArg = '1', stepsArg, warmupArg] = process.argv.slice(2);
const dtype = dtypeArg as DType;
const threads = Number(threadsArg);
const [steps, warmup] = [Number(stepsArg ?? 20), Number(warmupArg ?? 3)];
startNodeWorkers(threads);
setThreads(threads);
const used = await workersReady();
const { xTrain, tTrain } = await loadMnist({ dtype, flatten: false });
const rng = new RandomState(0);
const net: Net = name === 'deep' ? new DeepConvNet({ rng, dtype }) : new SimpleConvNet({ rng, dtype });
const optimizer = new Adam(0.001);

const spent = new Map<string, { ms: number; calls: number }>();
let timing = false;
const size = (a: unknown): number => (a as { length?: number }).length ?? 0;
const backend = kernels() as unknown as Record<string, unknown>;
for (const [key, f] of Object.entries(backend)) {
  if (typeof f !== 'function') continue;
  const run = f as (...args: unknown[]) => unknown;
  backend[key] = (...args: unknown[]) => {
    if (!timing) return run(...args);
    let label = key;
    if (key === 'gemm') {
      const g = args[0] as GemmArgs;
      label = `gemm ${g.transA ? 'Aᵀ' : 'A'}·${g.transB ? 'Bᵀ' : 'B'} ${g.m}×${g.k}·${g.k}×${g.n}${g.bias ? ' + bias' : ''}`;
    } else if (key === 'unary') label = `unary ${String(args[0])} ${size(args[1])}`;
    else if (key === 'binary' || key === 'where') label = `${key} ${String(args[0])} ${size(args.at(-1))}`;
    const t0 = performance.now();
    const r = run(...args);
    const s = spent.get(label) ?? { ms: 0, calls: 0 };
    s.ms += performance.now() - t0;
    s.calls++;
    spent.set(label, s);
    return r;
  };
}

let total = 0;
// each step's temporaries freed at its end, as the Trainer does
const scope = new StepScope([net, optimizer]);
for (let i = 0; i < warmup + steps; i++) {
  timing = i >= warmup;
  const t0 = performance.now();
  scope.run(() => {
    const mask = rng.choice(xTrain.shape[0], 100);
    const [x, t] = [take(xTrain, mask), take(tTrain, mask)];
    optimizer.update(net.params, net.gradient(x, t));
    net.loss(x, t);
  });
  if (timing) total += performance.now() - t0;
}
const perStep = (ms: number): number => Math.round((ms / steps) * 1000);
const rows = [...spent].sort((a, b) => b[1].ms - a[1].ms);
console.log(
  JSON.stringify({
    bench: 'convnet-profile',
    net: name,
    dtype,
    threads: used,
    microsecondsPerStep: perStep(total),
    inKernels: perStep(rows.reduce((s, [, v]) => s + v.ms, 0)),
    kernels: Object.fromEntries(
      rows.map(([k, v]) => [k, { microseconds: perStep(v.ms), calls: v.calls / steps }]),
    ),
  }),
);
process.exit(0); // the worker pool would keep the process alive
