// Issue 12's data items: bad data sets answered at load with the file, index and value
// named (library and CLI, no stack trace), gzip bombs refused early, SCRATCHNET_DATA that
// finds nothing, non-numbers in tensor(), and the book's float32 pixel quotients.
// Every data set here is synthesized into a temporary folder.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FILE_NAMES,
  RandomState,
  TwoLayerNet,
  mnistFromIdx,
  parseIdx,
  serializeNet,
  tensor,
  type MnistPart,
} from '../src/index.js';
import { loadMnist, readIdxGz } from '../src/node.js';
import { runCli as run } from './helpers/run-cli.js';

function idx(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const images = (n: number): Uint8Array =>
  idx(
    2051,
    [n, 28, 28],
    Array.from({ length: n * 784 }, (_, i) => (i * 7919) % 256),
  );
const labels = (values: number[]): Uint8Array => idx(2049, [values.length], values);

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-hard-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a data set's four .gz files into a new folder; `parts` replaces any of them. */
function dataset(name: string, parts: Partial<Record<MnistPart, Uint8Array>> = {}): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const all: Record<MnistPart, Uint8Array> = {
    trainImages: images(4),
    trainLabels: labels([5, 0, 4, 1]),
    testImages: images(3),
    testLabels: labels([7, 2, 1]),
    ...parts,
  };
  for (const [part, bytes] of Object.entries(all)) {
    writeFileSync(join(dir, FILE_NAMES[part as MnistPart]), gzipSync(bytes));
  }
  return dir;
}

/** A small model the CLI's eval can load (784-4-10). */
function model(): string {
  const path = join(tmp, 'model.safetensors');
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 4, outputSize: 10, rng: new RandomState(0) });
  writeFileSync(path, serializeNet(net, { dataset: 'mnist' }));
  return path;
}

/** A folder holding a previous run, and a snapshot of its files to compare after. */
function previousRun(name: string): { dir: string; files: () => Record<string, string> } {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const f of ['model.safetensors', 'config.json', 'metrics.json'])
    writeFileSync(join(dir, f), `old ${f}`);
  const files = (): Record<string, string> =>
    Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  return { dir, files };
}

const noStack = (err: string): void => expect(err).not.toMatch(/\n\s+at /);

