// Convolution and Pooling against the book's layers run in NumPy (tools/make_conv_fixtures.py)
// on every backend, their gradient checks and errors, and the two conv nets' gradient checks.
import { describe, expect, it } from 'vitest';
import {
  Convolution,
  DeepConvNet,
  Pooling,
  Relu,
  RandomState,
  SimpleConvNet,
  backendNames,
  compareGradients,
  kernels,
  numericalGradient,
  setBackend,
  tensor,
  zeros,
  type Tensor,
} from '../src/index.js';
import { fixture } from './fixtures.js';
import { assertAllClose } from './helpers/allclose.js';
import { checkLayer, expectGradientsClose } from './helpers/gradient-check.js';

interface ConvCase {
  xShape: number[];
  WShape: number[];
  stride: number;
  pad: number;
  x: number[];
  W: number[];
  b: number[];
  outShape: number[];
  out: number[];
  dout: number[];
  dx: number[];
  dW: number[];
  db: number[];
}
interface PoolCase {
  xShape: number[];
  poolH: number;
  poolW: number;
  stride: number;
  pad: number;
  x: number[];
  outShape: number[];
  out: number[];
  dout: number[];
  dx: number[];
}
const golden = fixture<{ convolution: ConvCase[]; pooling: PoolCase[] }>('conv.json');
const t = (values: number[], shape: number[]): Tensor => tensor(values).reshape(...shape);

describe.each(backendNames())('Convolution and Pooling equal the book’s NumPy layers on %s', (backend) => {
  const withBackend = (f: () => void): void => {
    const before = kernels().name;
    setBackend(backend);
    try {
      f();
    } finally {
      setBackend(before);
    }
  };

  it('Convolution forward and backward, float64 to 1e-12, float32 to 1e-4', () =>
    withBackend(() => {
      for (const c of golden.convolution) {
        const what = `x ${c.xShape.join('x')} W ${c.WShape.join('x')} stride ${c.stride} pad ${c.pad}`;
        for (const dtype of ['float64', 'float32'] as const) {
          const tol = dtype === 'float64' ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-4, atol: 1e-4 };
          const W = t(c.W, c.WShape).astype(dtype);
          const layer = new Convolution(W, t(c.b, [c.b.length]).astype(dtype), {
            stride: c.stride,
            pad: c.pad,
          });
          const x = t(c.x, c.xShape).astype(dtype);
          const out = layer.forward(x);
          expect(out.shape, what).toEqual(c.outShape);
          assertAllClose(out, c.out, tol, `${what} ${dtype} out`);
          const dx = layer.backward(t(c.dout, c.outShape).astype(dtype));
          expect(dx.shape, what).toEqual(c.xShape);
          assertAllClose(dx, c.dx, tol, `${what} ${dtype} dx`);
          expect(layer.grads.W.shape).toEqual(c.WShape);
          assertAllClose(layer.grads.W, c.dW, tol, `${what} ${dtype} dW`);
          assertAllClose(layer.grads.b, c.db, tol, `${what} ${dtype} db`);
          // the layer reads but never writes its arguments
          expect([...x.data]).toEqual(c.x.map(dtype === 'float32' ? Math.fround : Number));
        }
      }
    }));

  it('Pooling forward and backward (ties to the first maximum), exactly', () =>
    withBackend(() => {
      for (const c of golden.pooling) {
        const what = `x ${c.xShape.join('x')} pool ${c.poolH}x${c.poolW} stride ${c.stride} pad ${c.pad}`;
        const layer = new Pooling({ poolH: c.poolH, poolW: c.poolW, stride: c.stride, pad: c.pad });
        const out = layer.forward(t(c.x, c.xShape));
        expect(out.shape, what).toEqual(c.outShape);
        expect([...out.data], what).toEqual(c.out);
        const dx = layer.backward(t(c.dout, c.outShape));
        expect(dx.shape, what).toEqual(c.xShape);
        assertAllClose(dx, c.dx, { rtol: 1e-12, atol: 1e-15 }, `${what} dx`);
      }
    }));
});

