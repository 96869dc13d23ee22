import { describe, expect, it } from 'vitest';
import {
  AddLayer,
  Affine,
  MulLayer,
  RandomState,
  Relu,
  Sigmoid,
  SoftmaxWithLoss,
  abs,
  add,
  crossEntropyError,
  div,
  mul,
  oneHot,
  softmax,
  sub,
  numericalGradient,
  sign,
  tensor,
  zeros,
} from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { checkLayer, expectGradientsClose } from './helpers/gradient-check.js';

describe('the apple and orange graph (book 5.4)', () => {
  it('buys apples', () => {
    const mulApple = new MulLayer();
    const mulTax = new MulLayer();
    const applePrice = mulApple.forward(100, 2);
    expect(mulTax.forward(applePrice, 1.1)).toBe(220.00000000000003);
    const [dApplePrice, dTax] = mulTax.backward(1);
    const [dApple, dAppleNum] = mulApple.backward(dApplePrice);
    expect([dApple, dAppleNum, dTax]).toEqual([2.2, 110.00000000000001, 200]);
  });

  it('buys apples and oranges', () => {
    const [mulApple, mulOrange, mulTax] = [new MulLayer(), new MulLayer(), new MulLayer()];
    const addFruit = new AddLayer();
    const all = addFruit.forward(mulApple.forward(100, 2), mulOrange.forward(150, 3));
    expect(mulTax.forward(all, 1.1)).toBe(715.0000000000001);
    const [dAll, dTax] = mulTax.backward(1);
    const [dApplePrice, dOrangePrice] = addFruit.backward(dAll);
    const [dOrange, dOrangeNum] = mulOrange.backward(dOrangePrice);
    const [dApple, dAppleNum] = mulApple.backward(dApplePrice);
    expect({ dAppleNum, dApple, dOrange, dOrangeNum, dTax }).toEqual({
      dAppleNum: 110.00000000000001,
      dApple: 2.2,
      dOrange: 3.3000000000000003,
      dOrangeNum: 165,
      dTax: 650,
    });
  });
});

describe('layer gradients match central differences (float64)', () => {
  const rng = new RandomState(17);
  /** randn pushed at least 0.05 away from 0, so no ReLU input straddles the kink at h = 1e-4 */
  const awayFromZero = (...shape: number[]) => {
    const x = rng.randn(...shape);
    return add(x, mul(sign(x), 0.05));
  };

  it.each([[[1, 1]], [[3, 4]], [[2, 3, 5]]])('Relu on %j', (shape) => {
    const x = awayFromZero(...shape);
    checkLayer(new Relu(), x, rng.randn(...shape));
  });

  it.each([[[1, 1]], [[4, 3]], [[2, 2, 3]]])('Sigmoid on %j', (shape) => {
    checkLayer(new Sigmoid(), rng.randn(...shape), rng.randn(...shape));
  });

  it.each([
    [[1, 1], 1],
    [[4, 3], 5],
    [[2, 3, 4], 2],
    [[3, 1, 2, 2], 3],
  ])('Affine on %j to %i outputs', (shape, outputs) => {
    const inputs = shape.slice(1).reduce((p, d) => p * d, 1);
    const layer = new Affine(rng.randn(inputs, outputs), rng.randn(outputs));
    const x = rng.randn(...shape);
    checkLayer(layer, x, rng.randn(shape[0], outputs));
    // dx comes back in the input's shape
    expect(layer.backward(rng.randn(shape[0], outputs)).shape).toEqual(shape);
  });

  it.each([
    [1, 1],
    [4, 3],
    [7, 10],
  ])('SoftmaxWithLoss on %i×%i, one-hot and integer labels', (n, k) => {
    const x = rng.randn(n, k);
    const labels = tensor(Array.from(rng.randint(0, k, n)));
    for (const t of [
      labels,
      tensor(
        Array.from({ length: n }, (_, i) =>
          Array.from({ length: k }, (_, j) => (j === labels.data[i] ? 1 : 0)),
        ),
      ),
    ]) {
      // NOTE: the book's +1e-7 inside the log shifts the numerical gradient by ~1e-7/y;
      // with delta = 0 the loss is exact and backprop's (y − t)/N must match closely.
      const layer = new SoftmaxWithLoss(0);
      const numerical = numericalGradient(() => layer.forward(x, t), x);
      layer.forward(x, t);
      expectGradientsClose({ x: layer.backward() }, { x: numerical });
      assertAllClose(layer.backward(2.5), mul(layer.backward(), 2.5), { rtol: 1e-15 });
    }
  });
});

