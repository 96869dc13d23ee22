// GEMM throughput per backend on the book job's shapes and on squares, dense and with
// MNIST-like sparsity (80% zeros in A), the wasm backend with each thread count. Prints
// one JSON object per line; never asserted. bench/numpy_gemm.py measures NumPy on the same.
// Both write into a preallocated output (gemm's `out`, NumPy's `out=`): a fresh result's
// first touch costs page faults (milliseconds for a 4 MB square) that NumPy's loop never
// pays, because it frees each result at once and malloc hands the same memory back.
// Run: npx tsx bench/gemm.ts [--reps 7] [--quick] [--threads 1,2] [--backends reference,js,wasm]
import { parseArgs } from 'node:util';
import {
  RandomState,
  backendNames,
  gemm,
  greater,
  mul,
  setBackend,
  setThreads,
  workersReady,
  zeros,
  type Tensor,
} from '../src/index.js';
import { startNodeWorkers } from '../src/node.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string' },
    quick: { type: 'boolean' },
    threads: { type: 'string' },
    backends: { type: 'string' },
  },
});
const reps = Number(values.reps ?? 7);
const threadCounts = (values.threads ?? '1,2').split(',').map(Number);
const backends = values.backends?.split(',') ?? backendNames();
startNodeWorkers(Math.max(...threadCounts));
await workersReady();
const rng = new RandomState(0);

interface Case {
  name: string;
  m: number;
  k: number;
  n: number;
  transA?: boolean;
  sparse?: boolean;
}
const cases: Case[] = [
  { name: 'affine1 forward x·W1', m: 100, k: 784, n: 50 },
  { name: 'affine1 forward x·W1 (80% zeros)', m: 100, k: 784, n: 50, sparse: true },
  { name: 'affine1 dW1 = xᵀ·dout (80% zeros)', m: 784, k: 100, n: 50, transA: true, sparse: true },
  { name: 'affine2 forward h·W2', m: 100, k: 50, n: 10 },
  { name: 'evaluation X·W1 (80% zeros)', m: 10000, k: 784, n: 50, sparse: true },
  { name: 'square 512', m: 512, k: 512, n: 512 },
  ...(values.quick ? [] : [{ name: 'square 1024', m: 1024, k: 1024, n: 1024 }]),
];

function operand(rows: number, cols: number, sparse: boolean, dtype: 'float32' | 'float64'): Tensor {
  const x = rng.rand(rows, cols);
  return (sparse ? mul(x, greater(x, 0.8)) : x).astype(dtype);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const c of cases) {
  for (const dtype of ['float32', 'float64'] as const) {
    const a = c.transA
      ? operand(c.k, c.m, Boolean(c.sparse), dtype)
      : operand(c.m, c.k, Boolean(c.sparse), dtype);
    const b = operand(c.k, c.n, false, dtype);
    for (const backend of backends) {
      for (const threads of backend === 'wasm' ? threadCounts : [1]) {
        setBackend(backend);
        setThreads(threads);
        const flop = 2 * c.m * c.n * c.k;
        // the reference backend gets fewer repetitions: it runs at a fraction of a GFLOP/s
        const slow = backend === 'reference';
        const inner = Math.max(1, Math.round(2e8 / flop / (slow ? 8 : 1)));
        const times: number[] = [];
        const out = zeros([c.m, c.n], dtype);
        gemm(a, b, { transA: c.transA, out });
        for (let r = 0; r < (slow ? Math.min(reps, 3) : reps); r++) {
          const t0 = performance.now();
          for (let i = 0; i < inner; i++) gemm(a, b, { transA: c.transA, out });
          times.push((performance.now() - t0) / 1000 / inner);
        }
        const s = median(times);
        console.log(
          JSON.stringify({
            bench: 'gemm',
            case: c.name,
            m: c.m,
            k: c.k,
            n: c.n,
            dtype,
            backend,
            threads,
            seconds: s,
            gflops: flop / s / 1e9,
          }),
        );
      }
    }
  }
}
