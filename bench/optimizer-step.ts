// The optimizer step alone, on SimpleConvNet's parameters (W1 30×1×5×5 … b3 10, 0.45 M values):
// each optimizer's update (one kernel call per parameter, Kernels.optimizerStep) against the
// tensor ops it replaced (kept below, op by op), alternated in one process, each update in a
// StepScope as the Trainer runs it. Prints JSON: median ms per update of each.
// Run: npx tsx bench/optimizer-step.ts [float32|float64] [UPDATES] [ROUNDS] [BACKEND]
import {
  OPTIMIZERS,
  RandomState,
  StepScope,
  add,
  div,
  mul,
  setBackend,
  sqrt,
  sub,
  zerosLike,
  type DType,
  type OptimizerName,
  type TensorMap,
} from '../src/index.js';

const [dtypeArg = 'float32', updatesArg = '50', roundsArg = '5', backend = 'wasm'] = process.argv.slice(2);
const dtype = dtypeArg as DType;
const [updates, rounds] = [Number(updatesArg), Number(roundsArg)];
setBackend(backend);

const rng = new RandomState(0);
const shapes: Record<string, number[]> = {
  W1: [30, 1, 5, 5],
  b1: [30],
  W2: [4320, 100],
  b2: [100],
  W3: [100, 10],
  b3: [10],
};
const make = (): TensorMap =>
  Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, rng.randn(...s).astype(dtype)]));
const grads = make();

// the tensor ops of src/optimizers/*.ts before the one-pass kernel (Adam with its two scratch
// tensors per parameter), with the book's default settings
// (the state is a property, where StepScope finds it)
function tensorOps(name: OptimizerName, lr: number) {
  const state = Array.from({ length: 4 }, () => null as TensorMap | null);
  const like = (i: number, params: TensorMap): TensorMap =>
    (state[i] ??= Object.fromEntries(Object.entries(params).map(([k, p]) => [k, zerosLike(p)])));
  let iter = 0;
  return {
    state,
    update(params: TensorMap, gs: TensorMap): void {
      iter += 1;
      const lrT = (lr * Math.sqrt(1 - 0.999 ** iter)) / (1 - 0.9 ** iter);
      for (const [key, p] of Object.entries(params)) {
        const g = gs[key];
        if (name === 'momentum') {
          const v = like(0, params)[key];
          sub(mul(v, 0.9, v), mul(g, lr), v);
          add(p, v, p);
        } else if (name === 'nesterov') {
          const v = like(0, params)[key];
          mul(v, 0.9, v);
          sub(v, mul(g, lr), v);
          add(p, mul(v, 0.9 * 0.9), p);
          sub(p, mul(g, (1 + 0.9) * lr), p);
        } else if (name === 'adagrad') {
          const h = like(0, params)[key];
          add(h, mul(g, g), h);
          sub(p, div(mul(g, lr), add(sqrt(h), 1e-7)), p);
        } else if (name === 'rmsprop') {
          const h = like(0, params)[key];
          mul(h, 0.99, h);
          add(h, mul(mul(g, 1 - 0.99), g), h);
          sub(p, div(mul(g, lr), add(sqrt(h), 1e-7)), p);
        } else {
          const [m, v, t, u] = [0, 1, 2, 3].map((i) => like(i, params)[key]);
          add(m, mul(sub(g, m, t), 1 - 0.9, t), m);
          add(v, mul(sub(mul(g, g, t), v, t), 1 - 0.999, t), v);
          sub(p, div(mul(m, lrT, u), add(sqrt(v, t), 1e-7, t), u), p);
        }
      }
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const names: OptimizerName[] = ['momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
const result: Record<string, { onePassMs: number; tensorOpsMs: number; ratio: number }> = {};
for (const name of names) {
  const lr = OPTIMIZERS[name].defaultLr;
  const contenders = {
    onePass: { params: make(), opt: OPTIMIZERS[name].create(lr) },
    tensorOps: { params: make(), opt: tensorOps(name, lr) },
  };
  const times: Record<keyof typeof contenders, number[]> = { onePass: [], tensorOps: [] };
  for (let round = 0; round < rounds + 1; round++) {
    for (const key of ['onePass', 'tensorOps'] as const) {
      const { params, opt } = contenders[key];
      const scope = new StepScope([params, opt, grads]);
      const t0 = performance.now();
      for (let i = 0; i < updates; i++) scope.run(() => opt.update(params, grads));
      // the first round warms up
      if (round > 0) times[key].push((performance.now() - t0) / updates);
      scope.close();
    }
  }
  const [onePassMs, tensorOpsMs] = [median(times.onePass), median(times.tensorOps)];
  result[name] = { onePassMs, tensorOpsMs, ratio: onePassMs / tensorOpsMs };
}
console.log(JSON.stringify({ bench: 'optimizer-step', dtype, backend, updates, rounds, result }, null, 1));
