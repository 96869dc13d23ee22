// Data for tests. The full data sets are found the way the library finds them
// (SCRATCHNET_DATA, then the cache; never a download): tests that need them skip, saying
// why, where they are absent, and CI (which has them) fails on any skip (.ci/run). Everything
// else uses small synthetic IDX files written here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FILE_NAMES, RandomState, type DatasetName, type MnistPart } from '../../src/index.js';
import { defaultCacheDir, locateMnist, sha256 } from '../../src/node.js';

async function find(dataset: DatasetName): Promise<string | null> {
  try {
    return await locateMnist({ dataset, download: false });
  } catch {
    return null;
  }
}

/** The folder holding each full data set's four files, or null where it is nowhere found. */
export const found: Record<DatasetName, string | null> = {
  mnist: await find('mnist'),
  'fashion-mnist': await find('fashion-mnist'),
};

for (const [dataset, dir] of Object.entries(found)) {
  if (!dir) console.warn(needing(dataset as DatasetName, `tests that need the full ${dataset}`));
}

/**
 * A test or suite title that says why it is skipped when `dataset` is absent:
 * `describe.skipIf(!found.mnist)(needing('mnist', 'scratchnet train'), …)`.
 */
export function needing(dataset: DatasetName, title: string): string {
  if (found[dataset]) return title;
  return (
    `${title} [skipped: needs the full ${dataset}, found neither in $SCRATCHNET_DATA/${dataset} ` +
    `nor in ${join(defaultCacheDir(), dataset)}; set SCRATCHNET_DATA or run 'npx scratchnet train` +
    `${dataset === 'mnist' ? '' : ` --dataset ${dataset}`}' once to download it]`
  );
}

/** An IDX file's bytes (magic number, big-endian dimensions, unsigned bytes). */
export function idx(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

export interface SyntheticFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Writes the four .gz files of a tiny MNIST-like data set (random 28×28 images, labels
 * 0–9) into `dir`, and returns them with their SHA-256 sums.
 */
export function writeSyntheticMnist(
  dir: string,
  { train = 100, test = 20, seed = 0 } = {},
): Record<MnistPart, SyntheticFile> {
  mkdirSync(dir, { recursive: true });
  const rng = new RandomState(seed);
  const pixels = (n: number): number[] => Array.from(rng.randint(0, 256, n * 784));
  const labels = (n: number): number[] => Array.from(rng.randint(0, 10, n));
  const contents: Record<MnistPart, Uint8Array> = {
    trainImages: idx(2051, [train, 28, 28], pixels(train)),
    trainLabels: idx(2049, [train], labels(train)),
    testImages: idx(2051, [test, 28, 28], pixels(test)),
    testLabels: idx(2049, [test], labels(test)),
  };
  const files = {} as Record<MnistPart, SyntheticFile>;
  for (const part of Object.keys(contents) as MnistPart[]) {
    const bytes = gzipSync(contents[part]);
    const path = join(dir, FILE_NAMES[part]);
    writeFileSync(path, bytes);
    files[part] = { path, bytes, sha256: sha256(bytes) };
  }
  return files;
}
