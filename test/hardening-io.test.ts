// Issue 12, files and environment: every bad model file, image, option, variable and output
// folder gets a clear message and the right exit status, and nothing that existed is lost.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { writeSyntheticMnist } from './helpers/datasets.js';
import { crc32 } from './helpers/fuzz-targets.js';
import {
  ImageFormatError,
  NoDigitError,
  RandomState,
  SafetensorsError,
  TwoLayerNet,
  decodeSafetensors,
  deserializeNet,
  digitToMnist,
  encodeSafetensors,
  serializeNet,
  setThreads,
} from '../src/index.js';
import { Trainer, decodePng } from '../src/node.js';
import { runCli as run } from './helpers/run-cli.js';

/** The CLI in a child process (for what must not run in the test's own process), with a time limit. */
function spawnCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const start = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [out, err] = ['', ''];
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - start });
    }),
  );
}

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-hardening-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A float32 TwoLayerNet 784-50-10 as a model file (untrained: the tests need a file, not accuracy). */
function modelBytes(): Uint8Array {
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: new RandomState(0) });
  return serializeNet(net, { dataset: 'mnist' });
}

/** A safetensors file with a hand-written header (8-byte length, JSON, data). */
function rawSafetensors(header: object, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

/** Rewrites a file's metadata (same tensors, same data). */
function withMetadata(bytes: Uint8Array, change: Record<string, string>): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(bytes);
  return encodeSafetensors(tensors, { ...metadata, ...change });
}

describe('safetensors: the format’s own validation rules', () => {
  const f32 = (shape: number[], begin: number, end: number) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  });

  it.each([
    [
      'overlapping ranges',
      { a: f32([2], 0, 8), b: f32([2], 4, 12) },
      12,
      "tensor 'b' [4, 12) overlaps tensor 'a', which ends at 8",
    ],
    [
      'a gap',
      { a: f32([1], 0, 4), b: f32([1], 8, 12) },
      12,
      "4 bytes [4, 8) before tensor 'b' belong to no tensor",
    ],
    ['not starting at 0', { a: f32([1], 4, 8) }, 8, "4 bytes [0, 4) before tensor 'a' belong to no tensor"],
    [
      'trailing bytes',
      { a: f32([2], 0, 8) },
      11,
      "3 trailing bytes after the last tensor's data (ends at 8)",
    ],
    [
      'a range past the end',
      { a: f32([2], 0, 8) },
      4,
      "tensor 'a' (2,) F32 needs 8 bytes at [0, 8), but the data holds only 4: the file is truncated",
    ],
    [
      'size ≠ dtype × shape',
      { a: f32([3], 0, 8) },
      8,
      "tensor 'a' (3,) F32 needs 12 bytes, header says [0, 8)",
    ],
    [
      'offsets that are not a pair',
      { a: { dtype: 'F32', shape: [1], data_offsets: 4 } },
      4,
      "tensor 'a' has invalid data_offsets 4",
    ],
    [
      'non-string metadata',
      { __metadata__: { n: 1 }, a: f32([1], 0, 4) },
      4,
      '__metadata__ must map strings to strings',
    ],
  ])('rejects %s', (_, header, dataBytes, message) => {
    const bytes = rawSafetensors(header, dataBytes);
    expect(() => decodeSafetensors(bytes, 'bad.safetensors')).toThrow(SafetensorsError);
    expect(() => decodeSafetensors(bytes, 'bad.safetensors')).toThrow(`bad.safetensors: ${message}`);
  });

  it('rejects a header length over the format’s 100 MB limit without reading it', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 100_000_001n, true);
    expect(() => decodeSafetensors(bytes, 'big.safetensors')).toThrow(
      "big.safetensors: not a safetensors file: header length 100000001 exceeds the format's limit of 100000000 bytes",
    );
  });

  it('still reads what the reference writer writes: tensors of any order and size 0', () => {
    const bytes = rawSafetensors(
      { b: f32([1], 4, 8), empty: f32([0, 3], 8, 8), a: f32([1], 0, 4), __metadata__: { k: 'v' } },
      8,
    );
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(Object.keys(tensors).sort()).toEqual(['a', 'b', 'empty']);
    expect(tensors.empty.shape).toEqual([0, 3]);
    expect(metadata).toEqual({ k: 'v' });
  });
});

