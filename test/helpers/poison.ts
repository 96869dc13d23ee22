// Fills the WebAssembly kernels' staging area with NaN, so a product that leaves part of
// its result unwritten (a worker that skipped its band) cannot pass on a previous product's
// numbers still lying there.
import { kernelModule } from '../../src/kernels/wasm/module.js';

export function poisonStaging(): void {
  if (!kernelModule) return;
  // above the module's own first page: staged operands, results and scratch
  new Uint8Array(kernelModule.memory.buffer, 65536).fill(0xff);
}
