import { describe, expect, it } from 'vitest';
import {
  BatchNormalization,
  Dropout,
  MultiLayerNet,
  MultiLayerNetExtend,
  RandomState,
  initScale,
  mean,
  mul,
  ones,
  sum,
  tensor,
  zeros,
} from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { checkLayer, expectGradientsClose } from './helpers/gradient-check.js';

const rng = new RandomState(6);

describe('BatchNormalization', () => {
  it.each([[[4, 3]], [[7, 5]], [[3, 2, 2, 2]]])('gradients match central differences on %j', (shape) => {
    const d = shape.slice(1).reduce((a, b) => a * b, 1);
    const bn = new BatchNormalization(rng.rand(d), rng.randn(d));
    checkLayer(bn, rng.randn(...shape), rng.randn(...shape));
  });

  it('normalizes per activation in training and uses running statistics at test time', () => {
    const bn = new BatchNormalization(ones([2]), zeros([2]));
    const x = tensor([
      [1, 10],
      [3, 30],
    ]);
    const y = bn.forward(x, true);
    // (x − μ)/√(σ² + 1e-6): μ = (2, 20), σ² = (1, 100)
    assertAllClose(y, [
      -1 / Math.sqrt(1 + 1e-6),
      -10 / Math.sqrt(100 + 1e-6),
      1 / Math.sqrt(1 + 1e-6),
      10 / Math.sqrt(100 + 1e-6),
    ]);
    assertAllClose(bn.runningMean!, [0.2, 2]);
    assertAllClose(bn.runningVar!, [0.1, 10]);
    assertAllClose(bn.forward(tensor([[0.2, 2]]), false), [0, 0], { atol: 1e-15 });
    // a 4-D input keeps its shape and is normalized per activation, as the book does
    const bn4 = new BatchNormalization(ones([8]), zeros([8]));
    const y4 = bn4.forward(rng.randn(5, 2, 2, 2), true);
    expect(y4.shape).toEqual([5, 2, 2, 2]);
    assertAllClose(mean(y4.reshape(5, 8), 0), new Array(8).fill(0), { atol: 1e-15 });
  });

  it('reports misuse', () => {
    expect(() => new BatchNormalization(ones([2]), zeros([3]))).toThrow(/must be equal 1-D/);
    expect(() => new BatchNormalization(ones([2]), zeros([2])).forward(zeros([4, 3]), true)).toThrow(
      /has 3 activations, gamma has 2/,
    );
    expect(() => new BatchNormalization(ones([2]), zeros([2])).backward(zeros([1, 2]))).toThrow(
      /call forward with train = true/,
    );
  });
});

describe('Dropout', () => {
  it('drops with np.random.rand(*x.shape) > ratio and scales the book’s way at test time', () => {
    const d = new Dropout({ ratio: 0.4, rng: new RandomState(0) });
    const x = ones([2, 3]);
    const r = new RandomState(0).rand(2, 3).data;
    expect([...d.forward(x, true).data]).toEqual([...r].map((v) => (v > 0.4 ? 1 : 0)));
    assertAllClose(d.forward(x, false), new Array(6).fill(0.6));
    expect([...d.backward(mul(ones([2, 3]), 5)).data]).toEqual([...r].map((v) => (v > 0.4 ? 5 : 0)));
  });

  it('inverted dropout scales while training and leaves test time alone', () => {
    const d = new Dropout({ ratio: 0.5, rng: new RandomState(1), inverted: true });
    const out = d.forward(ones([1000]), true);
    expect(new Set(out.data)).toEqual(new Set([0, 2]));
    expect(d.forward(ones([3]), false).toArray()).toEqual([1, 1, 1]);
    expect(Math.abs(sum(out) / 1000 - 1)).toBeLessThan(0.1);
  });

  it('passes a gradient check with a frozen mask and rejects bad ratios', () => {
    const d = new Dropout({ ratio: 0.3, rng: new RandomState(2) });
    d.freezeMask();
    checkLayer(d, rng.randn(4, 5), rng.randn(4, 5));
    expect(() => new Dropout({ ratio: 1, rng })).toThrow('Dropout: ratio must be in [0, 1), got 1');
    expect(() => new Dropout({ ratio: -0.1, rng })).toThrow(/got -0.1/);
  });
});

