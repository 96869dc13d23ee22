// Node's worker threads for the wasm kernels' pool (pool.ts); imported by src/node.ts only,
// so browser bundles never see node:worker_threads.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setEnvProblem } from '../env.js';
import { maxThreads, startWorkers, type WorkerInit } from './pool.js';

/**
 * The threads SCRATCHNET_THREADS asks for, at most one per core (more only make a CPU-bound
 * pool slower); one per core when unset or empty.
 *
 * @throws Error naming the variable and its value if it is not a whole number ≥ 1
 */
export function threadsFromEnv(): number {
  const raw = process.env.SCRATCHNET_THREADS;
  if (raw === undefined || raw.trim() === '') return availableParallelism();
  if (!/^[1-9]\d*$/.test(raw.trim()))
    throw new Error(`SCRATCHNET_THREADS must be a whole number ≥ 1, got '${raw}'`);
  return Math.min(Number(raw), availableParallelism());
}

/**
 * Starts the pool at import: like startNodeWorkers() but never throws. A bad
 * SCRATCHNET_THREADS starts one thread per core and is reported by the first use of the
 * kernels (see kernels()), naming the variable.
 */
export function startNodeWorkersFromEnv(): void {
  try {
    startNodeWorkers();
  } catch (e) {
    setEnvProblem('SCRATCHNET_THREADS', e as Error);
    startWorkers(availableParallelism() - 1, spawnNodeWorker);
  }
}

/**
 * Makes the pool `threads` strong (the calling thread and threads − 1 workers), starting
 * only the workers missing: by default SCRATCHNET_THREADS (1 = none) capped at the cores,
 * else one thread per core. Workers are unref'd: they never keep the process alive.
 */
export function startNodeWorkers(threads?: number): boolean {
  if (threads === undefined) threads = threadsFromEnv();
  else setEnvProblem('SCRATCHNET_THREADS', undefined); // an explicit choice replaces the variable's
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`threads must be a whole number ≥ 1, got '${threads}'`);
  }
  return startWorkers(Math.max(0, threads - maxThreads()), spawnNodeWorker);
}

function spawnNodeWorker(source: string, init: WorkerInit): void {
  const worker = new Worker(source, { eval: true, workerData: init });
  worker.unref();
}
