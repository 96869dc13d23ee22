// `npm run bench`: everything side by side in one run, on this machine, printed as JSON
// lines (never asserted):
//  1. GEMM GFLOP/s on the job's shapes and on 512² / 1024² squares: scratchnet's reference
//     and wasm backends (wasm with 1 and 2 threads) next to NumPy with 1 and 2 threads;
//     NumPy's 1024² float32 rate is the practical peak the wasm kernel is measured against.
//  2. The book's job end to end (TwoLayerNet 784-50-10, 10,000 iterations, 17 evaluations
//     on all 70,000 images): scratchnet float32/float64 with 1 and 2 threads, NumPy
//     float32/float64 with 1 and 2 OpenBLAS threads, TensorFlow.js (cpu and wasm
//     backends) and jax-js (wasm), each in its own process, alternated over repetitions.
//  3. One training step of SimpleConvNet and DeepConvNet (book ch. 7–8): scratchnet, NumPy
//     running the book's layer code, PyTorch (bench/conv-section.ts).
// Then medians and ratios, and a Markdown table for the README.
// Run: npm run bench -- [--reps 3] [--iters 10000] [--only a,b] [--skip-slow] [--no-gemm] [--no-job]
//      [--no-conv] [--conv (the conv section only)] [--conv-nets simple,deep] [--steps N]
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { locateMnist } from '../src/node.js';
import { runConvSection } from './conv-section.js';
import type { ConvNetName } from './conv-flops.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string' },
    iters: { type: 'string' },
    only: { type: 'string' },
    'skip-slow': { type: 'boolean' },
    'no-gemm': { type: 'boolean' },
    'no-job': { type: 'boolean' },
    'no-conv': { type: 'boolean' },
    conv: { type: 'boolean' },
    'conv-nets': { type: 'string' },
    steps: { type: 'string' },
  },
});
const reps = Number(values.reps ?? 3);
const iters = Number(values.iters ?? 10000);
const only = values.only?.split(',');
const tsx = [process.execPath, '--import', 'tsx'];

interface Line {
  bench: string;
  [key: string]: unknown;
}

