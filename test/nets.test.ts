import { describe, expect, it } from 'vitest';
import {
  NET_DEFAULTS,
  RandomState,
  TwoLayerNet,
  abs,
  add,
  buildNet,
  describeNetSpec,
  dot,
  gradientCheck,
  min,
  tensor,
  type NetSpec,
  type Tensor,
} from '../src/index.js';
import { expectGradientsClose } from './helpers/gradient-check.js';

/** The smallest |pre-activation| of the hidden layer: the ReLU kink must be far from h = 1e-4. */
function kinkDistance(net: TwoLayerNet, x: Tensor): number {
  return min(abs(add(dot(x, net.params.W1), net.params.b1)));
}

describe('TwoLayerNet', () => {
  it('draws W1 then W2 from the generator like the book', () => {
    const net = new TwoLayerNet({ inputSize: 3, hiddenSize: 2, outputSize: 2, rng: new RandomState(0) });
    const r = new RandomState(0);
    expect([...net.params.W1.data]).toEqual([...r.randn(3, 2).data].map((v) => 0.01 * v));
    expect([...net.params.W2.data]).toEqual([...r.randn(2, 2).data].map((v) => 0.01 * v));
    expect([...net.params.b1.data]).toEqual([0, 0]);
    expect(net.params.W1.shape).toEqual([3, 2]);
  });

  it.each([
    ['relu', 1, 4, 3, 2],
    ['relu', 5, 6, 4, 3],
    ['sigmoid', 1, 3, 2, 2],
    ['sigmoid', 4, 7, 5, 3],
  ] as const)('%s: backprop matches numerical gradients (batch %i, %i-%i-%i)', (activation, n, i, h, o) => {
    const rng = new RandomState(3);
    const net = new TwoLayerNet({
      inputSize: i,
      hiddenSize: h,
      outputSize: o,
      weightInitStd: 1,
      activation,
      rng,
      lossDelta: 0,
    });
    const x = rng.randn(n, i);
    const t = tensor(Array.from(rng.randint(0, o, n)));
    if (activation === 'relu') expect(kinkDistance(net, x)).toBeGreaterThan(1e-3);
    expectGradientsClose(net.gradient(x, t), net.numericalGradient(x, t));
    const report = gradientCheck(net, x, t);
    for (const key of ['W1', 'b1', 'W2', 'b2']) expect(report[key].meanAbsDiff).toBeLessThan(1e-8);
  });

  it('with the book’s +1e-7 in the loss, the difference shows up at about 1e-7 on b2', () => {
    const rng = new RandomState(1);
    const net = new TwoLayerNet({ inputSize: 4, hiddenSize: 3, outputSize: 3, weightInitStd: 1, rng });
    const x = rng.randn(3, 4);
    const t = tensor([0, 2, 1]);
    expect(kinkDistance(net, x)).toBeGreaterThan(1e-3);
    const report = gradientCheck(net, x, t);
    expect(report.b2.meanAbsDiff).toBeGreaterThan(1e-9);
    expect(report.b2.meanAbsDiff).toBeLessThan(1e-6);
  });

  it('computes accuracy from one-hot or integer labels', () => {
    const net = new TwoLayerNet({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng: new RandomState(0) });
    net.params.W2.data.set([1, 0, 1, 0, 1, 0]); // always predicts class 0 for x >= 0
    const x = tensor([
      [1, 1],
      [2, 2],
    ]);
    expect(net.accuracy(x, tensor([0, 1]))).toBe(0.5);
    expect(
      net.accuracy(
        x,
        tensor([
          [1, 0],
          [1, 0],
        ]),
      ),
    ).toBe(1);
  });

  it('rejects bad sizes and activations', () => {
    const rng = new RandomState(0);
    expect(() => new TwoLayerNet({ inputSize: 0, hiddenSize: 1, outputSize: 1, rng })).toThrow(
      'TwoLayerNet: inputSize must be a positive integer, got 0',
    );
    expect(
      () =>
        new TwoLayerNet({ inputSize: 1, hiddenSize: 1, outputSize: 1, rng, activation: 'tanh' as 'relu' }),
    ).toThrow("TwoLayerNet: unknown activation 'tanh'");
  });
});

describe('buildNet (one NetSpec → net, for the CLI and the playground)', () => {
  it('builds each model with the book’s shapes and defaults', () => {
    const rng = new RandomState(0);
    const shape = (spec: NetSpec): readonly number[] => buildNet(spec, rng).params.W1.shape;
    expect(shape({ model: 'two-layer', hiddenSizeList: [50] })).toEqual([784, 50]);
    expect(shape({ model: 'mlp', hiddenSizeList: [100, 100] })).toEqual([784, 100]);
    expect(shape({ model: 'simple-convnet', hiddenSizeList: [100] })).toEqual([30, 1, 5, 5]);
    expect(shape({ model: 'deep-convnet', hiddenSizeList: [50] })).toEqual([16, 1, 3, 3]);
    expect(buildNet({ model: 'two-layer', hiddenSizeList: [50] }, rng).dtype).toBe('float32');
    expect(NET_DEFAULTS['simple-convnet']).toMatchObject({ optimizer: 'adam', lr: 0.001, batchSize: 100 });
    expect(describeNetSpec({ model: 'mlp', hiddenSizeList: [100, 100], batchnorm: true })).toBe(
      'MultiLayerNetExtend 784-100-100-10 (relu, batch norm)',
    );
  });

  it('refuses a spec that does not fit the model, naming it', () => {
    const rng = new RandomState(0);
    expect(() => buildNet({ model: 'two-layer', hiddenSizeList: [50, 50] }, rng)).toThrow(
      'buildNet: two-layer takes one hidden size, got [50, 50]',
    );
    expect(() => buildNet({ model: 'simple-convnet', hiddenSizeList: [100], init: 'he' }, rng)).toThrow(
      "buildNet: SimpleConvNet takes a standard deviation as init, got 'he'",
    );
  });
});