describe('convolution layers: gradients and errors', () => {
  const rng = new RandomState(3);

  it.each([
    [[2, 3, 7, 6], [4, 3, 3, 3], 2, 1],
    [[1, 2, 6, 5], [3, 2, 2, 3], 1, 2],
    [[3, 1, 5, 5], [2, 1, 5, 5], 1, 0],
  ])('Convolution x %j W %j stride %i pad %i matches central differences', (xs, ws, stride, pad) => {
    const layer = new Convolution(rng.randn(...ws), rng.randn(ws[0]), { stride, pad });
    const x = rng.randn(...xs);
    checkLayer(layer, x, rng.randn(...layer.forward(x).shape));
  });

  it.each([
    [[2, 3, 6, 6], 2, 2, 2, 0],
    [[1, 2, 7, 6], 3, 2, 1, 0],
    [[2, 2, 5, 5], 2, 2, 2, 1],
  ])('Pooling x %j pool %i×%i stride %i pad %i matches central differences', (xs, ph, pw, stride, pad) => {
    const layer = new Pooling({ poolH: ph, poolW: pw, stride, pad });
    // distinct values, far apart next to h = 1e-4, and positive so no window's maximum is
    // a padding zero: the max is then locally linear
    const size = xs.reduce((p, d) => p * d, 1);
    const x = tensor(Array.from(rng.permutation(size), (v) => 1 + 0.01 * v)).reshape(...xs);
    checkLayer(layer, x, rng.randn(...layer.forward(x).shape));
  });

  it('the first layer skips dx when asked', () => {
    const layer = new Convolution(rng.randn(2, 1, 3, 3), zeros([2]), { skipInputGradient: true });
    const out = layer.forward(rng.randn(2, 1, 5, 5));
    expect(layer.backward(out).shape).toEqual([0]);
    expect(layer.grads.W.shape).toEqual([2, 1, 3, 3]);
  });

  it('reuseOutput writes over the same tensors while the shape stays, with the same values', () => {
    const [W, b] = [rng.randn(3, 2, 3, 3), rng.randn(3)];
    const layers = [new Convolution(W, b, { pad: 1, reuseOutput: true }), new Relu({ reuseOutput: true })];
    const fresh = [new Convolution(W, b, { pad: 1 }), new Relu()];
    const pool = new Pooling({ poolH: 2, poolW: 2, stride: 2, reuseOutput: true });
    const freshPool = new Pooling({ poolH: 2, poolW: 2, stride: 2 });
    const pass = (ls: (Convolution | Relu)[], p: Pooling, x: Tensor): Tensor[] => {
      const y = ls[1].forward(ls[0].forward(x));
      const z = p.forward(y);
      const dz = p.backward(z);
      return [y, z, dz, ls[0].backward(ls[1].backward(dz))];
    };
    const [x1, x2] = [rng.randn(2, 2, 6, 6), rng.randn(2, 2, 6, 6)];
    const first = pass(layers, pool, x1);
    const firstValues = first.map((t) => [...t.data]);
    const second = pass(layers, pool, x2);
    second.forEach((t, i) => expect(t.data, `output ${i} reused`).toBe(first[i].data));
    const want = pass(fresh, freshPool, x2);
    second.forEach((t, i) => expect([...t.data], `output ${i}`).toEqual([...want[i].data]));
    expect([...second[0].data]).not.toEqual(firstValues[0]);
    // another batch size: new tensors
    const third = pass(layers, pool, rng.randn(1, 2, 6, 6));
    third.forEach((t, i) => expect(t.data, `output ${i} for a new shape`).not.toBe(first[i].data));
    expect(third[0].shape).toEqual([1, 3, 6, 6]);
  });

  it('errors name the layer and the shapes', () => {
    const W = zeros([4, 3, 5, 5]);
    const conv = new Convolution(W, zeros([4]), { pad: 1 });
    expect(() => conv.forward(zeros([2, 3, 2, 2]))).toThrow(
      'Convolution: a 5×5 filter does not fit the input (2,3,2,2) padded by 1',
    );
    expect(() => conv.forward(zeros([2, 2, 8, 8]))).toThrow(
      'Convolution: input (2,2,8,8) does not fit W (4,3,5,5): it must be (N, 3, H, W)',
    );
    expect(() => conv.forward(zeros([8, 8]))).toThrow(
      'Convolution: input (8,8) does not fit W (4,3,5,5): it must be (N, 3, H, W)',
    );
    expect(() => new Convolution(W, zeros([4]), { stride: 0 })).toThrow(
      'Convolution: stride must be an integer ≥ 1, got 0',
    );
    expect(() => new Convolution(zeros([4, 3]), zeros([4]))).toThrow(
      'Convolution: W (4,3) and b (4,) need shapes (FN,C,FH,FW) and (FN,)',
    );
    expect(() => new Pooling({ poolH: 2, poolW: 2, stride: 0 })).toThrow(
      'Pooling: stride must be an integer ≥ 1, got 0',
    );
    const pool = new Pooling({ poolH: 3, poolW: 3 });
    expect(() => pool.forward(zeros([4, 4]))).toThrow('Pooling: input must be (N, C, H, W), got (4,4)');
    expect(() => pool.forward(zeros([1, 1, 2, 2]))).toThrow(
      'Pooling: a 3×3 filter with pad 0 does not fit an input of 2×2 (output 0×0)',
    );
    expect(() => pool.backward(zeros([1]))).toThrow('Pooling.backward: call forward first');
  });
});

