// The CLI's and library's small courtesies: --version, "did you mean", errors in each
// audience's words, class names in eval's matrix, progress labels that agree with the epoch
// lines and an ETA over the whole run, a warning for unnormalized input, and figures whose
// legend covers no data and whose titles name the model and data set. No dataset needed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEta, progressFields } from '../cli/progress.js';
import { writePlots } from '../cli/run-files.js';
import { closest, editDistance } from '../cli/suggest.js';
import { inCliWords } from '../cli/wording.js';
import {
  Figure,
  RandomState,
  Trainer,
  TwoLayerNet,
  locateMnist,
  mul,
  saveModel,
  tensor,
  type TrainerWarning,
} from '../src/node.js';
import { writeSyntheticMnist } from './helpers/datasets.js';
import { runCli as run } from './helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-front-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const tiny = join(tmp, 'tiny');
writeSyntheticMnist(tiny);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('the command line', () => {
  it('prints its version', async () => {
    for (const args of [['--version'], ['-v'], ['version']])
      expect(await run(args)).toEqual({ code: 0, out: version, err: '' });
  });

  it('suggests the command or option meant', async () => {
    const cmd = await run(['trian']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toMatch(/^scratchnet: unknown command 'trian' \(did you mean 'train'\?\)\n/);
    const opt = await run(['train', '--itres', '5']);
    expect(opt.code).toBe(2);
    expect(opt.err).toMatch(
      /^scratchnet train: unknown option '--itres' \(did you mean '--iters'\?\)\n\nusage:/,
    );
    expect((await run(['eval', 'm.safetensors', '--datset', 'mnist'])).err).toContain(
      "unknown option '--datset' (did you mean '--dataset'?)",
    );
    expect((await run(['info', '--thread', '2'])).err).toContain("(did you mean '--threads'?)");
    // nothing close: no guess
    expect((await run(['fly'])).err).toMatch(/^scratchnet: unknown command 'fly'\n/);
    expect(editDistance('trian', 'train')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('--batchsize', ['--batch', '--iters'])).toBeUndefined();
  });

  it("words the library's data errors as the CLI's --data option", async () => {
    const partial = join(tmp, 'partial');
    writeSyntheticMnist(partial);
    rmSync(join(partial, 't10k-labels-idx1-ubyte.gz'));
    const r = await run(['train', '--data', partial, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      't10k-labels-idx1-ubyte.gz not found in ' +
        partial +
        ' (--data must be a folder holding the four .gz files of one dataset)',
    );
    expect(r.err).not.toContain('dataDir');
    const saved = process.env.SCRATCHNET_DATA;
    delete process.env.SCRATCHNET_DATA;
    const library = await locateMnist({ cacheDir: join(tmp, 'empty'), download: false }).catch(
      (e: Error) => e.message,
    );
    if (saved !== undefined) process.env.SCRATCHNET_DATA = saved;
    expect(library).toContain('Pass loadMnist the option dataDir (a folder holding the four .gz files)');
    expect(inCliWords(library)).toContain(
      'Provide the files with --data DIR (a folder holding the four .gz files)',
    );
  });

  it("names Fashion-MNIST's classes in eval's confusion matrix", async () => {
    const model = join(tmp, 'fashion.safetensors');
    const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 10, outputSize: 10, rng: new RandomState(0) });
    await saveModel(net, model, { dataset: 'fashion-mnist' });
    const r = await run(['eval', model, '--data', tiny]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => l.includes('Trouser'));
    expect(lines[header].trim().split(/\s+/).slice(0, 3)).toEqual(['T-shirt', 'Trouser', 'Pullove']);
    expect(lines[header + 1]).toMatch(/^0 T-shirt\/top +\d/);
    expect(lines[header + 10]).toMatch(/^9 Ankle boot +\d/);
    const mnist = join(tmp, 'mnist.safetensors');
    await saveModel(net, mnist, { dataset: 'mnist' });
    const digits = (await run(['eval', mnist, '--data', tiny])).out.split('\n');
    expect(digits.find((l) => l.startsWith('  9 '))).toBeDefined();
  });
});

describe('training progress', () => {
  const at = (iteration: number) => ({
    iteration,
    loss: 1,
    epoch: 0,
    iterationsPerEpoch: 600,
    totalIterations: 10000,
  });

  it('counts what the epoch lines count: after "iteration 600 (1 epoch)", 601 iterations and 1.00 epochs', () => {
    expect(progressFields(at(600), 60.1)).toEqual({ done: 601, epochs: '1.00', rate: '10', eta: '15m 40s' });
    expect(progressFields(at(1199), 100).epochs).toBe('2.00');
  });

  it('estimates from the first iteration, over the whole run', () => {
    // one iteration in 0.05 s: 9999 more at that rate
    expect(progressFields(at(0), 0.05)).toEqual({ done: 1, epochs: '0.00', rate: '20', eta: '8m 20s' });
    expect(progressFields(at(0), 0).eta).toBe('-');
    expect([formatEta(0), formatEta(59.4), formatEta(65), formatEta(NaN)]).toEqual([
      '0s',
      '59s',
      '1m 05s',
      '-',
    ]);
  });
});

