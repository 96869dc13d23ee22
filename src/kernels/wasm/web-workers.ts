// Web Workers for the wasm kernels' pool (pool.ts), for browsers; imported by src/browser.ts
// only. Threads need the shared memory, which browsers grant only to cross-origin isolated
// pages (served with Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp).
import { maxThreads, startWorkers } from './pool.js';

/**
 * Makes the pool `threads` strong (the calling thread and threads − 1 Web Workers),
 * starting only the workers missing; one thread per logical core by default. Returns false,
 * starting nothing, where the page is not cross-origin isolated or has no Worker.
 */
export function startWebWorkers(threads = globalThis.navigator?.hardwareConcurrency ?? 1): boolean {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`threads must be a whole number ≥ 1, got '${threads}'`);
  }
  if (typeof Worker === 'undefined' || !globalThis.crossOriginIsolated) return false;
  return startWorkers(Math.max(0, threads - maxThreads()), (source, init) => {
    // the worker script is part of the library, not a file the page must serve
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.postMessage(init);
  });
}
