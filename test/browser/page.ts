// The page test/browser.test.ts loads: starts two Web Workers, runs the workload, and
// leaves what it saw on window.scratchnetResult.
import { kernels, startWebWorkers, threadCount, wasmFma, workersReady } from '../../src/browser.js';
import { runWorkload } from './workload.js';

declare global {
  interface Window {
    scratchnetResult?: unknown;
  }
}

try {
  const started = startWebWorkers(2);
  await workersReady();
  window.scratchnetResult = {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    started,
    threads: threadCount(),
    backend: kernels().name,
    fma: wasmFma,
    ...runWorkload(2),
  };
} catch (e) {
  window.scratchnetResult = { error: String(e instanceof Error ? e.stack : e) };
}
