// SoftmaxWithLoss's kernels alone at the book's batch (100×10 scores by default): the reference
// (plain JavaScript, Math.exp) against the wasm backend's, with the operands in ordinary memory
// (staged) and resident in the module's memory, alternated in one process. Prints JSON: the
// median microseconds per call of each. The forward is bit-identical on every path
// (test/softmax-loss-kernel.test.ts); this only says which is faster.
// Run: npx tsx bench/softmax-loss.ts [float32|float64] [ROWS] [COLS] [CALLS] [ROUNDS]
import {
  RandomState,
  backendNames,
  kernels,
  referenceKernels,
  setBackend,
  type FloatArray,
  type Kernels,
} from '../src/index.js';

const [dtype = 'float32', rowsArg = '100', colsArg = '10', callsArg = '2000', roundsArg = '7'] =
  process.argv.slice(2);
const [rows, cols, calls, rounds] = [rowsArg, colsArg, callsArg, roundsArg].map(Number);
const f32 = dtype === 'float32';
if (!backendNames().includes('wasm')) throw new Error('bench/softmax-loss.ts: no WebAssembly SIMD here');
setBackend('wasm');
const wasmKernels = kernels();

const rng = new RandomState(0);
const plain = (): FloatArray => (f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols));
const resident = (): FloatArray => wasmKernels.allocate?.(f32, rows * cols, true) ?? plain();
function operands(make: () => FloatArray) {
  const x = make();
  x.set(rng.randn(rows * cols).data.map((v) => 5 * v));
  const labels = make().subarray(0, rows);
  labels.set(Array.from(rng.randint(0, cols, rows)));
  return { x, labels, y: make(), dx: make() };
}
const [ordinary, inModule] = [operands(plain), operands(resident)];

const cases: [string, Kernels, ReturnType<typeof operands>][] = [
  ['reference', referenceKernels, ordinary],
  ['wasm', wasmKernels, ordinary],
  ['wasm resident', wasmKernels, inModule],
];
const times: Record<string, { forward: number[]; backward: number[] }> = {};
for (const [name] of cases) times[name] = { forward: [], backward: [] };
let sink = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, k, { x, labels, y, dx }] of cases) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink += k.softmaxCrossEntropy(x, rows, cols, labels, 1e-7, y);
    const t1 = performance.now();
    for (let i = 0; i < calls; i++) k.softmaxCrossEntropyGrad(y, rows, cols, labels, 1, dx);
    const t2 = performance.now();
    times[name].forward.push(((t1 - t0) * 1000) / calls);
    times[name].backward.push(((t2 - t1) * 1000) / calls);
  }
}
const median = (v: number[]): number => v.sort((a, b) => a - b)[v.length >> 1];
const round2 = (v: number): number => Math.round(v * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'softmax-loss',
    dtype,
    rows,
    cols,
    microsecondsPerCall: Object.fromEntries(
      Object.entries(times).map(([name, t]) => [
        name,
        { forward: round2(median(t.forward)), backward: round2(median(t.backward)) },
      ]),
    ),
    checksum: sink,
  }),
);
