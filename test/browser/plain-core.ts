// A page served without cross-origin isolation that imports `scratchnet` (src/index.ts):
// importing must not throw, and training runs on one thread.
import { trainFew } from './train-few.js';

try {
  // imported dynamically so that a throw at import time is reported, not just logged
  const lib = await import('../../src/index.js');
  const { backend, threads, losses } = await trainFew(lib);
  window.scratchnetResult = {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer,
    backend,
    threads,
    losses,
  };
} catch (e) {
  window.scratchnetResult = { error: String(e instanceof Error ? e.stack : e) };
}
