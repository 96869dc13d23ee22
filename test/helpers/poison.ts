// Fills the WebAssembly kernels' staging area and the free blocks of the module's heap with
// NaN, so a product that leaves part of its result unwritten (a worker that skipped its band)
// cannot pass on a previous product's numbers still lying there. Resident tensors, in blocks
// in use, are left alone.
import { kernelModule, moduleHeap, stagingBlock } from '../../src/kernels/wasm/module.js';

export function poisonStaging(): void {
  if (!kernelModule || !moduleHeap) return;
  const bytes = new Uint8Array(kernelModule.memory.buffer);
  const { at, bytes: size } = stagingBlock();
  bytes.fill(0xff, at, at + size);
  moduleHeap.forEachFree((block, n) => bytes.fill(0xff, block, block + n));
}