describe('the conv nets match central differences (float64)', () => {
  // NOTE: with weights of std 0.01 many ReLU inputs lie within h = 1e-4 of 0; where one does,
  // the central difference averages two slopes and misses backprop by up to ~30% (seed 0
  // here). Seed 7 has no such kink, so the book's check passes as printed; seed 0 passes
  // with h = 1e-6, where the difference quotient no longer spans the kink.
  const book = (seed: number) => {
    const rng = new RandomState(seed);
    const net = new SimpleConvNet({
      inputDim: [1, 10, 10],
      convParam: { filterNum: 10, filterSize: 3, pad: 0, stride: 1 },
      hiddenSize: 10,
      outputSize: 10,
      weightInitStd: 0.01,
      rng,
      lossDelta: 0,
    });
    return { net, x: rng.rand(1, 1, 10, 10), t: tensor([1]) };
  };

  it('SimpleConvNet: the book’s ch07/gradient_check.py setup, input (1,10,10), 10 filters 3×3, hidden 10', () => {
    const { net, x, t: label } = book(7);
    expect(Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.shape]))).toEqual({
      W1: [10, 1, 3, 3],
      b1: [10],
      W2: [160, 10],
      b2: [10],
      W3: [10, 10],
      b3: [10],
    });
    expectGradientsClose(net.gradient(x, label), net.numericalGradient(x, label));
  });

  it('SimpleConvNet with a ReLU kink within 1e-4 (seed 0), at h = 1e-6', () => {
    const { net, x, t: label } = book(0);
    const numerical = Object.fromEntries(
      Object.entries(net.params).map(([k, p]) => [k, numericalGradient(() => net.loss(x, label), p, 1e-6)]),
    );
    expectGradientsClose(net.gradient(x, label), numerical, 1e-5);
  });

  it('DeepConvNet on (1,8,8) inputs, dropout masks frozen, 12 elements of every key, h = 1e-6', () => {
    const rng = new RandomState(1);
    const net = new DeepConvNet({ inputDim: [1, 8, 8], hiddenSize: 6, outputSize: 4, rng, lossDelta: 0 });
    expect(net.params.W7.shape).toEqual([64, 6]); // 8 → 8 → 8 → 4 → 4 → 6 → 3 → 3 → 3 → 1
    const x = rng.rand(2, 1, 8, 8);
    const labels = tensor([1, 3]);
    net.dropouts.forEach((d) => d.freezeMask());
    const backprop = net.gradient(x, labels);
    const h = 1e-6;
    for (const [key, p] of Object.entries(net.params)) {
      const picks = Array.from(rng.choice(p.size, Math.min(12, p.size), false));
      const [bp, num] = [zeros([picks.length]), zeros([picks.length])];
      picks.forEach((i, j) => {
        const keep = p.data[i];
        p.data[i] = keep + h;
        const up = net.loss(x, labels, true);
        p.data[i] = keep - h;
        const down = net.loss(x, labels, true);
        p.data[i] = keep;
        [bp.data[j], num.data[j]] = [backprop[key].data[i], (up - down) / (2 * h)];
      });
      const c = compareGradients(bp, num);
      expect(c.maxRelError, `${key} at ${picks[c.worstIndex]}: ${c.backprop} vs ${c.numerical}`).toBeLessThan(
        1e-5,
      );
    }
  });
});
