// The command line end to end: a short real training run on the shared MNIST, its
// output files, eval and predict on the saved model, and every bad-input path.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, setBackend, wasmFma } from '../src/index.js';
import { loadMnist } from '../src/node.js';
import { found, needing, writeSyntheticMnist } from './helpers/datasets.js';
import { runCli as run } from './helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// a 100-image data set for the paths that only need some data
const tiny = join(tmp, 'tiny');
writeSyntheticMnist(tiny);

describe('scratchnet info', () => {
  it('reports the backend, its SIMD, fused multiply-add and thread count as JSON', async () => {
    const r = await run(['info', '--json']);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out) as Record<string, unknown>;
    expect(info.backend).toBe('wasm');
    expect(info.backends).toEqual(['reference', 'js', 'wasm']);
    expect(info.simd).toBe(true);
    // relaxed SIMD runs on Node 20 behind V8's flag, which the kernel module sets where it can
    // reach node:v8 synchronously (process.getBuiltinModule, Node ≥ 20.16), and on Node 22 as is
    expect(info.fma).toBe(wasmFma);
    if (typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function') {
      expect(info.fma).toBe(true);
    }
    expect(info.threads).toBeGreaterThanOrEqual(1);
    // --backend switches the process's backend: back to wasm for the tests below, whatever happens
    const other = await run(['info', '--json', '--backend', 'reference']).finally(() => setBackend('wasm'));
    const reference = JSON.parse(other.out) as Record<string, unknown>;
    expect([reference.backend, reference.simd, reference.fma, reference.threads]).toEqual([
      'reference',
      false,
      false,
      1,
    ]);
  });
});

