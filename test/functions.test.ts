import { describe, expect, it } from 'vitest';
import {
  SimpleNet,
  crossEntropyError,
  gradientDescent,
  identity,
  numericalDiff,
  numericalGradient,
  relu,
  sigmoid,
  softmax,
  stepFunction,
  sum,
  sumSquaresError,
  tensor,
  type Tensor,
} from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';

const t = tensor([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
const y1 = tensor([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
const y2 = tensor([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]);

describe('activations (book ch. 3)', () => {
  it('computes step, sigmoid, relu and identity', () => {
    const x = tensor([-1, 0, 2]);
    expect([...stepFunction(x).data]).toEqual([0, 0, 1]);
    assertAllClose(sigmoid(x), [0.2689414213699951, 0.5, 0.8807970779778823], { rtol: 1e-15 });
    expect([...relu(x).data]).toEqual([0, 0, 2]);
    expect(identity(x)).toBe(x);
  });

  it('softmax is overflow-safe and sums to 1 per row', () => {
    const y = softmax(tensor([1010, 1000, 990]));
    expect([...y.data].every(Number.isFinite)).toBe(true);
    expect(sum(y)).toBeCloseTo(1, 15);
    assertAllClose(y, [9.99954600070331e-1, 4.539786860886666e-5, 2.061060046209062e-9], { rtol: 1e-12 });
    const batch = softmax(
      tensor([
        [0.3, 2.9, 4.0],
        [1010, 1000, 990],
      ]),
    );
    assertAllClose(sum(batch, 1), [1, 1], { rtol: 1e-15 });
    assertAllClose(batch.toArray(), [
      [0.01821127329554753, 0.2451918129350739, 0.7365969137693786],
      [9.99954600070331e-1, 4.539786860886666e-5, 2.061060046209062e-9],
    ]);
    expect(() => softmax(tensor([[[1]]]))).toThrow('softmax: expected a 1-D or 2-D tensor, got 3-D');
  });
});

describe('losses (book 4.2)', () => {
  it('gives the book’s sum of squares and cross entropy', () => {
    expect(sumSquaresError(y1, t)).toBe(0.09750000000000003);
    expect(sumSquaresError(y2, t)).toBe(0.5975);
    expect(crossEntropyError(y1, t)).toBe(0.510825457099338);
    expect(crossEntropyError(y2, t)).toBe(2.302584092994546);
  });

  it('accepts integer labels and batches', () => {
    expect(crossEntropyError(y1, tensor([2]))).toBe(0.510825457099338);
    const yb = tensor([[...y1.data], [...y2.data]] as number[][]);
    const mean = (0.510825457099338 + 2.302584092994546) / 2;
    expect(crossEntropyError(yb, tensor([2, 2]))).toBeCloseTo(mean, 15);
    expect(crossEntropyError(yb, tensor([[...t.data], [...t.data]] as number[][]))).toBeCloseTo(mean, 15);
    expect(() => crossEntropyError(yb, tensor([1, 2, 3]))).toThrow(
      'crossEntropyError: labels (3,) do not match predictions (2,10): need 2 integer labels or one-hot rows',
    );
    expect(() => crossEntropyError(yb, tensor([2, 10]))).toThrow(/index 10 is out of bounds/);
  });
});

describe('numerical differentiation (book ch. 4)', () => {
  const f1 = (x: number): number => 0.01 * x ** 2 + 0.1 * x;
  const f2 = (x: Tensor): number => x.data[0] ** 2 + x.data[1] ** 2;

  it('gives the book’s derivatives and gradients', () => {
    expect(numericalDiff(f1, 5)).toBeCloseTo(0.1999999999990898, 12);
    expect(numericalDiff(f1, 10)).toBeCloseTo(0.2999999999986347, 12);
    assertAllClose(numericalGradient(f2, tensor([3, 4])), [6, 8], { rtol: 1e-9 });
    assertAllClose(numericalGradient(f2, tensor([0, 2])), [0, 4], { rtol: 1e-9 });
    assertAllClose(numericalGradient(f2, tensor([3, 0])), [6, 0], { rtol: 1e-9 });
  });

  it('restores every element it perturbs', () => {
    const x = tensor([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
    numericalGradient((v) => sum(v), x);
    expect(x.toArray()).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
  });

  it('descends, diverges and stalls as in the book', () => {
    const good = gradientDescent(f2, [-3, 4], { lr: 0.1, stepNum: 100 });
    assertAllClose(good.x, [-6.11110793e-10, 8.14814391e-10], { rtol: 1e-8 });
    expect(good.history).toHaveLength(100);
    expect(good.history[0].toArray()).toEqual([-3, 4]);
    assertAllClose(
      gradientDescent(f2, [-3, 4], { lr: 10, stepNum: 100 }).x,
      [-2.58983747e13, -1.29524862e12],
      {
        rtol: 1e-8,
      },
    );
    assertAllClose(gradientDescent(f2, [-3, 4], { lr: 1e-10, stepNum: 100 }).x, [-2.99999994, 3.99999992], {
      rtol: 1e-8,
    });
  });

  it('SimpleNet reproduces ch04/gradient_simplenet.py', () => {
    const net = new SimpleNet({
      W: tensor([
        [0.47355232, 0.9977393, 0.84668094],
        [0.85557411, 0.03563661, 0.69422093],
      ]),
    });
    const x = tensor([0.6, 0.9]);
    const label = tensor([0, 0, 1]);
    assertAllClose(net.predict(x), [1.05414809, 0.63071653, 1.1328074], { rtol: 1e-8 });
    expect(net.loss(x, label)).toBeCloseTo(0.9280682857864075, 12);
    assertAllClose(
      net.numericalGradient(x, label),
      [
        [0.21924757, 0.14356243, -0.36281],
        [0.32887136, 0.21534364, -0.544215],
      ],
      { rtol: 1e-6 },
    );
  });
});
