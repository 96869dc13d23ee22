// Results may start as unfilled memory (src/node.ts installs Buffer.allocUnsafeSlow), so
// every op that allocates its result that way must write all of it: with results poisoned
// with NaN first, every op and a training step give what zero-filled results give.
import { describe, expect, it } from 'vitest';
import {
  RandomState,
  TwoLayerNet,
  add,
  exp,
  gemm,
  less,
  mul,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  take,
  tensor,
  where,
  type Tensor,
} from '../src/index.js';
import { allocate, setResultAllocator } from '../src/tensor/dtype.js';

function run(): number[][] {
  const rng = new RandomState(3);
  const x = where(less(rng.rand(100, 784), 0.8), 0, rng.rand(100, 784)).astype('float32');
  const w = rng.randn(784, 50).astype('float32');
  const b = rng.randn(50).astype('float32');
  const labels = tensor(Array.from(rng.randint(0, 10, 200)));
  const scores = rng.randn(200, 10);
  const { y, loss } = softmaxCrossEntropy(scores, labels, 1e-7);
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });
  const grads = net.gradient(
    x,
    take(
      labels,
      Array.from({ length: 100 }, (_, i) => i),
    ),
  );
  const results: Tensor[] = [
    gemm(x, w),
    gemm(x, w, { bias: b }),
    gemm(x, x, { transA: true }),
    add(gemm(x, w), b),
    mul(x, 2),
    exp(rng.randn(40, 40)),
    where(less(x, 0.5), x, -1),
    take(x, [5, 3, 99, 0]),
    y,
    softmaxCrossEntropyGrad(y, labels, 1),
    ...Object.values(grads),
  ];
  return [[loss], ...results.map((r) => [...r.data])];
}

describe('results allocated without the zero fill', () => {
  it('are written in full by every op that uses them', () => {
    const clean = run();
    const previous = setResultAllocator((dtype, size) => allocate(dtype, size).fill(NaN));
    try {
      const poisoned = run();
      expect(poisoned).toEqual(clean);
      expect(clean.flat().some(Number.isNaN)).toBe(false);
    } finally {
      setResultAllocator(previous);
    }
  });
});