describe('a reader that closes early', () => {
  // `scratchnet eval model | head -1`: the pipe is closed before the command writes, so its first
  // write fails with EPIPE; it must end quietly (status 0, nothing on stderr), not with a stack trace
  it('ends the command quietly when stdout is closed (EPIPE)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'info'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe.skipIf(!found.mnist)(needing('mnist', 'scratchnet train'), () => {
  const dir = join(tmp, 'run');
  let summary: Record<string, unknown>;

  beforeAll(async () => {
    const r = await run(['train', '--iters', '200', '--out', dir, '--json', '--seed', '3']);
    expect(r.code, r.err).toBe(0);
    summary = JSON.parse(r.out) as Record<string, unknown>;
  });

  it('prints one JSON summary and writes every output', () => {
    expect(summary).toMatchObject({ status: 'completed', iterations: 200, out: dir });
    expect(summary.testAcc).toBeGreaterThan(0.8);
    for (const f of [
      'model.safetensors',
      'config.json',
      'metrics.json',
      'metrics.csv',
      'loss.svg',
      'accuracy.svg',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      dataset: 'mnist',
      hidden: 50,
      activation: 'relu',
      iters: 200,
      batch: 100,
      lr: 0.1,
      seed: 3,
      dtype: 'float32',
    });
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.loss).toHaveLength(200);
    expect(metrics.epochs.map((e: { iteration: number }) => e.iteration)).toEqual([0]);
    expect(metrics.final.testAcc).toBe(summary.testAcc);
    const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('iteration,loss,train_acc,test_acc');
    expect(csv).toHaveLength(201);
    expect(readFileSync(join(dir, 'loss.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(dir, 'model.safetensors')));
    expect(Object.keys(tensors).sort()).toEqual(['W1', 'W2', 'b1', 'b2']);
    expect(tensors.W1.shape).toEqual([784, 50]);
    expect(metadata).toMatchObject({
      format: 'scratchnet',
      model: 'two-layer',
      dataset: 'mnist',
      iterations: '200',
    });
  });

  it('eval reloads the model and finds the same test accuracy', async () => {
    const r = await run(['eval', join(dir, 'model.safetensors'), '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.testAcc).toBe(summary.testAcc);
    expect(e.confusion).toHaveLength(10);
    expect(e.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10000);
    const text = await run(['eval', join(dir, 'model.safetensors')]);
    expect(text.out).toMatch(/accuracy 0\.\d{4} \([\d,]+\/10,000 correct\)\n\nconfusion matrix/);
  });

  it('predict reads a PNG of a test digit, dark on light and larger than MNIST', async () => {
    const { xTest, tTest } = await loadMnist({ dtype: 'float32' });
    const png = new PNG({ width: 56, height: 56 });
    for (let y = 0; y < 56; y++) {
      for (let x = 0; x < 56; x++) {
        const v = 255 - Math.round(255 * xTest.data[Math.floor(y / 2) * 28 + Math.floor(x / 2)]);
        png.data.set([v, v, v, 255], (y * 56 + x) * 4);
      }
    }
    const file = join(tmp, 'seven.png');
    writeFileSync(file, PNG.sync.write(png));
    const r = await run(['predict', join(dir, 'model.safetensors'), file, '--json']);
    expect(r.code, r.err).toBe(0);
    const top = JSON.parse(r.out).top;
    expect(top).toHaveLength(3);
    expect(top[0].class).toBe(tTest.data[0]);
    expect(top[0].probability).toBeGreaterThan(top[1].probability);
    const bad = join(tmp, 'bad.png');
    writeFileSync(bad, 'not a png');
    const e = await run(['predict', join(dir, 'model.safetensors'), bad]);
    expect(e.code).toBe(1);
    expect(e.err).toContain(`${bad}: not a readable PNG`);
  });

  it('refuses to overwrite a previous run unless asked', async () => {
    const r = await run(['train', '--iters', '1', '--out', dir, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out ${dir} already holds a run; choose another folder or pass --overwrite`);
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).loss).toHaveLength(200);
  });

  it('stops a diverging run, naming the iteration and keeping the last good model', async () => {
    const out = join(tmp, 'nan');
    const r = await run(['train', '--iters', '300', '--lr', '1e9', '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /the loss became NaN or infinite at iteration (\d+): try a smaller learning rate than --lr 1000000000/,
    );
    const at = Number(/iteration (\d+)/.exec(r.err)![1]);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.loss).toHaveLength(at);
    expect(metrics.loss.every(Number.isFinite)).toBe(true);
    const { tensors } = decodeSafetensors(readFileSync(join(out, 'model.safetensors')));
    expect([...tensors.W1.data].every(Number.isFinite)).toBe(true);
  });
});

describe.skipIf(!found.mnist)(needing('mnist', 'chapter 6 options'), () => {
  it('trains a MultiLayerNetExtend with Adam, batch norm and dropout, and eval reloads it', async () => {
    const out = join(tmp, 'mlp');
    const args = ['train', '--model', 'mlp', '--hidden', '40,30', '--optimizer', 'adam', '--batchnorm'];
    const r = await run([
      ...args,
      '--dropout',
      '0.2',
      '--weight-decay',
      '0.001',
      '--iters',
      '60',
      '--eval-samples',
      '500',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      model: 'mlp',
      hidden: [40, 30],
      optimizer: 'adam',
      lr: 0.001,
      init: 'he',
      batchnorm: true,
      dropout: 0.2,
      weightDecay: 0.001,
      evalSamples: 500,
    });
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(out, 'model.safetensors')));
    expect(Object.keys(tensors).sort()).toEqual(
      [
        'W1',
        'W2',
        'W3',
        'b1',
        'b2',
        'b3',
        'beta1',
        'beta2',
        'gamma1',
        'gamma2',
        'running_mean1',
        'running_mean2',
        'running_var1',
        'running_var2',
      ].sort(),
    );
    expect(metadata).toMatchObject({
      model: 'mlp',
      hiddenSizeList: '40,30',
      useBatchnorm: 'true',
      useDropout: 'true',
    });
    const e = JSON.parse((await run(['eval', join(out, 'model.safetensors'), '--json'])).out);
    expect(e.testAcc).toBeGreaterThan(0.5);
    expect(summary.status).toBe('completed');
  });
});

describe('bad input exits with status 2 and names the option', () => {
  it.each([
    [['train', '--lr', '0'], "--lr must be a positive number, got '0'"],
    [['train', '--lr=-0.1'], "--lr must be a positive number, got '-0.1'"],
    [['train', '--batch', '0'], "--batch must be a positive integer, got '0'"],
    [
      ['train', '--batch', '101', '--quiet', '--data', tiny],
      '--batch 101 is larger than the 100 training images',
    ],
    [['train', '--dataset', 'cifar'], "--dataset must be one of mnist, fashion-mnist, got 'cifar'"],
    [['train', '--activation', 'tanh'], "--activation must be one of relu, sigmoid, got 'tanh'"],
    [['train', '--dtype', 'float16'], "--dtype must be one of float32, float64, got 'float16'"],
    [['train', '--iters', '2.5'], "--iters must be a positive integer, got '2.5'"],
    [['train', '--iters', '5', '--epochs', '1'], 'give --iters or --epochs, not both'],
    [['train', '--seed', '-1'], "Option '--seed' argument is ambiguous"],
    [['train', '--frobnicate'], "unknown option '--frobnicate'"],
    [
      ['train', '--optimizer', 'adamw'],
      "--optimizer must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, got 'adamw'",
    ],
    [['train', '--model', 'mlp', '--dropout', '1'], "--dropout must be a ratio in [0, 1), got '1'"],
    [['train', '--model', 'mlp', '--dropout=-0.2'], "--dropout must be a ratio in [0, 1), got '-0.2'"],
    [['train', '--model', 'mlp', '--weight-decay=-1'], "--weight-decay must be a number >= 0, got '-1'"],
    [
      ['train', '--model', 'mlp', '--hidden', ''],
      "--hidden must be a positive integer or a comma-separated list of them, got ''",
    ],
    [
      ['train', '--model', 'mlp', '--hidden', '100,,100'],
      '--hidden must be a positive integer or a comma-separated list',
    ],
    [
      ['train', '--hidden', '100,100'],
      "--hidden takes one size with --model two-layer (use --model mlp for '100,100')",
    ],
    [['train', '--batchnorm', '--dropout', '0.5'], '--batchnorm, --dropout need --model mlp'],
    [
      ['train', '--model', 'cnn'],
      "--model must be one of two-layer, mlp, simple-convnet, deep-convnet, got 'cnn'",
    ],
    [
      ['train', '--model', 'mlp', '--init', 'lecun'],
      "--init must be a positive standard deviation or one of xavier, he, sigmoid, relu, got 'lecun'",
    ],
    [['train', '--init', 'he'], '--init he needs --model mlp'],
    [['train', '--eval-samples', '0'], "--eval-samples must be a positive integer, got '0'"],
    [['info', '--backend', 'gpu'], '--backend must be one of reference, js'],
    [['eval'], 'expected one MODEL file'],
    [['predict', 'model.safetensors'], 'expected MODEL and IMAGE.png'],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('usage: scratchnet');
  });

  it('rejects an unknown command', async () => {
    const r = await run(['fly']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'fly'");
  });

  it('gives a clear error for missing, truncated and foreign model files', async () => {
    const missing = await run(['eval', join(tmp, 'nope.safetensors')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ENOENT/);
    const truncated = join(tmp, 'truncated.safetensors');
    writeFileSync(truncated, new Uint8Array(5));
    expect((await run(['eval', truncated])).err).toContain(`${truncated}: truncated: 5 bytes`);
  });
});

describe.skipIf(!found.mnist)(needing('mnist', 'Ctrl-C'), () => {
  it('stops after the current iteration and saves the model and metrics so far', async () => {
    const out = join(tmp, 'sigint');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/bin.ts', 'train', '--iters', '1000000', '--out', out],
      {
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        // once the first evaluation has printed, training is under way
        if (stdout.includes('iteration 0 (0 epochs)')) setTimeout(() => child.kill('SIGINT'), 500);
      });
      child.on('exit', resolve);
    });
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('interrupted: stopping after this iteration');
    expect(stdout).toMatch(/stopped after (\d+) iterations/);
    const n = Number(/stopped after (\d+) iterations/.exec(stdout)![1]);
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).loss).toHaveLength(n);
    expect(existsSync(join(out, 'model.safetensors'))).toBe(true);
  });
});
