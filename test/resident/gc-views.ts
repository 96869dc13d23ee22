// Run by test/resident.test.ts in a child process with --expose-gc: whether the garbage
// collector frees a resident tensor's block while a view of it is still in use. Prints one
// JSON line: the heap's bytes in use at each step.
import { setBackend, sliceRows, zeros, type Tensor } from '../../src/index.js';
import { moduleHeap } from '../../src/kernels/wasm/module.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('gc-views.ts: run with --expose-gc');
const heap = moduleHeap!;

/** Collects garbage and lets the FinalizationRegistry's callbacks run. */
async function collect(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 10));
  }
}

setBackend('wasm');
await collect();
const start = heap.inUse;
const make = (): Tensor => {
  const t = zeros([1000, 16], 'float32'); // 64 KB, resident
  t.data.fill(3);
  return t;
};
let libraryView: Tensor | null = sliceRows(make(), 100, 200);
let rawView: Float32Array | null = make().data.subarray(0, 10) as Float32Array;
await collect();
// the library's view keeps its parent's block; the raw subarray does not
const withViews = heap.inUse - start;
const viewIntact = libraryView.data.every((v) => v === 3);
libraryView = null;
await collect();
const afterLibraryView = heap.inUse - start;
rawView = null;
await collect();
console.log(JSON.stringify({ withViews, viewIntact, afterLibraryView, end: heap.inUse - start, rawView }));
