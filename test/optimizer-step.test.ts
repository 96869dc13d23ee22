// The optimizers' one-pass updates (Kernels.optimizerStep) against the tensor ops they replace:
// the previous implementation of every optimizer is kept here, op by op, and the new one must
// give its bits on every backend, in float32 and float64, on odd sizes (SIMD tails), and
// take the same path (results, errors) where the one pass does not apply.
import { afterAll, describe, expect, it } from 'vitest';
import {
  OPTIMIZERS,
  RandomState,
  Tensor,
  add,
  backendNames,
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
import { kernelModule } from '../src/kernels/wasm/module.js';
import { residentAddress } from '../src/kernels/wasm/resident.js';

afterAll(() => setBackend(backendNames().includes('wasm') ? 'wasm' : 'js'));

type Previous = (params: TensorMap, grads: TensorMap) => void;

// The implementations before the one-pass kernels (src/optimizers/*.ts at main), with the
// book's default settings and the learning rate given.
function previous(name: OptimizerName, lr: number): Previous {
  let state: TensorMap[] | null = null;
  let iter = 0;
  const init = (params: TensorMap, count: number): TensorMap[] =>
    (state ??= Array.from({ length: count }, () =>
      Object.fromEntries(Object.entries(params).map(([k, p]) => [k, zerosLike(p)])),
    ));
  return (params, grads) => {
    for (const [key, p] of Object.entries(params)) {
      const g = grads[key];
      if (name === 'sgd') {
        sub(p, mul(g, lr), p);
      } else if (name === 'momentum') {
        const v = init(params, 1)[0][key];
        sub(mul(v, 0.9, v), mul(g, lr), v);
        add(p, v, p);
      } else if (name === 'nesterov') {
        const v = init(params, 1)[0][key];
        mul(v, 0.9, v);
        sub(v, mul(g, lr), v);
        add(p, mul(v, 0.9 * 0.9), p);
        sub(p, mul(g, (1 + 0.9) * lr), p);
      } else if (name === 'adagrad') {
        const h = init(params, 1)[0][key];
        add(h, mul(g, g), h);
        sub(p, div(mul(g, lr), add(sqrt(h), 1e-7)), p);
      } else if (name === 'rmsprop') {
        const h = init(params, 1)[0][key];
        mul(h, 0.99, h);
        add(h, mul(mul(g, 1 - 0.99), g), h);
        sub(p, div(mul(g, lr), add(sqrt(h), 1e-7)), p);
      } else {
        const [m, v] = init(params, 2).map((s) => s[key]);
        if (key === Object.keys(params)[0]) iter += 1;
        const lrT = (lr * Math.sqrt(1 - 0.999 ** iter)) / (1 - 0.9 ** iter);
        add(m, mul(sub(g, m), 1 - 0.9), m);
        add(v, mul(sub(mul(g, g), v), 1 - 0.999), v);
        sub(p, div(mul(m, lrT), add(sqrt(v), 1e-7)), p);
      }
    }
  };
}

const names: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
// odd lengths for the SIMD tails (4 float32 or 2 float64 lanes), the wasm backend's staging
// cutoff (256), a conv filter, and one above its chunk of 65536 elements
const shapes = [[1], [3], [7], [2, 3], [257], [1027], [30, 1, 5, 5], [50, 10], [9, 7283]];

function randomParams(rng: RandomState, dtype: DType): TensorMap {
  return Object.fromEntries(shapes.map((s, i) => [`W${i}`, rng.randn(...s).astype(dtype)]));
}

function copyOf(params: TensorMap): TensorMap {
  return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new Tensor(p.data.slice(), p.shape)]));
}

function expectSameBits(got: TensorMap, want: TensorMap, what: string): void {
  for (const [key, w] of Object.entries(want)) {
    const g = got[key];
    expect(g.shape, `${what} ${key}`).toEqual(w.shape);
    for (let i = 0; i < w.size; i++) {
      if (!Object.is(g.data[i], w.data[i]))
        throw new Error(`${what} ${key}: element ${i} is ${g.data[i]}, previously ${w.data[i]}`);
    }
  }
}

describe.each(backendNames())('on the %s backend, each optimizer gives the previous bits', (backend) => {
  it.each(['float32', 'float64'] as const)('every optimizer, 4 steps, random odd shapes, %s', (dtype) => {
    setBackend(backend);
    const rng = new RandomState(7);
    const start = randomParams(rng, dtype);
    const gradients = Array.from({ length: 4 }, () => randomParams(rng, dtype));
    gradients[0].W3.data[2] = 0; // a zero gradient: AdaGrad's h = 0 stays safe
    for (const name of names) {
      const lr = name === 'adam' ? 0.01 : 0.05;
      const [got, want] = [copyOf(start), copyOf(start)];
      const [opt, old] = [OPTIMIZERS[name].create(lr), previous(name, lr)];
      for (const grads of gradients) {
        opt.update(got, grads);
        old(want, grads);
      }
      expectSameBits(got, want, `${name} ${dtype}`);
      // and the parameters moved
      expect(
        got.W8.data.some((x, i) => x !== start.W8.data[i]),
        name,
      ).toBe(true);
    }
  });
});

describe('where the one pass does not apply, the tensor ops run as before', () => {
  it('a gradient of another dtype, a broadcast gradient, the parameter as its own gradient', () => {
    const rng = new RandomState(3);
    for (const name of names) {
      const cases: [TensorMap, (() => Tensor) | 'itself'][] = [
        [{ W: rng.randn(4, 70).astype('float32') }, () => rng.randn(4, 70)],
        [{ W: rng.randn(4, 70) }, () => rng.randn(70)],
        [{ W: rng.randn(4, 70) }, 'itself'],
      ];
      for (const [start, gradient] of cases) {
        const [got, want] = [copyOf(start), copyOf(start)];
        const [opt, old] = [OPTIMIZERS[name].create(0.01), previous(name, 0.01)];
        for (let step = 0; step < 3; step++) {
          const g = gradient === 'itself' ? null : gradient();
          opt.update(got, { W: g ?? got.W });
          old(want, { W: g ?? want.W });
        }
        expectSameBits(got, want, `${name} fallback`);
      }
    }
  });

  it('a gradient of a shape that does not broadcast raises the same error', () => {
    for (const name of names.filter((n) => n !== 'sgd')) {
      const params = { W: new Tensor(new Float64Array(6), [2, 3]) };
      const grads = { W: new Tensor(new Float64Array(2), [2]) };
      let want = '';
      try {
        previous(name, 0.01)(copyOf(params), grads);
      } catch (e) {
        want = (e as Error).message;
      }
      expect(want, name).toMatch(/broadcast|shape/);
      expect(() => OPTIMIZERS[name].create(0.01).update(params, grads), name).toThrow(want);
    }
  });
});

describe.runIf(kernelModule?.shared === true)('on the wasm backend with shared memory', () => {
  it('the optimizers’ state is resident, so the one pass reads and writes it in place', () => {
    setBackend('wasm');
    const rng = new RandomState(1);
    const params = { W: rng.randn(50, 100).astype('float32'), b: rng.randn(100).astype('float32') };
    const opt = OPTIMIZERS.adam.create();
    opt.update(params, { W: rng.randn(50, 100).astype('float32'), b: rng.randn(100).astype('float32') });
    const state = opt as unknown as { m: TensorMap; v: TensorMap };
    for (const s of [state.m.W, state.v.W, state.m.b, state.v.b])
      expect(residentAddress(s.data)).toBeGreaterThan(0);
    expect(residentAddress(params.W.data)).toBeGreaterThan(0);
  });
});
