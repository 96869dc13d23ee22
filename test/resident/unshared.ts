// Run by test/resident.test.ts in a child process: the page of a browser that is not
// cross-origin isolated (no shared memory), where tensors stay in ordinary memory and the
// wasm kernels copy operands in and out as before. Prints one JSON line.
(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated = false;
const { RandomState, gemm, add, kernels, setBackend, take, zeros, tidy } = await import('../../src/index.js');
const { kernelModule } = await import('../../src/kernels/wasm/module.js');
const { residentAddress } = await import('../../src/kernels/wasm/resident.js');
const { allocateLasting } = await import('../../src/tensor/dtype.js');

setBackend('wasm');
const rng = new RandomState(1);
const x = rng.rand(64, 70).astype('float32');
const w = rng.rand(70, 30).astype('float32');
const b = rng.rand(30).astype('float32');
const run = (): number[] => tidy(() => [...add(gemm(x, w, { bias: b }), 1).data]);
const wasm = run();
setBackend('reference');
const reference = run();
setBackend('wasm');
console.log(
  JSON.stringify({
    backend: kernels().name,
    shared: kernelModule!.shared,
    resident:
      residentAddress(zeros([100], 'float32').data) >= 0 ||
      residentAddress(take(x, [1, 2]).data) >= 0 ||
      residentAddress(allocateLasting('float32', 100)) >= 0, // a data set's storage
    maxDiff: Math.max(...wasm.map((v, i) => Math.abs(v - reference[i]))),
  }),
);
