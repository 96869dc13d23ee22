// The book's three large products on a real MNIST batch (100 training images, every 17th):
// the forward x·W1 (100×784·784×50), dW1 = xᵀ·dh with xᵀ already made (784×100·100×50), and
// the same as the Affine layer asks for it (gemm with transA: the transpose, the packing of
// xᵀ's nonzeros and the product). Each in a tidy, best of 21 rounds of 100 calls, µs a call.
// Prints one JSON line. Run: npx tsx bench/mnist-products.ts [float32|float64]
import { RandomState, dot, gemm, take, tidy, transpose, type DType } from '../src/index.js';
import { loadMnist } from '../src/node.js';

const dtype = (process.argv[2] ?? 'float32') as DType;
const rng = new RandomState(1);
const { xTrain } = await loadMnist({ dtype });
const x = take(
  xTrain,
  Array.from({ length: 100 }, (_, i) => i * 17),
);
const xT = transpose(x);
const W1 = rng.randn(784, 50).astype(dtype);
const dh = rng.randn(100, 50).astype(dtype);

function best(f: () => void): number {
  let fastest = Infinity;
  for (let r = 0; r < 21; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) tidy(f);
    fastest = Math.min(fastest, (performance.now() - t0) / 100);
  }
  return Math.round(fastest * 1000);
}

console.log(
  JSON.stringify({
    bench: 'mnist-products',
    dtype,
    forward: best(() => void dot(x, W1)),
    dW1: best(() => void dot(xT, dh)),
    dW1TransA: best(() => void gemm(x, dh, { transA: true })),
  }),
);
