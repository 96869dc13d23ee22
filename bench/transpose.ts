// `transpose` of the book's batch as the dW product stages it (a 100×784 batch, resident, to
// 784×100: the wasm kernel in place), best of 31 rounds of 200 calls. Prints one JSON line.
// Run: npx tsx bench/transpose.ts [float32|float64]
import { RandomState, StepScope, kernels, transpose, type DType } from '../src/index.js';

const dtype = (process.argv[2] ?? 'float32') as DType;
const x = new RandomState(0).rand(100, 784).astype(dtype);
const scope = new StepScope([x]);
let best = Infinity;
for (let r = 0; r < 31; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) scope.run(() => transpose(x));
  best = Math.min(best, (performance.now() - t0) / 200);
}
scope.close();
console.log(
  JSON.stringify({
    bench: 'transpose',
    backend: kernels().name,
    dtype,
    shape: x.shape,
    microseconds: +(best * 1000).toFixed(1),
  }),
);