describe('SoftmaxWithLoss in one pass equals softmax then crossEntropyError, bit for bit', () => {
  it.each(['float32', 'float64'] as const)('%s, large scores, a NaN row, dout 1 and 2.5', (dtype) => {
    const rng = new RandomState(7);
    const [n, k] = [37, 10];
    const x = mul(rng.randn(n, k), 30).astype(dtype);
    x.data[5 * k + 3] = NaN;
    const labels = tensor(Array.from(rng.randint(0, k, n))).astype(dtype);
    for (const delta of [1e-7, 0]) {
      const layer = new SoftmaxWithLoss(delta);
      const loss = layer.forward(x, labels);
      const y = softmax(x);
      expect([...layer.y!.data]).toEqual([...y.data]);
      const want = crossEntropyError(y, labels, delta);
      expect(Object.is(loss, want) || (Number.isNaN(loss) && Number.isNaN(want))).toBe(true);
      const clean = new SoftmaxWithLoss(delta);
      const x2 = x.clone();
      x2.data[5 * k + 3] = 0;
      expect(clean.forward(x2, labels)).toBe(crossEntropyError(softmax(x2), labels, delta));
      const d = sub(clean.y!, oneHot(labels, k, x.dtype));
      expect([...clean.backward().data]).toEqual([...div(d, n).data]);
      expect([...clean.backward(2.5).data]).toEqual([...mul(d, 2.5 / n).data]);
    }
    expect(() => new SoftmaxWithLoss().forward(x, tensor(Array(n).fill(k)))).toThrow(
      `softmaxCrossEntropy: index ${k} is out of bounds for a row of size ${k}`,
    );
  });
});

describe('layers keep their contract', () => {
  it('Relu masks x <= 0 and does not mutate dout', () => {
    const relu = new Relu();
    expect([...relu.forward(tensor([-1, 0, 2])).data]).toEqual([0, 0, 2]);
    const dout = tensor([5, 6, 7]);
    expect([...relu.backward(dout).data]).toEqual([0, 0, 7]);
    expect([...dout.data]).toEqual([5, 6, 7]);
    // the book's mask (x <= 0) at −0 and NaN: −0 is masked, NaN lets the gradient through
    relu.forward(tensor([-0, NaN, -3]));
    expect([...relu.backward(tensor([5, 6, 7])).data]).toEqual([0, 6, 0]);
  });

  it('Affine can skip the input gradient and still fills dW and db', () => {
    const W = tensor([
      [1, 2],
      [3, 4],
    ]);
    const layer = new Affine(W, tensor([0.5, -0.5]), { skipInputGradient: true });
    expect(layer.forward(tensor([[1, 1]])).toArray()).toEqual([[4.5, 5.5]]);
    expect(layer.backward(tensor([[1, 2]])).size).toBe(0);
    expect(layer.grads.W.toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(layer.grads.b.toArray()).toEqual([1, 2]);
  });

  it('reports misuse clearly', () => {
    expect(() => new Relu().backward(zeros([1]))).toThrow('Relu.backward: call forward first');
    expect(() => new Affine(zeros([2, 3]), zeros([2]))).toThrow(/need shapes \(in,out\) and \(out,\)/);
    expect(() => new Affine(zeros([2, 3]), zeros([3])).forward(zeros([4, 5]))).toThrow(
      'Affine.forward: input (4,5) does not fit W (2,3)',
    );
    expect(() => new SoftmaxWithLoss().forward(zeros([3]), zeros([3]))).toThrow(/scores must be 2-D/);
    expect(abs(tensor([-1])).data[0]).toBe(1);
  });
});
