import { describe, expect, it } from 'vitest';
import {
  Nesterov,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  SGD,
  Tensor,
  mul,
  tensor,
  type OptimizerName,
} from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { fixture } from './fixtures.js';

interface OptimizerFixture {
  A: number[];
  W0: number[];
  [name: string]: { lr: number; path: number[][]; W5_default: number[] } | number[];
}
const fx = fixture<OptimizerFixture>('optimizers.json');

describe.each(OPTIMIZER_NAMES)('%s matches the book’s NumPy optimizer', (name: OptimizerName) => {
  const expected = fx[name] as { lr: number; path: number[][]; W5_default: number[] };

  it('on f(x, y) = x²/20 + y² from (−7, 2), 30 steps (figure 6-8)', () => {
    const opt = OPTIMIZERS[name].create(expected.lr);
    const params = { x: tensor([-7]), y: tensor([2]) };
    const path: number[][] = [];
    for (let i = 0; i < 30; i++) {
      path.push([params.x.data[0], params.y.data[0]]);
      opt.update(params, { x: mul(params.x, 1 / 10), y: mul(params.y, 2) });
    }
    path.push([params.x.data[0], params.y.data[0]]);
    // NOTE: x/10 in NumPy is a division; x·(1/10) can differ in the last bit, so 1e-12.
    assertAllClose(path.flat(), expected.path.flat(), { rtol: 1e-12, atol: 1e-15 }, name);
  });

  it('with its default settings on a 2×3 matrix, 5 steps, in place', () => {
    const opt = OPTIMIZERS[name].create();
    const A = new Tensor(Float64Array.from(fx.A), [2, 3]);
    const W = new Tensor(Float64Array.from(fx.W0), [2, 3]);
    const params = { W };
    for (let i = 0; i < 5; i++) opt.update(params, { W: mul(A, W) });
    expect(params.W).toBe(W);
    assertAllClose(W, expected.W5_default, { rtol: 1e-12 }, name);
  });
});

describe('Nesterov follows the book’s update as printed', () => {
  it('moves −(1 + m + m²)·lr·g on the first step: v is updated before it is used', () => {
    // the book's common/optimizer.py: v *= m; v -= lr·g; p += m²·v; p −= (1 + m)·lr·g.
    // From v = 0 with lr 0.1, m 0.9, g 1: v = −0.1, p = 1 − 0.081 − 0.19 = 0.729 (a
    // velocity-last order would give 0.81); then v = −0.19, p = 0.729 − 0.1539 − 0.19 = 0.3851.
    const opt = new Nesterov(0.1, 0.9);
    const params = { w: tensor([1]) };
    opt.update(params, { w: tensor([1]) });
    expect(params.w.data[0]).toBeCloseTo(0.729, 15);
    opt.update(params, { w: tensor([1]) });
    expect(params.w.data[0]).toBeCloseTo(0.3851, 15);
  });
});

describe('optimizer settings', () => {
  it('uses the book’s default learning rates', () => {
    expect(Object.fromEntries(OPTIMIZER_NAMES.map((n) => [n, OPTIMIZERS[n].defaultLr]))).toEqual({
      sgd: 0.01,
      momentum: 0.01,
      nesterov: 0.01,
      adagrad: 0.01,
      rmsprop: 0.01,
      adam: 0.001,
    });
  });

  it('rejects bad rates and missing gradients', () => {
    expect(() => new SGD(0)).toThrow('SGD: learning rate must be a positive number, got 0');
    expect(() => OPTIMIZERS.momentum.create(NaN)).toThrow(/Momentum: learning rate/);
    expect(() => new SGD(0.1).update({ W: tensor([1]) }, {})).toThrow(
      "SGD.update: no gradient for parameter 'W'",
    );
  });
});
