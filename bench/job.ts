// The book's job end to end (TwoLayerNet 784-50-10, batch 100, lr 0.1, evaluation on all
// 70,000 images every 600 iterations), scratchnet next to NumPy, alternating contenders
// and repeating; prints one JSON object per run and then the median ratios. Never asserted.
// Run: npx tsx bench/job.ts [--iters 10000] [--reps 3]   (needs python3 with numpy for the peer)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RandomState, Trainer, TwoLayerNet, backendNames, setBackend, type DType } from '../src/index.js';
import { loadMnist, locateMnist } from '../src/node.js';

const { values } = parseArgs({
  options: { iters: { type: 'string' }, reps: { type: 'string' }, backends: { type: 'string' } },
});
const iters = Number(values.iters ?? 10000);
const reps = Number(values.reps ?? 3);
const backends = values.backends?.split(',') ?? backendNames().filter((b) => b !== 'reference');

interface Result {
  impl: string;
  dtype: string;
  threads: number;
  wallSeconds: number;
  evalSeconds: number;
  testAcc: number;
}

async function scratchnet(dtype: DType, backend: string): Promise<Result> {
  setBackend(backend);
  const data = await loadMnist({ dtype });
  const rng = new RandomState(0);
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype });
  const trainer = new Trainer({ net, ...data, rng, iters, batchSize: 100, lr: 0.1 });
  let evalSeconds = 0;
  let mark = performance.now();
  trainer.on('iteration', () => (mark = performance.now()));
  trainer.on('epoch', () => (evalSeconds += (performance.now() - mark) / 1000));
  const r = await trainer.train();
  const last = r.epochs.at(-1)!;
  return {
    impl: `scratchnet ${backend}`,
    dtype,
    threads: 1,
    wallSeconds: r.wallSeconds,
    evalSeconds,
    testAcc: last.testAcc,
  };
}

function numpy(dir: string, dtype: DType, threads: number): Result | null {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const p = spawnSync('python3', [join('bench', 'numpy_job.py'), dir, dtype, String(iters)], {
    env,
    encoding: 'utf8',
  });
  if (p.status !== 0) {
    console.error(`numpy run failed: ${p.stderr}`);
    return null;
  }
  return JSON.parse(p.stdout) as Result;
}

const dir = await locateMnist();
const runs: Result[] = [];
for (let rep = 0; rep < reps; rep++) {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const threads of [1, 2]) {
      const r = numpy(dir, dtype, threads);
      if (r) runs.push(r);
      if (r) console.log(JSON.stringify({ rep, ...r }));
    }
    for (const backend of backends) {
      const r = await scratchnet(dtype, backend);
      runs.push(r);
      console.log(JSON.stringify({ bench: 'job', rep, iters, ...r }));
    }
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const groups = new Map<string, Result[]>();
for (const r of runs) {
  const key = `${r.impl} ${r.dtype} ${r.threads}t`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}
const summary = [...groups].map(([key, rs]) => ({
  key,
  dtype: rs[0].dtype,
  wall: median(rs.map((r) => r.wallSeconds)),
  eval: median(rs.map((r) => r.evalSeconds)),
}));
for (const dtype of ['float32', 'float64']) {
  const best = Math.min(
    ...summary.filter((s) => s.dtype === dtype && s.key.startsWith('numpy')).map((s) => s.wall),
  );
  for (const s of summary.filter((x) => x.dtype === dtype)) {
    console.log(
      JSON.stringify({
        bench: 'job-summary',
        run: s.key,
        medianWallSeconds: s.wall,
        medianEvalSeconds: s.eval,
        vsBestNumpy: s.wall / best,
      }),
    );
  }
}