describe('MultiLayerNet and MultiLayerNetExtend', () => {
  it('draw every weight in order with the chosen scale, like the book', () => {
    const net = new MultiLayerNet({
      inputSize: 4,
      hiddenSizeList: [3, 2],
      outputSize: 2,
      rng: new RandomState(0),
      weightInitStd: 'he',
    });
    const r = new RandomState(0);
    assertAllClose(net.params.W1, mul(r.randn(4, 3), Math.sqrt(2 / 4)));
    assertAllClose(net.params.W2, mul(r.randn(3, 2), Math.sqrt(2 / 3)));
    assertAllClose(net.params.W3, mul(r.randn(2, 2), Math.sqrt(2 / 2)));
    expect(Object.keys(net.params)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
    expect(initScale('xavier', 100)).toBe(0.1);
    expect(initScale('sigmoid', 4)).toBe(0.5);
    expect(initScale(0.01, 4)).toBe(0.01);
    const ext = new MultiLayerNetExtend({
      inputSize: 4,
      hiddenSizeList: [3, 2],
      outputSize: 2,
      rng,
      useBatchnorm: true,
    });
    expect(Object.keys(ext.params)).toEqual([
      'W1',
      'b1',
      'W2',
      'b2',
      'W3',
      'b3',
      'gamma1',
      'beta1',
      'gamma2',
      'beta2',
    ]);
  });

  it.each([
    ['relu', false, false, 0],
    ['relu', false, false, 0.1],
    ['sigmoid', true, true, 0.05],
    ['relu', true, true, 0.01],
  ] as const)(
    '%s, batchnorm %s, dropout %s, weight decay %d: backprop matches numerical',
    (activation, bn, dropout, lambda) => {
      const r = new RandomState(4);
      const net = new MultiLayerNetExtend({
        inputSize: 5,
        hiddenSizeList: [6, 4],
        outputSize: 3,
        activation,
        weightInitStd: 0.5,
        weightDecayLambda: lambda,
        useBatchnorm: bn,
        useDropout: dropout,
        dropoutRatio: 0.3,
        rng: r,
        lossDelta: 0,
      });
      for (const d of net.dropouts) d.freezeMask();
      const x = r.randn(4, 5);
      const t = tensor([0, 2, 1, 2]);
      expectGradientsClose(net.gradient(x, t), net.numericalGradient(x, t));
    },
  );

  it('adds ½λ‖W‖² to the loss', () => {
    const make = (weightDecayLambda: number) =>
      new MultiLayerNet({
        inputSize: 3,
        hiddenSizeList: [2],
        outputSize: 2,
        rng: new RandomState(9),
        weightDecayLambda,
      });
    const [plain, decayed] = [make(0), make(0.3)];
    const x = tensor([[1, 2, 3]]);
    const t = tensor([1]);
    const w2 = sum(mul(plain.params.W1, plain.params.W1)) + sum(mul(plain.params.W2, plain.params.W2));
    expect(decayed.loss(x, t)).toBeCloseTo(plain.loss(x, t) + 0.5 * 0.3 * w2, 14);
  });

  it('rejects bad settings', () => {
    const base = { inputSize: 3, outputSize: 2, rng };
    expect(() => new MultiLayerNet({ ...base, hiddenSizeList: [] })).toThrow(
      'MultiLayerNet: hiddenSizeList must name at least one hidden layer',
    );
    expect(() => new MultiLayerNet({ ...base, hiddenSizeList: [0] })).toThrow(
      /layer sizes must be positive integers/,
    );
    expect(() => new MultiLayerNet({ ...base, hiddenSizeList: [2], weightDecayLambda: -1 })).toThrow(
      /weightDecayLambda must be >= 0/,
    );
    expect(() => new MultiLayerNet({ ...base, hiddenSizeList: [2], weightInitStd: 'lecun' as 'he' })).toThrow(
      /unknown 'lecun'/,
    );
    expect(
      () => new MultiLayerNetExtend({ ...base, hiddenSizeList: [2], useDropout: true, dropoutRatio: 1.5 }),
    ).toThrow(/ratio must be in \[0, 1\)/);
  });
});
