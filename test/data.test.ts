import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FILE_NAMES, NoDigitError, argmax, digitToMnist, mnistFromIdx, parseIdx, sum } from '../src/index.js';
import { loadMnist, locateMnist, readIdxGz } from '../src/node.js';
import { found, idx, needing, writeSyntheticMnist } from './helpers/datasets.js';

describe('IDX parsing', () => {
  it('reads labels and images with big-endian dimensions', () => {
    const labels = parseIdx(idx(2049, [3], [7, 2, 1]), 'l');
    expect(labels).toMatchObject({ kind: 'labels', dims: [3] });
    expect([...labels.data]).toEqual([7, 2, 1]);
    const images = parseIdx(idx(2051, [1, 2, 2], [0, 255, 128, 1]), 'i');
    expect(images.dims).toEqual([1, 2, 2]);
  });

  it('names the file and the fault', () => {
    expect(() => parseIdx(idx(2050, [1], [1]), 'f.idx')).toThrow(
      'f.idx: bad magic number 2050 (0x00000802): expected 2049 for labels or 2051 for images',
    );
    expect(() => parseIdx(idx(2049, [5], [1, 2]), 'f.idx')).toThrow(
      'f.idx: truncated data: dimensions (5) need 5 bytes, found 2',
    );
    expect(() => parseIdx(new Uint8Array(3), 'f.idx')).toThrow(/f.idx: truncated: 3 bytes/);
    expect(() => parseIdx(idx(2049, [1], [1, 2]), 'f.idx')).toThrow(/1 unexpected bytes/);
    expect(() => parseIdx(gzipSync(idx(2049, [1], [1])), 'f.gz')).toThrow(/still gzip-compressed/);
  });

  it('rejects image and label counts that differ, and swapped files', () => {
    const img = parseIdx(idx(2051, [2, 1, 1], [0, 255]), 'img');
    const lab = parseIdx(idx(2049, [3], [0, 1, 2]), 'lab');
    const names = { trainImages: 'a', trainLabels: 'b', testImages: 'c', testLabels: 'd' };
    expect(() =>
      mnistFromIdx({ trainImages: img, trainLabels: lab, testImages: img, testLabels: lab }, names),
    ).toThrow('a has 2 images but b has 3 labels');
    const lab2 = parseIdx(idx(2049, [2], [0, 1]), 'lab');
    expect(() =>
      mnistFromIdx({ trainImages: lab2, trainLabels: lab2, testImages: img, testLabels: lab2 }, names),
    ).toThrow('a: holds labels where images were expected');
  });
});

