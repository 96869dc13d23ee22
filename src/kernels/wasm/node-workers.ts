// Node's worker threads for the wasm kernels' pool (pool.ts); imported by src/node.ts only,
// so browser bundles never see node:worker_threads.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { maxThreads, startWorkers } from './pool.js';

/**
 * Makes the pool `threads` strong (the calling thread and threads − 1 workers), starting
 * only the workers missing: SCRATCHNET_THREADS (1 = none), else one thread per core.
 * Workers are unref'd: they never keep the process alive.
 */
export function startNodeWorkers(
  threads = Number(process.env.SCRATCHNET_THREADS ?? availableParallelism()),
): boolean {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`threads must be a whole number ≥ 1, got '${threads}'`);
  }
  return startWorkers(Math.max(0, threads - maxThreads()), (source, init) => {
    const worker = new Worker(source, { eval: true, workerData: init });
    worker.unref();
  });
}
