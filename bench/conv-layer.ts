// The Convolution layer's kernels alone (conv2d, conv2dBackward) on each convolution of
// SimpleConvNet or DeepConvNet (batch 100, float32, random data), outputs written over the
// same tensors as the nets do: median ms of 21 calls and GFLOP/s of the products (2·M·N·K each).
// For simple, also SimpleConvNet's 2×2 max pooling in float32 (the SIMD path) and float64 (the
// general one), and what a fresh 6.9 MB array costs against writing over a reused one (why the
// conv layers reuse their outputs, docs/speed.md).
// Run: npx tsx bench/conv-layer.ts simple|deep [THREADS]
import { RandomState, conv2d, conv2dBackward, maxPool, setThreads, workersReady } from '../src/index.js';
import { startNodeWorkers } from '../src/node.js';

const [net = 'simple', threadsArg = '1'] = process.argv.slice(2);
const threads = Number(threadsArg);
startNodeWorkers(threads);
setThreads(threads);
await workersReady();
const rng = new RandomState(0);
const median = (f: () => void): number => {
  const t: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[10];
};
// (channels, size, filters, filter size, pad): ch07's conv and ch08's six
const convs =
  net === 'deep'
    ? [
        [1, 28, 16, 3, 1],
        [16, 28, 16, 3, 1],
        [16, 14, 32, 3, 1],
        [32, 14, 32, 3, 2],
        [32, 7, 64, 3, 1],
        [64, 7, 64, 3, 1],
      ]
    : [[1, 28, 30, 5, 0]];
for (const [i, [C, H, FN, F, P]] of convs.entries()) {
  const x = rng.randn(100, C, H, H).astype('float32');
  const W = rng.randn(FN, C, F, F).astype('float32');
  const b = rng.randn(FN).astype('float32');
  const y = conv2d(x, W, b, 1, P);
  const { dx } = conv2dBackward(x, W, y, 1, P, true);
  const forward = median(() => conv2d(x, W, b, 1, P, 'bench', y));
  const dW = median(() => conv2dBackward(x, W, y, 1, P, false));
  const both = median(() => conv2dBackward(x, W, y, 1, P, true, 'bench', dx ?? undefined));
  const gflop = (2 * y.size * C * F * F) / 1e9;
  console.log(
    JSON.stringify({
      bench: 'conv-layer',
      net,
      layer: `conv${i + 1}`,
      threads,
      gflopPerProduct: Math.round(gflop * 1e4) / 1e4,
      msForward: Math.round(forward * 100) / 100,
      msBackwardDW: Math.round(dW * 100) / 100,
      msBackwardDWDx: Math.round(both * 100) / 100,
      gflopsForward: Math.round((gflop / forward) * 1e4) / 10,
      gflopsBackward: Math.round(((2 * gflop) / both) * 1e4) / 10,
    }),
  );
}
if (net === 'simple') {
  const win = { poolH: 2, poolW: 2, stride: 2, pad: 0 };
  const x64 = rng.randn(100, 30, 24, 24);
  const x32 = x64.astype('float32');
  const into32 = maxPool(x32, win);
  const into64 = maxPool(x64, win);
  const n = x32.size;
  const reused = new Float32Array(n);
  console.log(
    JSON.stringify({
      bench: 'pool-and-memory',
      threads,
      shape: x32.shape,
      msMaxPoolF32: Math.round(median(() => maxPool(x32, win, 'bench', into32)) * 100) / 100,
      msMaxPoolF64: Math.round(median(() => maxPool(x64, win, 'bench', into64)) * 100) / 100,
      msFreshArrayFilled: Math.round(median(() => new Float32Array(n).fill(1)) * 100) / 100,
      msReusedArrayFilled: Math.round(median(() => reused.fill(1)) * 100) / 100,
    }),
  );
}
process.exit(0); // the worker pool would keep the process alive