describe('scratchnet models: the architecture is checked before anything is allocated', () => {
  it('refuses a small file claiming a 200,000-unit layer at once, naming the parameter', async () => {
    const file = join(tmp, 'claims-200000.safetensors');
    writeFileSync(file, withMetadata(modelBytes(), { hiddenSize: '200000' }));
    const start = performance.now();
    expect(() => deserializeNet(readFileSync(file), file)).toThrow(
      `${file}: parameter 'W1' has shape (784,50), the architecture needs (784,200000)`,
    );
    expect(performance.now() - start).toBeLessThan(500); // it took 82 s and 3 GB before
    // a claim too large for any typed array ends the same way (was: Invalid typed array length)
    const huge = withMetadata(modelBytes(), { inputSize: '4000000000' });
    expect(() => deserializeNet(huge, 'huge')).toThrow(SafetensorsError);
    const r = await run(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet eval: ${file}: parameter 'W1' has shape (784,50), the architecture needs (784,200000)`,
    );
  });

  it('refuses non-finite parameters instead of predicting NaN%', async () => {
    const { tensors, metadata } = decodeSafetensors(modelBytes());
    tensors.b2.data[3] = NaN;
    const file = join(tmp, 'nan.safetensors');
    writeFileSync(file, encodeSafetensors(tensors, metadata));
    const png = join(tmp, 'bar.png');
    writeFileSync(png, barPng());
    const r = await run(['predict', file, png]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('NaN');
    expect(r.err).toContain(`${file}: parameter 'b2' holds NaN at index 3 (of 10)`);
  });

  it('names a MODEL that is a folder, and the model inside it', async () => {
    const dir = join(tmp, 'a-run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'model.safetensors'), modelBytes());
    const r = await run(['eval', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet eval: MODEL ${dir} is a folder, not a model file (did you mean ${join(dir, 'model.safetensors')}?)`,
    );
    const p = await run(['predict', tmp, 'x.png']);
    expect(p.err).toContain(`MODEL ${tmp} is a folder, not a model file`);
    const image = await run(['predict', join(dir, 'model.safetensors'), dir]);
    expect(image.code).toBe(1);
    expect(image.err).toBe(`scratchnet predict: IMAGE ${dir} is a folder, not a file`);
  });
});

/** A 20×20 black vertical bar on white: a '1'. */
function barPng(): Buffer {
  const png = new PNG({ width: 20, height: 20 });
  for (let i = 0; i < 400; i++) {
    const v = i % 20 >= 9 && i % 20 <= 11 ? 0 : 255;
    png.data.set([v, v, v, 255], i * 4);
  }
  return PNG.sync.write(png);
}

describe('predict on a blank image', () => {
  it('says no digit was found and exits 3, printing no top three', async () => {
    const model = join(tmp, 'model.safetensors');
    writeFileSync(model, modelBytes());
    for (const [name, rgba] of [
      ['white', [255, 255, 255, 255]],
      ['black', [0, 0, 0, 255]],
      ['gray', [120, 120, 120, 255]],
      ['transparent', [0, 0, 0, 0]],
    ] as const) {
      const png = new PNG({ width: 30, height: 30 });
      for (let i = 0; i < 900; i++) png.data.set(rgba, i * 4);
      const file = join(tmp, `${name}.png`);
      writeFileSync(file, PNG.sync.write(png));
      const r = await run(['predict', model, file]);
      expect(r.code, name).toBe(3);
      expect(r.out, name).toBe('');
      expect(r.err, name).toMatch(
        new RegExp(
          `^scratchnet predict: ${file}: no digit found: the image is a single colour \\(luminance \\d+`,
        ),
      );
      const json = await run(['predict', model, file, '--json']);
      expect(json.code).toBe(3);
      expect(JSON.parse(json.out)).toEqual({ image: file, top: [], noDigit: true });
    }
    const bar = join(tmp, 'bar.png');
    writeFileSync(bar, barPng());
    expect((await run(['predict', model, bar])).code).toBe(0);
  });

  it('is a typed error of the library’s preprocessing', () => {
    const flat = { width: 4, height: 4, channels: 1 as const, pixels: new Uint8Array(16).fill(200) };
    expect(() => digitToMnist(flat)).toThrow(NoDigitError);
    flat.pixels[5] = 180; // 20 levels darker: a stroke
    expect(digitToMnist(flat).shape).toEqual([1, 784]);
  });
});