/** Runs a child to completion, printing and returning its JSON lines (stderr passes through on failure). */
function run(cmd: string[], env: Record<string, string> = {}): Line[] {
  const p = spawnSync(cmd[0], cmd.slice(1), {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (p.status !== 0) {
    console.error(`bench: ${cmd.join(' ')} failed (${p.status ?? p.signal}):\n${p.stderr.slice(-2000)}`);
    return [];
  }
  const lines = p.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
  for (const l of lines) console.log(JSON.stringify(l));
  return lines;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// NOTE: some machines here set OPENBLAS_CORETYPE (an older core type) and OPENBLAS_L2_SIZE, which
// slow NumPy; every NumPy contender runs with both unset, so OpenBLAS picks its kernels for this
// CPU as it would anywhere else, and reports which it used (bench/blas_info.py)
const python = ['env', '-u', 'OPENBLAS_CORETYPE', '-u', 'OPENBLAS_L2_SIZE', 'python3'];
const threadEnv = (t: number): Record<string, string> => ({
  OPENBLAS_NUM_THREADS: String(t),
  OMP_NUM_THREADS: String(t),
  MKL_NUM_THREADS: String(t),
});

console.log(
  JSON.stringify({
    bench: 'machine',
    cpu: cpus()[0]?.model,
    cores: availableParallelism(),
    node: process.version,
    date: new Date().toISOString(),
  }),
);

// 1. GEMM
if (!values['no-gemm'] && !values.conv) {
  const gemm = [
    ...run([...tsx, join('bench', 'gemm.ts'), '--threads', '1,2', '--reps', '5']),
    ...[1, 2].flatMap((t) => run([...python, join('bench', 'numpy_gemm.py'), '5'], threadEnv(t))),
  ];
  const best = (pred: (l: Line) => boolean): Line | undefined =>
    gemm.filter(pred).sort((a, b) => (b.gflops as number) - (a.gflops as number))[0];
  for (const dtype of ['float32', 'float64']) {
    for (const c of [...new Set(gemm.map((l) => l.case as string))]) {
      const ours = best((l) => l.case === c && l.dtype === dtype && l.backend === 'wasm');
      const numpy = best((l) => l.case === c && l.dtype === dtype && String(l.backend).startsWith('numpy'));
      if (!ours || !numpy) continue;
      console.log(
        JSON.stringify({
          bench: 'gemm-summary',
          case: c,
          dtype,
          wasmGflops: ours.gflops,
          wasmThreads: ours.threads,
          numpyGflops: numpy.gflops,
          numpyThreads: numpy.threads,
          wasmOverNumpy: (ours.gflops as number) / (numpy.gflops as number),
        }),
      );
    }
  }
}

// 2. The job
if (!values['no-job'] && !values.conv) {
  const dir = await locateMnist();
  interface Contender {
    key: string;
    slow?: boolean; // minutes per run: one repetition only
    cmd: string[];
    env?: Record<string, string>;
  }
  const it = String(iters);
  const contenders: Contender[] = (
    [
      ...(['float32', 'float64'] as const).flatMap((dtype) => [
        ...[1, 2].map((t) => ({
          key: `scratchnet-${dtype}-${t}t`,
          cmd: [...tsx, join('bench', 'scratchnet-job.ts'), dtype, String(t), it],
        })),
        ...[1, 2].map((t) => ({
          key: `numpy-${dtype}-${t}t`,
          cmd: [...python, join('bench', 'numpy_job.py'), join(dir), dtype, it],
          env: threadEnv(t),
        })),
      ]),
      { key: 'tfjs-wasm', slow: true, cmd: [...tsx, join('bench', 'peers', 'tfjs-job.ts'), 'wasm', it] },
      { key: 'tfjs-cpu', slow: true, cmd: [...tsx, join('bench', 'peers', 'tfjs-job.ts'), 'cpu', it] },
      { key: 'jax-js', slow: true, cmd: [...tsx, join('bench', 'peers', 'jaxjs-job.ts'), it, 'float32'] },
    ] as Contender[]
  ).filter((c) => (!only || only.includes(c.key)) && !(values['skip-slow'] && c.slow));
  const results = new Map<string, Line[]>();
  for (let rep = 0; rep < reps; rep++) {
    for (const c of contenders) {
      if (c.slow && rep > 0) continue;
      for (const l of run(c.cmd, c.env)) results.set(c.key, [...(results.get(c.key) ?? []), { ...l, rep }]);
    }
  }
  const summary = [...results].map(([key, runs]) => ({
    key,
    // NumPy's name carries the OpenBLAS kernel it used (SkylakeX, Haswell, …)
    impl: runs[0].blasCore ? `${String(runs[0].impl)} (${String(runs[0].blasCore)})` : String(runs[0].impl),
    dtype: runs[0].dtype as string,
    threads: runs[0].threads as number,
    runs: runs.length,
    wall: median(runs.map((r) => r.wallSeconds as number)),
    eval: median(runs.map((r) => r.evalSeconds as number)),
    rss: median(runs.map((r) => r.peakRssBytes as number)),
    acc: runs[0].testAcc as number,
  }));
  const bestNumpy = (dtype: string): number =>
    Math.min(...summary.filter((s) => s.dtype === dtype && s.impl.startsWith('numpy')).map((s) => s.wall));
  console.log(
    '\n| contender | dtype | threads | runs | wall s (median) | eval s | iter/s | peak RSS MiB | test acc | × best NumPy |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const s of summary) {
    const ratio = s.wall / bestNumpy(s.dtype);
    console.log(
      JSON.stringify({ bench: 'job-summary', ...s, vsBestNumpy: ratio, itersPerSecond: iters / s.wall }),
    );
    console.log(
      `| ${s.impl} | ${s.dtype} | ${s.threads} | ${s.runs} | ${s.wall.toFixed(1)} | ${s.eval.toFixed(1)} | ` +
        `${(iters / s.wall).toFixed(0)} | ${(s.rss / 2 ** 20).toFixed(0)} | ${s.acc.toFixed(4)} | ${ratio.toFixed(2)} |`,
    );
  }
}

// 3. The convolutional nets' training step
if (!values['no-conv']) {
  runConvSection({
    run,
    mnistDir: await locateMnist(),
    reps,
    steps: values.steps ? Number(values.steps) : undefined,
    nets: values['conv-nets']?.split(',') as ConvNetName[] | undefined,
  });
}