describe('the Trainer', () => {
  const trainer = (scale: number): Trainer => {
    const rng = new RandomState(1);
    const x = mul(rng.rand(50, 784), scale);
    const t = tensor(Array.from(rng.randint(0, 10, 50)));
    const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 10, outputSize: 10, rng });
    return new Trainer({ net, xTrain: x, tTrain: t, xTest: x, tTest: t, rng, iters: 3, batchSize: 10 });
  };

  it('warns once, as an event, when the input looks unnormalized (0..255)', async () => {
    const warnings: TrainerWarning[] = [];
    await trainer(255)
      .on('warning', (w) => warnings.push(w))
      .train();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(
      /^the training input looks unnormalized: its first batch holds values up to 25\d\.\d+, where the book's nets expect pixels in 0\.\.1 \(loadMnist's normalize: true/,
    );
    const none: TrainerWarning[] = [];
    await trainer(1)
      .on('warning', (w) => none.push(w))
      .train();
    expect(none).toEqual([]);
  });
});

/** The legend's rectangle and every data point of an SVG figure, in pixels. */
function layout(svg: string): { legend: number[]; points: number[][]; plot: number[] } {
  const legend = /<g class="legend"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(
    svg,
  )!;
  const plot = /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="none"/.exec(svg)!;
  const points = [...svg.matchAll(/<polyline points="([^"]+)"/g)].flatMap((m) =>
    m[1].split(' ').map((p) => p.split(',').map(Number)),
  );
  return { legend: legend.slice(1).map(Number), points, plot: plot.slice(1).map(Number) };
}

const inside = ([x, y]: number[], [lx, ly, w, h]: number[]): boolean =>
  x >= lx && x <= lx + w && y >= ly && y <= ly + h;

describe('figures', () => {
  it('put the legend in a corner free of data: not over accuracy curves that end top right', () => {
    const epochs = Array.from({ length: 17 }, (_, i) => i);
    const acc = epochs.map((e) => 0.97 - 0.87 * Math.exp(-e));
    const svg = new Figure({ ylim: [0, 1] })
      .line(epochs, acc, { label: 'train acc', marker: 3 })
      .line(
        epochs,
        acc.map((a) => a - 0.01),
        { label: 'test acc', dash: '6 4', marker: 3 },
      )
      .toSVG();
    const { legend, points, plot } = layout(svg);
    expect(points).toHaveLength(34);
    expect(points.filter((p) => inside(p, legend))).toEqual([]);
    // bottom right: the curves fill the top, and rise steeply at the left
    expect(legend[0] + legend[2]).toBeGreaterThan(plot[0] + plot[2] - 20);
    expect(legend[1]).toBeGreaterThan(plot[1] + plot[3] / 2);
  });

  it('put it outside the plot when data fills every corner', () => {
    const xs = Array.from({ length: 200 }, (_, i) => i);
    const svg = new Figure()
      .line(
        xs,
        xs.map((x) => Math.sin(x / 3)),
        { label: 'sin' },
      )
      .line(
        xs,
        xs.map((x) => Math.cos(x / 3)),
        { label: 'cos' },
      )
      .toSVG();
    const { legend, points, plot } = layout(svg);
    expect(legend[0]).toBeGreaterThan(plot[0] + plot[2]);
    expect(points.filter((p) => inside(p, legend))).toEqual([]);
  });

  it('written by a training run, are titled with the model and data set', () => {
    const dir = join(tmp, 'plots');
    const final = { iteration: 1, epoch: 1, trainAcc: 0.5, testAcc: 0.4 };
    writePlots(
      dir,
      { loss: [2, 1], epochs: [{ ...final, iteration: 0, epoch: 0 }, final], final, wallSeconds: 1 },
      'TwoLayerNet 784-50-10 on fashion-mnist',
    );
    expect(readFileSync(join(dir, 'accuracy.svg'), 'utf8')).toContain(
      '>accuracy: TwoLayerNet 784-50-10 on fashion-mnist</text>',
    );
    expect(readFileSync(join(dir, 'loss.svg'), 'utf8')).toContain(
      '>training loss: TwoLayerNet 784-50-10 on fashion-mnist</text>',
    );
  });
});