describe('labels outside the classes', () => {
  it('are rejected by mnistFromIdx, naming the file, the first index and value, and the count', () => {
    const img = parseIdx(images(4), 'img');
    const names = { trainImages: 'a', trainLabels: 'b', testImages: 'c', testLabels: 'd' };
    const bad = parseIdx(labels([1, 200, 3, 250]), 'lab');
    const good = parseIdx(labels([0, 9, 3, 4]), 'lab');
    expect(() =>
      mnistFromIdx({ trainImages: img, trainLabels: bad, testImages: img, testLabels: good }, names),
    ).toThrow('b: label 200 at index 1 is not one of the 10 classes 0–9 (2 labels out of range in all)');
    expect(() =>
      mnistFromIdx({ trainImages: img, trainLabels: good, testImages: img, testLabels: bad }, names),
    ).toThrow('d: label 200 at index 1 is not one of the 10 classes 0–9 (2');
    const ok = mnistFromIdx(
      { trainImages: img, trainLabels: good, testImages: img, testLabels: good },
      names,
    );
    expect([...ok.tTrain.data]).toEqual([0, 9, 3, 4]);
  });

  it('stop `scratchnet train` at load (exit 1), leaving the previous run it would overwrite', async () => {
    const dir = dataset('bad-train-label', { trainLabels: labels([5, 0, 4, 200]) });
    const old = previousRun('run-bad-label');
    const before = old.files();
    const r = await run([
      'train',
      '--data',
      dir,
      '--out',
      old.dir,
      '--overwrite',
      '--iters',
      '5',
      '--batch',
      '2',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet train: ${join(dir, FILE_NAMES.trainLabels)}: label 200 at index 3 is not one of the ` +
        `10 classes 0–9`,
    );
    noStack(r.err);
    expect(old.files()).toEqual(before);
  });

  it('stop `scratchnet eval` on such a test set (exit 1)', async () => {
    const dir = dataset('bad-test-label', { testLabels: labels([7, 10, 1]) });
    const r = await run(['eval', model(), '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet eval: ${join(dir, FILE_NAMES.testLabels)}: label 10 at index 1 is not one of the 10 classes 0–9`,
    );
    noStack(r.err);
    // the same model evaluates a good test set
    const good = await run(['eval', model(), '--data', dataset('good'), '--json']);
    expect(good.code, good.err).toBe(0);
    expect(
      JSON.parse(good.out)
        .confusion.flat()
        .reduce((a: number, b: number) => a + b, 0),
    ).toBe(3);
  });
});

describe('empty data sets', () => {
  it('0 training images: `scratchnet train` names the file (not --batch), exit 1', async () => {
    const dir = dataset('no-train', { trainImages: images(0), trainLabels: labels([]) });
    const out = join(tmp, 'run-no-train');
    const r = await run(['train', '--data', dir, '--out', out, '--iters', '5']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet train: ${join(dir, FILE_NAMES.trainImages)}: holds 0 images; a data set needs at least one`,
    );
    noStack(r.err);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });

  it('0 test images: `scratchnet eval` names the file instead of printing accuracy NaN', async () => {
    const dir = dataset('no-test', { testImages: images(0), testLabels: labels([]) });
    const r = await run(['eval', model(), '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet eval: ${join(dir, FILE_NAMES.testImages)}: holds 0 images; a data set needs at least one`,
    );
    expect(r.out).toBe('');
  });
});

describe('gzip decompression stops at the size the IDX header implies', () => {
  it('refuses a 1 MB file that inflates to 1 GiB after a few kilobytes, before reaching its end', () => {
    // 10 labels, then 64 gzip members of 16 MiB of zeros, then a cut-off member: inflating it
    // all would take seconds and a gigabyte, and end in 'corrupt gzip data'
    const zeros = gzipSync(new Uint8Array(16 << 20), { level: 9 });
    const members = [gzipSync(labels([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))];
    for (let i = 0; i < 64; i++) members.push(zeros);
    members.push(gzipSync(new Uint8Array(100)).subarray(0, 20));
    const path = join(tmp, 'bomb-labels.gz');
    writeFileSync(path, Buffer.concat(members));
    expect(readFileSync(path).length).toBeLessThan(1.1e6);
    const start = performance.now();
    expect(() => readIdxGz(path)).toThrow(
      `${path}: decompresses to more than 4114 bytes, but its IDX header implies 18: ` +
        'refused without inflating the rest',
    );
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('refuses an image file claiming 1 image that inflates further, at load', async () => {
    const bomb = new Uint8Array(16 + (8 << 20));
    bomb.set(images(1).subarray(0, 16));
    const dir = dataset('bomb', { testImages: bomb });
    await expect(loadMnist({ dataDir: dir })).rejects.toThrow(
      `${join(dir, FILE_NAMES.testImages)}: decompresses to more than ${800 + 4096} bytes, but its IDX ` +
        'header implies 800',
    );
  });

  it('still reports a small surplus, truncation and corruption as before', () => {
    const surplus = join(tmp, 'surplus.gz');
    writeFileSync(surplus, gzipSync(idx(2049, [2], [1, 2, 3, 4, 5])));
    expect(() => readIdxGz(surplus)).toThrow(
      `${surplus}: 3 unexpected bytes after the data for dimensions (2)`,
    );
    const short = join(tmp, 'short.gz');
    writeFileSync(short, gzipSync(idx(2051, [2, 28, 28], new Array(100).fill(0))));
    expect(() => readIdxGz(short)).toThrow(
      `${short}: truncated data: dimensions (2, 28, 28) need 1568 bytes`,
    );
    const cut = join(tmp, 'cut.gz');
    const gz = gzipSync(images(20));
    writeFileSync(cut, gz.subarray(0, gz.length - 30));
    expect(() => readIdxGz(cut)).toThrow(`${cut}: corrupt gzip data`);
    const magic = join(tmp, 'magic.gz');
    writeFileSync(magic, gzipSync(idx(2050, [1], [1])));
    expect(() => readIdxGz(magic)).toThrow(`${magic}: bad magic number 2050`);
    const good = join(tmp, 'good.gz');
    writeFileSync(good, gzipSync(images(20)));
    expect(readIdxGz(good).dims).toEqual([20, 28, 28]);
  });
});

describe('a folder where a data file is expected', () => {
  it('names the path, in the library and in `scratchnet train` (exit 1, no bare EISDIR)', async () => {
    const dir = dataset('folder-file');
    const path = join(dir, FILE_NAMES.trainImages);
    rmSync(path);
    mkdirSync(path);
    await expect(loadMnist({ dataDir: dir })).rejects.toThrow(
      `${path}: is a folder, expected a .gz IDX file`,
    );
    const r = await run(['train', '--data', dir, '--out', join(tmp, 'run-folder'), '--iters', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`scratchnet train: ${path}: is a folder, expected a .gz IDX file`);
  });
});

describe('SCRATCHNET_DATA that finds nothing', () => {
  // the CLI's cache goes to a temporary folder too, so that nothing here touches the user's
  const names = ['SCRATCHNET_DATA', 'XDG_CACHE_HOME'] as const;
  let saved: (string | undefined)[] = [];
  beforeEach(() => {
    saved = names.map((n) => process.env[n]);
    process.env.XDG_CACHE_HOME = join(tmp, 'xdg-cache');
  });
  afterEach(() =>
    names.forEach((n, i) => {
      if (saved[i] === undefined) delete process.env[n];
      else process.env[n] = saved[i];
    }),
  );
  const cache = join(tmp, 'empty-cache');

  it('says so, naming the variable, for a folder without the data set, a missing folder and missing files', async () => {
    const empty = join(tmp, 'env-empty');
    mkdirSync(empty);
    process.env.SCRATCHNET_DATA = empty;
    await expect(loadMnist({ cacheDir: cache, download: false })).rejects.toThrow(
      `SCRATCHNET_DATA is set to '${empty}' but it has no mnist/ subfolder: point it at a folder whose ` +
        `mnist/ subfolder holds the four .gz files, or unset it to use the cache ${join(cache, 'mnist')}`,
    );
    process.env.SCRATCHNET_DATA = join(tmp, 'env-nowhere');
    await expect(loadMnist({ cacheDir: cache })).rejects.toThrow(
      `SCRATCHNET_DATA is set to '${join(tmp, 'env-nowhere')}' but ${join(tmp, 'env-nowhere')} does not exist`,
    );
    const partial = join(tmp, 'env-partial');
    const sub = dataset('env-partial/fashion-mnist');
    rmSync(join(sub, FILE_NAMES.testLabels));
    process.env.SCRATCHNET_DATA = partial;
    await expect(loadMnist({ dataset: 'fashion-mnist', cacheDir: cache })).rejects.toThrow(
      `SCRATCHNET_DATA is set to '${partial}' but ${sub} lacks t10k-labels-idx1-ubyte.gz`,
    );
    // a folder that has the data set still loads, and --data still wins over the variable
    dataset('env-good/mnist');
    process.env.SCRATCHNET_DATA = join(tmp, 'env-good');
    expect((await loadMnist({ cacheDir: cache })).xTrain.shape).toEqual([4, 784]);
    process.env.SCRATCHNET_DATA = empty;
    expect((await loadMnist({ dataDir: dataset('good') })).xTest.shape).toEqual([3, 784]);
  });

  it('`scratchnet train` reports it with exit 1', async () => {
    const empty = join(tmp, 'env-empty-cli');
    mkdirSync(empty);
    process.env.SCRATCHNET_DATA = empty;
    const r = await run(['train', '--out', join(tmp, 'run-env'), '--iters', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^scratchnet train: SCRATCHNET_DATA is set to '.*env-empty-cli' but it has no mnist\//,
    );
    noStack(r.err);
  });
});

describe('tensor() with elements that are not numbers', () => {
  it('names the element by its index path and shows its value and type', () => {
    expect(() => tensor([1, 'a', null] as unknown as number[])).toThrow(
      "tensor: element [1] is not a number: 'a' (string)",
    );
    expect(() => tensor([1, 2, null] as unknown as number[])).toThrow(
      'tensor: element [2] is not a number: null',
    );
    expect(() =>
      tensor([
        [1, 2],
        [3, { v: 4 }],
      ] as unknown as number[][]),
    ).toThrow('tensor: element [1, 1] is not a number: {"v":4} (object)');
    expect(() => tensor([[1, 2], [3]])).toThrow(
      'tensor: ragged nested array: element [1] has length 1, expected 2',
    );
    expect(() => tensor([[1, 2], 3] as unknown as number[][])).toThrow(
      'tensor: ragged nested array: element [1] is 3, expected an array of length 2',
    );
    // numbers, NaN and infinities (as NumPy) still make tensors
    expect(tensor([[1, NaN, Infinity]]).shape).toEqual([1, 3]);
  });
});

describe('float64 pixels as the book loads them', () => {
  const every = parseIdx(
    idx(
      2051,
      [1, 16, 16],
      Array.from({ length: 256 }, (_, p) => p),
    ),
    'img',
  );
  const lab = parseIdx(labels([3]), 'lab');
  const parts = { trainImages: every, trainLabels: lab, testImages: every, testLabels: lab };
  const names = { trainImages: 'a', trainLabels: 'b', testImages: 'c', testLabels: 'd' };

  it('are float32 quotients widened by default, like `x.astype(np.float32); x /= 255.0`', () => {
    const { xTrain } = mnistFromIdx(parts, names, { dtype: 'float64' });
    expect(xTrain.dtype).toBe('float64');
    // golden values of NumPy 2.4.6: a = np.array([p], np.uint8).astype(np.float32); a /= 255.0
    expect([1, 3, 128, 254].map((p) => xTrain.data[p])).toEqual([
      0.003921568859368563, 0.0117647061124444, 0.501960813999176, 0.9960784316062927,
    ]);
    for (let p = 0; p < 256; p++) expect(xTrain.data[p]).toBe(Math.fround(p / 255));
    const f32 = mnistFromIdx(parts, names, { dtype: 'float32' }).xTrain;
    expect([...f32.data]).toEqual([...xTrain.data]);
  });

  it("are the exact quotients p / 255 with normalizeDType: 'float64'", () => {
    const { xTrain } = mnistFromIdx(parts, names, { dtype: 'float64', normalizeDType: 'float64' });
    let differ = 0;
    for (let p = 0; p < 256; p++) {
      expect(xTrain.data[p]).toBe(p / 255);
      if (p / 255 !== Math.fround(p / 255)) differ++;
    }
    expect(differ).toBe(254); // all but 0 and 1
    const raw = mnistFromIdx(parts, names, { normalize: false }).xTrain;
    expect(raw.data[200]).toBe(200);
  });
});
