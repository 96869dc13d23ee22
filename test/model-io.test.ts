// The library's front door for models and pictures: saveModel/loadModel round trips bit for
// bit and never leaves half a file, loadDigitImage gives what `scratchnet predict` feeds the
// net, and predictProba's rows are probabilities. No dataset needed.
import type * as NodeFs from 'node:fs';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import {
  MultiLayerNetExtend,
  RandomState,
  TwoLayerNet,
  decodePng,
  digitToMnist,
  loadDigitImage,
  loadModel,
  predictProba,
  saveModel,
  serializeNet,
  sum,
} from '../src/node.js';

// a write that fails half way (a full disk), switched on per test
const failing = vi.hoisted(() => ({ writes: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      if (!failing.writes) {
        fs.writeFileSync(...args);
        return;
      }
      const [file, data] = args;
      fs.writeFileSync(file, (data as Uint8Array).subarray(0, 100));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), {
        code: 'ENOSPC',
      });
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'scratchnet-model-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const twoLayer = (seed: number): TwoLayerNet =>
  new TwoLayerNet({
    inputSize: 784,
    hiddenSize: 20,
    outputSize: 10,
    rng: new RandomState(seed),
    dtype: 'float32',
  });

/** A 3 drawn dark on light in a 40×50 RGBA picture. */
function drawThree(): PNG {
  const png = new PNG({ width: 40, height: 50 });
  png.data.fill(255);
  const ink = (x: number, y: number): void => {
    png.data.fill(30, (y * 40 + x) * 4, (y * 40 + x) * 4 + 3);
  };
  for (let x = 10; x < 30; x++) for (const y of [8, 9, 24, 25, 40, 41]) ink(x, y);
  for (let y = 8; y < 42; y++) for (const x of [28, 29]) ink(x, y);
  return png;
}

describe('saveModel and loadModel', () => {
  it('round trip a net bit for bit, with metadata', async () => {
    const net = new MultiLayerNetExtend({
      inputSize: 784,
      hiddenSizeList: [30, 20],
      outputSize: 10,
      useBatchnorm: true,
      rng: new RandomState(4),
    });
    const file = join(dir, 'mlp.safetensors');
    await saveModel(net, file, { dataset: 'fashion-mnist', epochs: 3 });
    const loaded = await loadModel(file);
    expect(loaded).toBeInstanceOf(MultiLayerNetExtend);
    expect(
      Buffer.from(serializeNet(loaded, { dataset: 'fashion-mnist', epochs: 3 })).equals(readFileSync(file)),
    ).toBe(true);
    for (const [key, p] of Object.entries(net.params)) expect(loaded.params[key].data).toEqual(p.data);
    const x = new RandomState(5).rand(3, 784);
    expect(predictProba(loaded, x).data).toEqual(predictProba(net, x).data);
  });

  it('leave the previous file whole when a save fails half way, and no temporary file', async () => {
    const file = join(dir, 'keep.safetensors');
    await saveModel(twoLayer(1), file);
    const before = readFileSync(file);
    failing.writes = true;
    try {
      await expect(saveModel(twoLayer(2), file)).rejects.toThrow(/ENOSPC: no space left on device/);
    } finally {
      failing.writes = false;
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('keep.'))).toEqual(['keep.safetensors']);
    const loaded = (await loadModel(file)) as TwoLayerNet;
    expect(loaded.params.W1.data).toEqual(twoLayer(1).params.W1.data);
  });

  it('name the file when it is missing or not a model', async () => {
    await expect(loadModel(join(dir, 'nope.safetensors'))).rejects.toThrow(/ENOENT.*nope\.safetensors/);
    const bad = join(dir, 'bad.safetensors');
    writeFileSync(bad, new Uint8Array(5));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: truncated: 5 bytes`);
  });
});

describe('predictProba', () => {
  it('gives the softmax of predict, rows summing to 1', () => {
    const net = twoLayer(3);
    const x = new RandomState(6).rand(4, 784).astype('float32');
    const p = predictProba(net, x);
    expect(p.shape).toEqual([4, 10]);
    expect([...sum(p, 1).data].map((s) => s.toFixed(6))).toEqual([
      '1.000000',
      '1.000000',
      '1.000000',
      '1.000000',
    ]);
    // the same order as the scores
    const scores = net.predict(x).data.subarray(0, 10);
    const probs = p.data.subarray(0, 10);
    expect([...probs.keys()].sort((a, b) => probs[a] - probs[b])).toEqual(
      [...scores.keys()].sort((a, b) => scores[a] - scores[b]),
    );
  });
});

describe('loadDigitImage', () => {
  const png = join(dir, 'three.png');
  writeFileSync(png, PNG.sync.write(drawThree()));

  it('decodes a PNG and prepares it with digitToMnist', async () => {
    const x = await loadDigitImage(png);
    expect(x.shape).toEqual([1, 784]);
    expect(x.dtype).toBe('float64');
    const raw = decodePng(readFileSync(png));
    expect([raw.width, raw.height, raw.channels]).toEqual([40, 50, 4]);
    expect(x.data).toEqual(digitToMnist(raw).data);
    expect((await loadDigitImage(png, 'float32')).dtype).toBe('float32');
    await expect(loadDigitImage(join(dir, 'model.safetensors'))).rejects.toThrow(/ENOENT/);
    const notPng = join(dir, 'not.png');
    writeFileSync(notPng, 'GIF89a');
    await expect(loadDigitImage(notPng)).rejects.toThrow(`${notPng}: not a readable PNG`);
  });

  it('is what `scratchnet predict` feeds the net: the same probabilities', async () => {
    const file = join(dir, 'model.safetensors');
    await saveModel(twoLayer(7), file, { dataset: 'mnist' });
    const net = await loadModel(file);
    const probs = [...predictProba(net, await loadDigitImage(png, net.dtype)).data];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['predict', file, png, '--json'])).toBe(0);
      const { top } = JSON.parse(String(log.mock.calls[0][0])) as {
        top: { class: number; probability: number }[];
      };
      expect(top.map((t) => t.probability)).toEqual([...probs].sort((a, b) => b - a).slice(0, 3));
      expect(top.map((t) => probs[t.class])).toEqual(top.map((t) => t.probability));
    } finally {
      log.mockRestore();
    }
    expect(existsSync(file)).toBe(true);
  });
});