describe('predict’s PNG loader', () => {
  /** A gray 8-bit PNG of width × height whose image data holds only `rows` black rows. */
  function shortPng(width: number, height: number, rows: number): Buffer {
    const chunk = (type: string, data: Buffer): Buffer => {
      const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      td.copy(out, 4);
      out.writeUInt32BE(crc32(td), 8 + data.length);
      return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8; // bit depth; colour type 0 (gray), no interlace
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const idat = deflateSync(Buffer.alloc(rows * (1 + width)));
    return Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('IDAT', idat),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  it('refuses image data shorter than the image (pngjs would fill the rest from uninitialised memory)', () => {
    expect(() => decodePng(shortPng(64, 64, 4), 'short.png')).toThrow(ImageFormatError);
    expect(() => decodePng(shortPng(64, 64, 4), 'short.png')).toThrow(
      'short.png: truncated PNG: the image data inflates to 260 bytes, a 64×64 image needs 4160',
    );
    expect(decodePng(shortPng(64, 64, 64), 'whole.png').width).toBe(64);
  });

  it('refuses a header claiming a huge image before decoding, and a few bytes claiming megapixels', () => {
    expect(() => decodePng(shortPng(100_000, 100_000, 1), 'huge.png')).toThrow(
      "huge.png: a 100000×100000 PNG is too large (a digit's picture has 1 to 4194304 pixels)",
    );
    expect(() => decodePng(shortPng(2000, 2000, 1), 'small.png')).toThrow(
      /^small\.png: truncated PNG: \d+ bytes of image data cannot hold 2000×2000 pixels$/,
    );
  });
});

describe('--threads above the number of cores', () => {
  afterEach(() => setThreads(Infinity));

  it('warns and uses the cores', async () => {
    const cores = availableParallelism();
    const r = await run(['info', '--json', '--threads', String(cores + 14)]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `scratchnet: warning: --threads ${cores + 14} is more than the ${cores} cores here; using ${cores} threads`,
    );
    expect(JSON.parse(r.out).threads).toBeLessThanOrEqual(cores);
  });
});

describe('SCRATCHNET_BACKEND and SCRATCHNET_THREADS', () => {
  it.each([
    ['SCRATCHNET_BACKEND', 'gpu', "SCRATCHNET_BACKEND must be one of reference, js, wasm, got 'gpu'"],
    ['SCRATCHNET_THREADS', 'two', "SCRATCHNET_THREADS must be a whole number ≥ 1, got 'two'"],
    ['SCRATCHNET_THREADS', '0', "SCRATCHNET_THREADS must be a whole number ≥ 1, got '0'"],
  ])('the CLI exits 2 for %s=%s, naming the variable', async (variable, value, message) => {
    const saved = process.env[variable];
    process.env[variable] = value;
    try {
      const r = await run(['info']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`scratchnet info: ${message}`);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      if (saved === undefined) delete process.env[variable];
      else process.env[variable] = saved;
    }
  });

  it('importing the library never throws for them; the first use of the kernels does', async () => {
    const script =
      "const m = await import('./src/node.ts'); console.log('imported');" +
      'try { m.add(m.ones([2]), m.ones([2])); console.log("ran"); } catch (e) { console.log(e.constructor.name + ": " + e.message); }' +
      "m.setBackend('js'); m.setThreads(1); console.log('after explicit choices:', m.add(m.ones([2]), m.ones([2])).data.join(','));";
    const child = (env: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env: { ...process.env, ...env },
        });
        let out = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString()));
        c.stderr.on('data', (d: Buffer) => (out += d.toString()));
        c.on('close', () => resolve(out));
      });
    const [backend, threads] = await Promise.all([
      child({ SCRATCHNET_BACKEND: 'gpu' }),
      child({ SCRATCHNET_THREADS: 'lots' }),
    ]);
    expect(backend).toBe(
      "imported\nError: SCRATCHNET_BACKEND='gpu' is not a kernel backend (available: reference, js, wasm)\n" +
        'after explicit choices: 2,2\n',
    );
    expect(threads).toBe(
      "imported\nError: SCRATCHNET_THREADS must be a whole number ≥ 1, got 'lots'\nafter explicit choices: 2,2\n",
    );
  });
});

