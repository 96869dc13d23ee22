// Starting the training worker from a page, and the book's job as a one-call "train one now".
import type { FromWorker, ToWorker, TrainConfig } from './protocol.js';

export interface TrainWorker {
  send(m: ToWorker, transfer?: Transferable[]): void;
  on(fn: (m: FromWorker) => void): void;
  terminate(): void;
}

export function startTrainWorker(): TrainWorker {
  // a module worker bundled next to the pages (dist/web/train-worker.js)
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
  const listeners: ((m: FromWorker) => void)[] = [];
  worker.onmessage = (e: MessageEvent<FromWorker>) => listeners.forEach((fn) => fn(e.data));
  worker.onerror = (e) =>
    listeners.forEach((fn) => fn({ type: 'error', message: `training worker: ${e.message}` }));
  return {
    send: (m, transfer = []) => worker.postMessage(m, transfer),
    on: (fn) => void listeners.push(fn),
    terminate: () => worker.terminate(),
  };
}

/** The book's job (TwoLayerNet 784-50-10, SGD lr 0.1, batch 100, seed 0), `iters` iterations. */
export const BOOK_JOB = (iters = 10000): TrainConfig => ({
  dataset: 'mnist',
  model: { model: 'two-layer', hiddenSizeList: [50] },
  optimizer: 'sgd',
  lr: 0.1,
  batchSize: 100,
  iters,
  seed: 0,
});

/** Trains `config` in a fresh worker and resolves with the model file's bytes and test accuracy. */
export function trainModel(
  config: TrainConfig,
  onProgress: (iteration: number, total: number) => void,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; testAcc: number }> {
  const w = startTrainWorker();
  let testAcc = NaN;
  return new Promise<{ bytes: Uint8Array<ArrayBuffer>; testAcc: number }>((ok, fail) => {
    w.on((m) => {
      if (m.type === 'error') fail(new Error(m.message));
      else if (m.type === 'data') {
        w.send({ type: 'live', on: false });
        w.send({ type: 'reset', config });
        w.send({ type: 'start' });
      } else if (m.type === 'progress') onProgress(m.iteration, m.total);
      else if (m.type === 'eval' && m.final) testAcc = m.testAcc;
      else if (m.type === 'state' && m.state === 'done') w.send({ type: 'save' });
      else if (m.type === 'model') ok({ bytes: m.bytes, testAcc });
    });
    w.send({ type: 'load', dataset: config.dataset });
  }).finally(() => w.terminate());
}

/** Where page 1 leaves its latest model for page 2. */
export const LATEST_MODEL_KEY = 'model/latest';
