// The command line with the conv nets: train --model simple-convnet|deep-convnet (the book's
// jobs as defaults), eval and predict on what it saved, and files that do not fit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../src/index.js';
import { loadMnist } from '../src/node.js';
import { found, needing } from './helpers/datasets.js';
import { runCli as run } from './helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-conv-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!found.mnist)(needing('mnist', 'scratchnet train --model simple-convnet'), () => {
  const dir = join(tmp, 'simple');

  it('trains with the book’s job (Adam 0.001, batch 100), saves the architecture; eval and predict need no flags', async () => {
    const r = await run(['train', '--model', 'simple-convnet', '--iters', '40', '--out', dir, '--json']);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ status: 'completed', iterations: 40 });
    expect(summary.testAcc).toBeGreaterThan(0.5);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      model: 'simple-convnet',
      optimizer: 'adam',
      lr: 0.001,
      batch: 100,
      evalSamples: 1000,
      hidden: 100,
      init: 0.01,
    });
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(dir, 'model.safetensors')));
    expect(tensors.W1.shape).toEqual([30, 1, 5, 5]);
    expect(tensors.W2.shape).toEqual([4320, 100]);
    expect(metadata).toMatchObject({
      format: 'scratchnet',
      model: 'simple-convnet',
      inputDim: '1,28,28',
      filterNum: '30',
      filterSize: '5',
      pad: '0',
      stride: '1',
      hiddenSize: '100',
      outputSize: '10',
      dtype: 'float32',
    });

    const e = await run(['eval', join(dir, 'model.safetensors'), '--json']);
    expect(e.code, e.err).toBe(0);
    const evaluated = JSON.parse(e.out);
    expect(evaluated).toMatchObject({ dtype: 'float32', total: 10000 });
    expect(evaluated.correct).toBe(Math.round(evaluated.testAcc * 10000));
    expect(evaluated.testAcc).toBeGreaterThan(0.5);

    const { xTest, tTest } = await loadMnist({ dtype: 'float32' });
    const png = new PNG({ width: 28, height: 28 });
    for (let i = 0; i < 784; i++) {
      const v = 255 - Math.round(255 * xTest.data[i]);
      png.data.set([v, v, v, 255], i * 4);
    }
    const image = join(tmp, 'seven.png');
    writeFileSync(image, PNG.sync.write(png));
    const p = await run(['predict', join(dir, 'model.safetensors'), image, '--json']);
    expect(p.code, p.err).toBe(0);
    expect(JSON.parse(p.out).top[0].class).toBe(tTest.data[0]);
  }, 300_000);

  // NOTE: exit 1 as for every unreadable model file (the CLI's exit statuses), not the 2 issue 14 asked for
  it('a conv model file whose tensor does not fit exits 1 naming the tensor', async () => {
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(dir, 'model.safetensors')));
    const file = join(tmp, 'misfit.safetensors');
    writeFileSync(file, encodeSafetensors({ ...tensors, W2: tensors.W3 }, metadata));
    const r = await run(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `scratchnet eval: ${file}: parameter 'W2' has shape (100,10), the architecture needs (4320,100)`,
    );
  });
});

describe('scratchnet train with a conv model: options', () => {
  it.skipIf(!found.mnist)(
    needing('mnist', 'deep-convnet runs a few iterations with its defaults'),
    async () => {
      const out = join(tmp, 'deep');
      const r = await run([
        'train',
        '--model',
        'deep-convnet',
        '--iters',
        '2',
        '--eval-samples',
        '100',
        '--out',
        out,
        '--json',
      ]);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({
        model: 'deep-convnet',
        hidden: 50,
        optimizer: 'adam',
        evalSamples: 100,
      });
      const { metadata, tensors } = decodeSafetensors(readFileSync(join(out, 'model.safetensors')));
      expect(metadata).toMatchObject({ model: 'deep-convnet', inputDim: '1,28,28', hiddenSize: '50' });
      expect(Object.keys(tensors)).toHaveLength(16);
    },
    120_000,
  );

  it.each([
    [['--model', 'simple-convnet', '--batchnorm'], '--batchnorm cannot be used with --model simple-convnet'],
    [['--model', 'deep-convnet', '--init', 'he'], '--init cannot be used with --model deep-convnet'],
    [
      ['--model', 'simple-convnet', '--init', 'he'],
      '--init he needs --model mlp (SimpleConvNet takes a standard deviation)',
    ],
    [
      ['--model', 'simple-convnet', '--hidden', '10,10'],
      "--hidden takes one size with --model simple-convnet (use --model mlp for '10,10')",
    ],
    [['--model', 'lenet'], '--model must be one of two-layer, mlp, simple-convnet, deep-convnet'],
  ])('train %j is a usage error', async (args, message) => {
    const r = await run(['train', ...args, '--out', join(tmp, 'never')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
