// bench/run.ts's conv section: one training step (batch 100, Adam) of SimpleConvNet and
// DeepConvNet in float32 and float64 for scratchnet (wasm, 1 and 2 threads), NumPy running the
// book's own layer code (1 and 2 OpenBLAS threads) and PyTorch (1 and 2 threads), each run in
// its own process, alternated over repetitions so every ratio is measured side by side. Prints
// JSON lines, then per contender ms per step, FLOPs per step (bench/conv-flops.ts), GFLOP/s and
// the ratio to NumPy's and PyTorch's best, as JSON and as a Markdown table.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stepFlops, type ConvNetName } from './conv-flops.js';

interface Line {
  bench: string;
  [key: string]: unknown;
}

export interface ConvSectionOptions {
  /** runs a command, printing and returning its JSON lines */
  run: (cmd: string[], env?: Record<string, string>) => Line[];
  mnistDir: string;
  reps: number;
  /** timed steps per process; default 9 for simple (after 2 warm-up steps), 3 for deep (after 1) */
  steps?: number;
  nets?: ConvNetName[];
}

// NOTE: the machine's environment forces OpenBLAS's Haswell kernels and a 512 KiB L2
// (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE); the Python contenders run with both unset so
// OpenBLAS picks its kernels for this CPU, as it would anywhere else.
const unsetBlasEnv = ['env', '-u', 'OPENBLAS_CORETYPE', '-u', 'OPENBLAS_L2_SIZE'];
const threadEnv = (t: number): Record<string, string> => ({
  OPENBLAS_NUM_THREADS: String(t),
  OMP_NUM_THREADS: String(t),
  MKL_NUM_THREADS: String(t),
});

/** A python3 that imports torch: $TORCH_PYTHON, then python3, then Debian's /usr/bin/python3. */
function torchPython(): string | undefined {
  const candidates = [process.env.TORCH_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  );
  return candidates.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export function runConvSection(o: ConvSectionOptions): void {
  const nets = o.nets ?? ['simple', 'deep'];
  const tsx = [process.execPath, '--import', 'tsx'];
  const torchPy = torchPython();
  if (!torchPy) {
    console.error('bench conv: no python3 imports torch (apt-get install python3-torch); PyTorch skipped');
  }
  interface Contender {
    family: 'scratchnet' | 'numpy' | 'pytorch';
    net: ConvNetName;
    dtype: string;
    threads: number;
    cmd: string[];
    env?: Record<string, string>;
  }
  const contenders: Contender[] = [];
  for (const net of nets) {
    const steps = String(o.steps ?? (net === 'simple' ? 9 : 3));
    const warmup = net === 'simple' ? '2' : '1';
    for (const dtype of ['float32', 'float64']) {
      for (const t of [1, 2]) {
        contenders.push(
          {
            family: 'scratchnet',
            net,
            dtype,
            threads: t,
            // each step in a StepScope, as the Trainer runs it: its tensors' memory is reused by
            // the next step instead of fresh pages being touched every step
            cmd: [
              ...tsx,
              join('bench', 'convnet-step.ts'),
              net,
              dtype,
              String(t),
              steps,
              warmup,
              'wasm',
              'scope',
            ],
          },
          {
            family: 'numpy',
            net,
            dtype,
            threads: t,
            cmd: [
              ...unsetBlasEnv,
              'python3',
              join('bench', 'numpy_convnet.py'),
              o.mnistDir,
              net,
              dtype,
              steps,
              warmup,
            ],
            env: threadEnv(t),
          },
        );
        if (torchPy) {
          contenders.push({
            family: 'pytorch',
            net,
            dtype,
            threads: t,
            cmd: [
              ...unsetBlasEnv,
              torchPy,
              join('bench', 'torch_convnet.py'),
              o.mnistDir,
              net,
              dtype,
              String(t),
              steps,
              warmup,
            ],
            env: threadEnv(t),
          });
        }
      }
    }
  }
  const results = new Map<Contender, Line[]>();
  for (let rep = 0; rep < o.reps; rep++) {
    for (const c of contenders) {
      for (const l of o.run(c.cmd, c.env)) results.set(c, [...(results.get(c) ?? []), { ...l, rep }]);
    }
  }

  const summary = [...results].map(([c, runs]) => {
    const ms = median(runs.map((r) => r.msPerStep as number));
    const flops = stepFlops(c.net).step;
    return {
      family: c.family,
      net: c.net,
      dtype: c.dtype,
      threads: c.threads,
      impl: runs[0].impl as string,
      runs: runs.length,
      ms,
      flops,
      gflops: flops / (ms / 1000) / 1e9,
      blasCore: runs[0].blasCore as string | undefined,
    };
  });
  const best = (family: string, net: string, dtype: string): number =>
    Math.min(
      ...summary.filter((s) => s.family === family && s.net === net && s.dtype === dtype).map((s) => s.ms),
    );
  console.log(
    '\n| net | dtype | contender | threads | runs | ms/step (median) | GFLOP/s | × NumPy best | × PyTorch best |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const s of summary) {
    const vsNumpy = s.ms / best('numpy', s.net, s.dtype);
    const torchBest = best('pytorch', s.net, s.dtype); // Infinity without PyTorch
    const vsTorch = Number.isFinite(torchBest) ? s.ms / torchBest : null;
    console.log(
      JSON.stringify({ bench: 'conv-summary', ...s, vsBestNumpy: vsNumpy, vsBestPytorch: vsTorch }),
    );
    const torchCell = vsTorch === null ? '–' : vsTorch.toFixed(2);
    const name = s.blasCore ? `${s.impl} (${s.blasCore})` : s.impl;
    console.log(
      `| ${s.net} | ${s.dtype} | ${name} | ${s.threads} | ${s.runs} | ${s.ms.toFixed(1)} | ` +
        `${s.gflops.toFixed(1)} | ${vsNumpy.toFixed(2)} | ${torchCell} |`,
    );
  }
  for (const net of nets) {
    const f = stepFlops(net);
    console.log(
      `FLOPs per step, ${net}: ${(f.step / 1e6).toFixed(1)} M (products only, 2·M·N·K: two forwards, dW, ` +
        `dx but the first layer's; the book's code also computes that one: ${(f.bookStep / 1e6).toFixed(1)} M)`,
    );
  }
}
