// The job's data and batch indices for the JavaScript peers: MNIST as float32 arrays
// scaled like the book's load_mnist, and the batches drawn by scratchnet's RandomState
// (np.random.seed(0)'s stream), so every contender trains on the same batches.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RandomState, type Tensor } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';

export interface JobData {
  xTrain: Float32Array;
  labelsTrain: Int32Array;
  xTest: Float32Array;
  labelsTest: Int32Array;
  trainSize: number;
  testSize: number;
}

export async function jobData(): Promise<JobData> {
  const d = await loadMnist({ dtype: 'float32', oneHotLabel: false });
  const labels = (t: Tensor): Int32Array => Int32Array.from(t.data);
  return {
    xTrain: d.xTrain.data as Float32Array,
    labelsTrain: labels(d.tTrain),
    xTest: d.xTest.data as Float32Array,
    labelsTest: labels(d.tTest),
    trainSize: d.xTrain.shape[0],
    testSize: d.xTest.shape[0],
  };
}

export interface JobStream {
  /** 0.01 · randn(784, 50) and 0.01 · randn(50, 10), as TwoLayerNet draws them */
  w1: Float32Array;
  w2: Float32Array;
  /** the next batch's row indices (np.random.choice after the weights) */
  nextBatch: () => Int32Array;
}

/** The initial weights and the batches, from np.random.seed(0)'s stream as in the book. */
export function jobStream(trainSize: number, batchSize: number): JobStream {
  const rng = new RandomState(0);
  const scaled = (t: Tensor): Float32Array => Float32Array.from(t.data, (v) => 0.01 * v);
  const w1 = scaled(rng.randn(784, 50));
  const w2 = scaled(rng.randn(50, 10));
  return { w1, w2, nextBatch: () => rng.choice(trainSize, batchSize) };
}

/** What every job prints: one JSON line. */
export function report(r: Record<string, unknown>): void {
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ bench: 'job', ...r, peakRssBytes: rss }));
}

/** The installed version of a peer package (found upwards from its entry point). */
export function peerVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