describe('loadMnist on the full data sets', () => {
  it(needing('mnist', 'matches the book’s load_mnist shapes, scaling and labels'), async (ctx) => {
    if (!found.mnist) return ctx.skip();
    const d = await loadMnist({ dtype: 'float32' });
    expect(d.xTrain.shape).toEqual([60000, 784]);
    expect(d.tTrain.shape).toEqual([60000]);
    expect(d.xTest.shape).toEqual([10000, 784]);
    expect(d.xTrain.dtype).toBe('float32');
    // the well-known first labels and pixel statistics of MNIST
    expect([...d.tTrain.data.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...d.tTest.data.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
    expect(d.xTrain.data[152]).toBe(Math.fround(3 / 255));
    expect(Math.max(...d.xTrain.data.subarray(0, 784))).toBe(1);
    const raw = await loadMnist({ normalize: false, flatten: false, oneHotLabel: true });
    expect(raw.xTrain.shape).toEqual([60000, 1, 28, 28]);
    expect(raw.xTrain.data[152]).toBe(3);
    expect(raw.tTest.shape).toEqual([10000, 10]);
    expect(argmax(raw.tTest, 1).data[0]).toBe(7);
    expect(sum(raw.tTest)).toBe(10000);
  });

  it(needing('fashion-mnist', 'loads Fashion-MNIST with the same loader'), async (ctx) => {
    if (!found['fashion-mnist']) return ctx.skip();
    const d = await loadMnist({ dataset: 'fashion-mnist', dtype: 'float32' });
    expect(d.xTrain.shape).toEqual([60000, 784]);
    expect([...d.tTrain.data.subarray(0, 5)]).toEqual([9, 0, 0, 3, 0]);
  });
});

describe('corrupt files and missing data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a non-gzip file, corrupt gzip and a truncated IDX', () => {
    const plain = join(dir, 'plain.gz');
    writeFileSync(plain, idx(2049, [1], [1]));
    expect(() => readIdxGz(plain)).toThrow(`${plain}: not a gzip file`);
    const bad = join(dir, 'bad.gz');
    const gz = gzipSync(
      idx(
        2049,
        [5000],
        Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
      ),
    );
    writeFileSync(bad, gz.subarray(0, gz.length - 30));
    expect(() => readIdxGz(bad)).toThrow(`${bad}: corrupt gzip data`);
    const short = join(dir, 'short.gz');
    writeFileSync(short, gzipSync(idx(2051, [2, 28, 28], new Array(100).fill(0))));
    expect(() => readIdxGz(short)).toThrow(
      `${short}: truncated data: dimensions (2, 28, 28) need 1568 bytes, found 100`,
    );
  });

  it('says which files are missing and how to provide them', async () => {
    const partial = join(dir, 'partial');
    mkdirSync(partial);
    writeFileSync(
      join(partial, FILE_NAMES.trainLabels),
      writeSyntheticMnist(join(dir, 'tiny')).trainLabels.bytes,
    );
    await expect(locateMnist({ dataDir: partial })).rejects.toThrow(
      /train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz not found in .*partial \(dataDir must be a folder holding the four .gz files of one dataset\)/,
    );
    const saved = process.env.SCRATCHNET_DATA;
    delete process.env.SCRATCHNET_DATA;
    try {
      await expect(locateMnist({ cacheDir: join(dir, 'empty-cache'), download: false })).rejects.toThrow(
        /mnist: missing train-images-idx3-ubyte.gz, .*Pass loadMnist the option dataDir \(a folder holding the four .gz files\), or set SCRATCHNET_DATA/,
      );
    } finally {
      if (saved !== undefined) process.env.SCRATCHNET_DATA = saved;
    }
    await expect(locateMnist({ dataset: 'emnist' as 'mnist' })).rejects.toThrow("unknown dataset 'emnist'");
  });
});

describe('digitToMnist', () => {
  it('centres a dark-on-light digit as white-on-black 28×28', () => {
    // a 40×60 white picture with a black vertical bar
    const [w, h] = [40, 60];
    const pixels = new Uint8Array(w * h * 3).fill(255);
    for (let y = 10; y < 50; y++)
      for (let x = 5; x < 9; x++) pixels.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const x = digitToMnist({ width: w, height: h, channels: 3, pixels });
    expect(x.shape).toEqual([1, 784]);
    const img = x.reshape(28, 28);
    // 40 px tall bar → 20 px; 4 px wide → 2 px; centred at column 14, rows 4..23
    let [mass, cx, cy] = [0, 0, 0];
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++)
        [mass, cx, cy] = [mass + img.get(r, c), cx + c * img.get(r, c), cy + r * img.get(r, c)];
    expect(mass).toBeCloseTo(40, 6);
    expect(cx / mass).toBeCloseTo(13.5, 6);
    expect(cy / mass).toBeCloseTo(13.5, 6);
    expect(Math.max(...x.data)).toBe(1);
    expect(img.get(0, 0)).toBe(0);
  });

  it('finds no digit in a blank picture (test/hardening-io.test.ts has the rest)', () => {
    expect(() => digitToMnist({ width: 3, height: 3, channels: 1, pixels: new Uint8Array(9) })).toThrow(
      NoDigitError,
    );
  });
});
