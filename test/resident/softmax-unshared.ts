// Run by test/softmax-loss-kernel.test.ts in a child process: SoftmaxWithLoss's wasm kernels on
// the page of a browser that is not cross-origin isolated (no shared memory: every operand is
// staged) against the reference. Prints one JSON line.
(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated = false;
const { RandomState, kernels, referenceKernels, setBackend } = await import('../../src/index.js');
const { kernelModule } = await import('../../src/kernels/wasm/module.js');
const { expMatchesEngine } = await import('../../src/kernels/wasm/losses.js');

setBackend('wasm');
const rng = new RandomState(3);
let differ = 0;
for (const f32 of [true, false]) {
  // the book's batch, and more than the staging area's first block (the memory grows)
  for (const [rows, cols] of [
    [100, 10],
    [3, 70001],
  ]) {
    const make = (): Float32Array | Float64Array =>
      f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    const x = make();
    x.set(rng.randn(rows * cols).data.map((v) => 10 * v));
    const labels = Array.from(rng.randint(0, cols, rows));
    const [y, yWant, dx, dxWant] = [make(), make(), make(), make()];
    const loss = kernels().softmaxCrossEntropy(x, rows, cols, labels, 1e-7, y);
    const lossWant = referenceKernels.softmaxCrossEntropy(x, rows, cols, labels, 1e-7, yWant);
    kernels().softmaxCrossEntropyGrad(y, rows, cols, labels, 1, dx);
    referenceKernels.softmaxCrossEntropyGrad(yWant, rows, cols, labels, 1, dxWant);
    if (!Object.is(loss, lossWant)) differ++;
    for (let i = 0; i < y.length; i++) {
      if (!Object.is(y[i], yWant[i]) || !Object.is(dx[i], dxWant[i])) differ++;
    }
  }
}
console.log(
  JSON.stringify({
    backend: kernels().name,
    shared: kernelModule!.shared,
    wasmExp: expMatchesEngine(),
    differ,
  }),
);