describe('train --out', () => {
  // a tiny synthetic MNIST, so these run on any fresh clone, with or without the real data
  let data = '';
  beforeAll(() => {
    data = join(tmp, 'synthetic-mnist');
    writeSyntheticMnist(data);
  });

  it('fails fast under /proc (Node’s recursive mkdir never returned there) and says read-only', async () => {
    const r = await spawnCli(['train', '--iters', '1', '--out', '/proc/scratchnet-test/run'], {}, 20_000);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(
      '--out /proc/scratchnet-test/run: /proc is read-only (it cannot hold new folders: ENOENT)',
    );
    expect(r.ms).toBeLessThan(15_000);
  });

  it('reports a read-only location as read-only (sysfs: read-only even for root)', async () => {
    const r = await run(['train', '--iters', '1', '--out', '/sys/scratchnet-test/run']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--out /sys/scratchnet-test/run: /sys is read-only (cannot create scratchnet-test there: EPERM)',
    );
    expect(existsSync('/sys/scratchnet-test')).toBe(false);
  });

  it('two runs started at once into one folder: exactly one succeeds, the other refuses', async () => {
    const out = join(tmp, 'race');
    const common = ['train', '--data', data, '--eval-samples', '100', '--quiet', '--json', '--out', out];
    const [a, b] = await Promise.all([
      spawnCli([...common, '--iters', '300']),
      spawnCli([...common, '--iters', '301']),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes, a.err + b.err).toEqual([0, 2]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect(loser.err).toMatch(
      new RegExp(
        `--out ${out} (is in use by another training run|already holds a run; choose another folder)`,
      ),
    );
    // the folder holds the winner's run and nothing of the loser's
    const iters = JSON.parse(winner.out).iterations;
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).iters).toBe(iters);
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).loss).toHaveLength(iters);
    expect(readdirSync(out).sort()).toEqual(
      ['accuracy.svg', 'config.json', 'loss.svg', 'metrics.csv', 'metrics.json', 'model.safetensors'].sort(),
    );
  });

  it('a failed --overwrite leaves the old run exactly as it was', async () => {
    const out = join(tmp, 'old-run');
    mkdirSync(out);
    const before: Record<string, string> = {
      'config.json': '{"iters": 7}\n',
      'metrics.json': '{"loss": [1, 2, 3, 4, 5, 6, 7]}\n',
      'model.safetensors': 'the old model',
      'notes.txt': 'my notes',
    };
    for (const [f, text] of Object.entries(before)) writeFileSync(join(out, f), text);
    const failing = vi.spyOn(Trainer.prototype, 'train').mockRejectedValue(new Error('simulated failure'));
    let r;
    try {
      r = await run([
        'train',
        '--data',
        data,
        '--iters',
        '5',
        '--eval-samples',
        '100',
        '--quiet',
        '--out',
        out,
        '--overwrite',
      ]);
    } finally {
      failing.mockRestore();
    }
    expect(r.code).toBe(1);
    expect(r.err).toBe('scratchnet train: simulated failure');
    expect(readdirSync(out).sort()).toEqual(Object.keys(before).sort());
    for (const [f, text] of Object.entries(before)) expect(readFileSync(join(out, f), 'utf8')).toBe(text);
    expect(readdirSync(tmp).filter((f) => f.includes('old-run'))).toEqual(['old-run']); // no staging folder left

    // a successful --overwrite replaces the run's files, keeps the notes, leaves no lock
    const ok = await run([
      'train',
      '--data',
      data,
      '--iters',
      '5',
      '--eval-samples',
      '100',
      '--quiet',
      '--out',
      out,
      '--overwrite',
    ]);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).iters).toBe(5);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(readdirSync(out)).not.toContain('.scratchnet-lock');
    expect(readdirSync(tmp).filter((f) => f.includes('old-run'))).toEqual(['old-run']);
  });

  it('a failed run into a new folder leaves no folder behind', async () => {
    const out = join(tmp, 'new', 'run');
    const r = await run(['train', '--data', data, '--batch', '70000', '--quiet', '--out', out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder another run holds, naming the process', async () => {
    const out = join(tmp, 'locked');
    mkdirSync(out);
    writeFileSync(join(out, '.scratchnet-lock'), `${process.pid}\n`);
    const r = await run(['train', '--iters', '1', '--out', out, '--overwrite']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out ${out} is in use by another training run (process ${process.pid})`);
    expect(readdirSync(out)).toEqual(['.scratchnet-lock']);
  });
});
