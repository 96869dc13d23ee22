// The messages between a page and the training worker: small, plain data (typed arrays are
// transferred, never copied back and forth), so the page never waits on training.
import type { DatasetName, MnistPart, NetSpec, OptimizerName } from '../../src/index.js';

export interface TrainConfig {
  dataset: DatasetName;
  model: NetSpec;
  optimizer: OptimizerName;
  lr: number;
  batchSize: number;
  iters: number;
  seed: number;
  /** evaluate on the first N images of each set (the book's conv jobs: 1000); all when absent */
  evalSamples?: number;
}

export type ToWorker =
  | { type: 'load'; dataset: DatasetName; provided?: Partial<Record<MnistPart, ArrayBuffer>> }
  | { type: 'reset'; config: TrainConfig }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  /** live: send first-layer tiles and test-grid predictions while training */
  | { type: 'live'; on: boolean }
  | { type: 'save' }
  | { type: 'open'; bytes: ArrayBuffer; name: string };

export type RunState = 'loading' | 'idle' | 'running' | 'paused' | 'done';

export interface EvalReport {
  iteration: number;
  epoch: number;
  trainAcc: number;
  testAcc: number;
  /** 10×10 counts, row = true class, column = predicted */
  confusion: Int32Array;
}

export type FromWorker =
  | { type: 'threads'; threads: number; backend: string }
  | { type: 'status'; message: string }
  | { type: 'error'; message: string; missing?: string[] }
  | {
      type: 'data';
      dataset: DatasetName;
      classes: string[];
      trainSize: number;
      testSize: number;
      /** the first GRID test images, 784 bytes each, and their labels */
      gridImages: Uint8Array<ArrayBuffer>;
      gridLabels: number[];
    }
  | { type: 'state'; state: RunState; description?: string; total?: number; iterationsPerEpoch?: number }
  | {
      type: 'progress';
      /** iterations done */
      iteration: number;
      total: number;
      /** the losses of the iterations since the last progress message */
      losses: Float32Array;
      itPerSec: number;
    }
  /** the first layer's weights as tiles (tileSize × tileSize each) and the grid's predictions */
  | {
      type: 'snapshot';
      tiles: Float32Array;
      tileCount: number;
      tileSize: number;
      gridPred: Int8Array;
      /** how long the worker took to make it */
      ms: number;
    }
  | ({ type: 'eval'; final: boolean } & EvalReport)
  | { type: 'model'; bytes: Uint8Array<ArrayBuffer>; name: string };

/** How many test images the prediction grid shows. */
export const GRID = 48;
