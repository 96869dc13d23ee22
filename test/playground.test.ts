// The playground end to end in headless Chromium (Debian's, driven by playwright-core), served
// by the real `scratchnet serve` on a free port with the shared datasets: every page loads
// without console errors on two kernel threads; page 1 trains the book's net; page 2 reads a
// digit drawn with the mouse; page 3's SGD path equals the library's; page 4 shows the book's
// numbers. Screenshots go to out/playground/. Skipped, saying so, without Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILE_NAMES,
  OPTIMIZERS,
  Tensor,
  argmax,
  deserializeNet,
  numericalGradient,
  softmax,
  tensor,
} from '../src/index.js';
import { readIdxGz } from '../src/node.js';
import { found, needing } from './helpers/datasets.js';

const executablePath = process.env.SCRATCHNET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium)
  console.warn(`playground tests skipped: no Chromium at ${executablePath} (SCRATCHNET_CHROMIUM)`);

const shots = join(process.cwd(), 'out', 'playground');

let built: Promise<string> | undefined;
/** Builds the site once for every describe block of this file. */
function buildSite(): Promise<string> {
  built ??= new Promise<string>((ok, fail) => {
    const site = mkdtempSync(join(tmpdir(), 'scratchnet-site-'));
    const b = spawn(process.execPath, ['tools/build-web.mjs', site], { stdio: 'inherit' });
    b.on('exit', (code) => (code === 0 ? ok(site) : fail(new Error(`build-web exited with ${code}`))));
  });
  return built;
}

/**
 * Starts `scratchnet serve` (with `serveArgs`, e.g. --data DIR) on the built site and Chromium
 * for the calling describe block. `requests` collects the URLs every opened page asks for.
 */
function playground(serveArgs: string[] = []): {
  open(path: string): Promise<Page>;
  problems: string[];
  requests: string[];
} {
  let site = '';
  let server: ChildProcess;
  let origin = '';
  let browser: Browser;
  let context: BrowserContext;
  const problems: string[] = [];
  const requests: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('request', (req) => void requests.push(req.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        problems.push(`${path}: console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${path}: ${String(e)}`));
    await page.goto(origin + path);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    site = await buildSite();
    server = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/bin.ts', 'serve', '--port', '0', '--site', site, ...serveArgs],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    origin = await new Promise<string>((ok, fail) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /playground at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) ok(m[1]);
      });
      server.on('exit', () => fail(new Error(`serve exited: ${out}`)));
    });
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // one profile for all pages: page 2 finds page 1's model in IndexedDB, as a user's browser would
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  return { open, problems, requests };
}

afterAll(async () => {
  if (built) rmSync(await built, { recursive: true, force: true });
});

describe.skipIf(!haveChromium || !found.mnist)(
  needing('mnist', 'the playground in headless Chromium'),
  () => {
    const { open, problems, requests } = playground();
    const gzRequests = (): string[] => requests.filter((u) => u.endsWith('.gz'));

    it('loads every page without console errors, with two kernel threads', async () => {
      for (const path of ['/', '/train.html', '/draw.html', '/descent.html', '/backprop.html']) {
        const page = await open(path);
        await page.waitForSelector('#kernel-status[data-threads]', { timeout: 30_000 });
        expect([path, await page.getAttribute('#kernel-status', 'data-threads')]).toEqual([path, '2']);
        const status = await page.evaluate(() => window.scratchnetStatus);
        expect(status?.isolated).toBe(true);
        if (path === '/') await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });
        await page.close();
      }
      expect(problems).toEqual([]);
    });

    it('page 1 trains the book’s net for 300 iterations: test accuracy above 0.85, 300 loss points', async () => {
      const page = await open('/train.html');
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      await page.fill('#iters', '300');
      await page.dispatchEvent('#iters', 'change');
      await page.waitForSelector('body[data-state="idle"]');
      await page.click('#start');
      await page.waitForSelector('body[data-state="done"]', { timeout: 90_000 });
      // the charts redraw on the next frame after the final report
      await page.waitForFunction(() => document.getElementById('loss-chart')?.dataset.points === '300');
      const testAcc = Number(await page.textContent('#stat-test'));
      expect(testAcc).toBeGreaterThan(0.85);
      expect(await page.textContent('#stat-iter')).toBe('300 / 300');
      expect(await page.textContent('#grid-note')).toMatch(/^\d+ of 48 wrong \(red\)$/);
      await page.screenshot({ path: join(shots, 'train.png'), fullPage: true });
      // a reload takes the verified files from IndexedDB: no request for them
      const asked = gzRequests().length;
      await page.reload();
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      expect(await page.textContent('#status')).toMatch(/^Ready: TwoLayerNet 784-50-10/);
      expect(gzRequests().length).toBe(asked);
      await page.close();
      expect(problems).toEqual([]);
    });

    it('page 2 reads a digit drawn with the mouse, with page 1’s model', async () => {
      const page = await open('/draw.html');
      await page.waitForSelector('#model-status[data-ready="true"]', { timeout: 30_000 });
      // the model page 1 left in IndexedDB, to choose a test image it classifies correctly
      const bytes = await page.evaluate(
        () =>
          new Promise<number[]>((ok, fail) => {
            const req = indexedDB.open('scratchnet-playground', 1);
            req.onerror = () => fail(req.error);
            req.onsuccess = () => {
              const get = req.result.transaction('files').objectStore('files').get('model/latest');
              get.onsuccess = () => ok(Array.from(get.result as Uint8Array));
            };
          }),
      );
      const { net } = deserializeNet(Uint8Array.from(bytes));
      // the first 100 test images, as loadMnist gives them (only the test files are read)
      const dir = found.mnist!;
      const images = readIdxGz(join(dir, FILE_NAMES.testImages)).data.subarray(0, 100 * 784);
      const xTest = new Tensor(
        Float32Array.from(images, (v) => v / 255),
        [100, 784],
      );
      const tTest = { data: readIdxGz(join(dir, FILE_NAMES.testLabels)).data };
      const probs = softmax(net.predict(xTest));
      const pred = argmax(probs, 1).data;
      // a confidently classified digit with one stroke-friendly shape per row
      const i = [...Array(100).keys()].find(
        (k) => pred[k] === tTest.data[k] && probs.data[k * 10 + pred[k]] > 0.95,
      );
      expect(i).toBeDefined();
      const label = tTest.data[i!];
      const pad = (await page.locator('#pad').boundingBox())!;
      const cell = pad.width / 28;
      // strokes from the image: one mouse stroke per run of ink along each row
      for (let y = 0; y < 28; y++) {
        let x = 0;
        while (x < 28) {
          if (xTest.data[i! * 784 + y * 28 + x] < 0.5) {
            x++;
            continue;
          }
          const start = x;
          while (x < 28 && xTest.data[i! * 784 + y * 28 + x] >= 0.5) x++;
          await page.mouse.move(pad.x + (start + 0.5) * cell, pad.y + (y + 0.5) * cell);
          await page.mouse.down();
          await page.mouse.move(pad.x + (x - 0.5) * cell, pad.y + (y + 0.5) * cell, { steps: 3 });
          await page.mouse.up();
        }
      }
      await page
        .waitForFunction(
          (want) => document.getElementById('predictions')?.dataset.top === want,
          String(label),
          { timeout: 5_000 },
        )
        .catch(() => undefined);
      expect(await page.getAttribute('#predictions', 'data-top')).toBe(String(label));
      expect(await page.locator('#predictions li').count()).toBe(5);
      await page.screenshot({ path: join(shots, 'draw.png'), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    });

    // after page 2's test, which reads the model page 1 left in IndexedDB (this one leaves a conv net)
    it('page 1 trains SimpleConvNet with the book’s settings: 30 filters as 5×5 tiles, 30 loss points; page 2 reads with it', async () => {
      const page = await open('/train.html');
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      await page.selectOption('#net', 'simple-convnet');
      // ch07/train_convnet.py's settings
      expect([
        await page.inputValue('#optimizer'),
        await page.inputValue('#lr'),
        await page.inputValue('#batch'),
        await page.inputValue('#hidden'),
        await page.inputValue('#eval'),
      ]).toEqual(['adam', '0.001', '100', '100', '1000']);
      expect(await page.isDisabled('#batchnorm')).toBe(true);
      // a quarter of the book's batch and a fifth of its evaluation keep the test short (in
      // Chromium a step of batch 100 takes ~0.5 s here, an evaluation of 2 × 1000 images ~5 s)
      for (const [id, value] of [
        ['#batch', '25'],
        ['#eval', '200'],
      ]) {
        await page.fill(id, value);
        await page.dispatchEvent(id, 'change');
      }
      await page.fill('#iters', '30');
      await page.dispatchEvent('#iters', 'change');
      await page.waitForSelector('#tiles[data-tiles="30"]');
      expect(await page.textContent('#tiles-hint')).toBe('30 filters 5×5 (W1, fig. 7-24)');
      expect(await page.textContent('#status')).toContain('SimpleConvNet conv 30×5×5');
      await page.click('#start');
      await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
      await page.waitForFunction(() => document.getElementById('loss-chart')?.dataset.points === '30');
      expect(await page.textContent('#stat-iter')).toBe('30 / 30');
      // it learns: after 30 small batches about half of the first 200 test images are right (chance: 0.1)
      expect(Number(await page.textContent('#stat-test'))).toBeGreaterThan(0.3);
      expect(await page.textContent('#confusion-hint')).toBe('200 test images');
      // the tiles are drawn scaled up (56-pixel cells at least: 11 screen pixels per weight)
      const box = (await page.locator('#tiles').boundingBox())!;
      expect(box.height).toBeGreaterThan(100);
      await page.screenshot({ path: join(shots, 'train-convnet.png'), fullPage: true });
      await page.close();
      // page 2 takes the conv net page 1 left, and feeds it the drawing as one (1, 1, 28, 28) image
      const draw = await open('/draw.html');
      await draw.waitForSelector('#model-status[data-ready="true"]', { timeout: 30_000 });
      expect(await draw.textContent('#model-status')).toMatch(
        /^Using .*: SimpleConvNet on mnist, 30 iterations/,
      );
      const pad = (await draw.locator('#pad').boundingBox())!;
      await draw.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.2);
      await draw.mouse.down();
      await draw.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.8, { steps: 5 });
      await draw.mouse.up();
      await draw.waitForFunction(() => document.querySelectorAll('#predictions li').length === 5);
      await draw.close();
      expect(problems).toEqual([]);
    });

    it('page 3 runs SGD from (−7, 2) on x²/20 + y²: the position after 30 steps is the library’s', async () => {
      const page = await open('/descent.html');
      await page.waitForSelector('tr[data-optimizer="sgd"]');
      expect(await page.inputValue('#fn')).toBe('ellipse');
      expect([
        await page.inputValue('#x0'),
        await page.inputValue('#y0'),
        await page.inputValue('#lr-sgd'),
      ]).toEqual(['-7', '2', '0.95']);
      for (let k = 0; k < 30; k++) await page.click('#step');
      expect(await page.textContent('#steps')).toBe('30');
      const row = page.locator('tr[data-optimizer="sgd"]');
      const shown = [Number(await row.getAttribute('data-x')), Number(await row.getAttribute('data-y'))];
      // the library in Node: the same optimizer, the same numerical gradient
      const f = (x: Tensor): number => x.data[0] ** 2 / 20 + x.data[1] ** 2;
      const params = { x: tensor([-7, 2]) };
      const sgd = OPTIMIZERS.sgd.create(0.95);
      for (let k = 0; k < 30; k++) sgd.update(params, { x: numericalGradient(f, params.x) });
      expect(shown).toEqual([params.x.data[0], params.x.data[1]]);
      expect(await row.locator('td').nth(1).textContent()).toBe(params.x.data[0].toFixed(4));
      await page.screenshot({ path: join(shots, 'descent.png'), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    });

    it('page 4 shows the book’s shopping graph numbers, and follows an edited input', async () => {
      const page = await open('/backprop.html');
      const cell = (id: string): Promise<string | null> => page.textContent(`[data-testid="${id}"]`);
      expect(
        await Promise.all(
          ['fwd-apple', 'fwd-apple_num', 'fwd-orange', 'fwd-orange_num', 'fwd-tax'].map(cell),
        ),
      ).toEqual(['100', '2', '150', '3', '1.1']);
      expect(await cell('fwd-price')).toBe('715');
      expect(await Promise.all(['bwd-apple', 'bwd-orange', 'bwd-tax'].map(cell))).toEqual([
        '2.2',
        '3.3',
        '650',
      ]);
      expect(await Promise.all(['bwd-apple_num', 'bwd-orange_num'].map(cell))).toEqual(['110', '165']);
      // the graph's edge labels show the same values
      expect(await page.textContent('text[data-fwd="price"]')).toBe('715');
      expect(await page.textContent('text[data-bwd="tax"]')).toBe('650');
      await page.screenshot({ path: join(shots, 'backprop.png'), fullPage: true });
      await page.fill('#apple', '200');
      expect(await cell('fwd-price')).toBe('935');
      expect(await cell('bwd-apple_num')).toBe('220');
      await page.close();
      expect(problems).toEqual([]);
    });
  },
);

// The data from the user: a server without datasets, the four files picked in the page,
// checked and kept in IndexedDB (a fresh browser profile, so nothing is cached at first).
describe.skipIf(!haveChromium || !found.mnist)(
  needing('mnist', 'the playground’s data in the browser'),
  () => {
    // NOTE: vitest runs a skipped block's body to collect its tests, so nothing here may assume
    // the data were found (a fresh clone without them)
    const mnist = found.mnist;
    const empty = mnist ? mkdtempSync(join(tmpdir(), 'scratchnet-nodata-')) : '';
    const { open, problems, requests } = playground(['--data', empty]);
    const mnistFiles = mnist ? Object.values(FILE_NAMES).map((f) => join(mnist, f)) : [];
    afterAll(() => rmSync(empty, { recursive: true, force: true }));

    it('says what is missing, refuses a wrong file naming it, trains on the four picked files, and reloads them from IndexedDB', async () => {
      const page = await open('/train.html');
      await page.waitForSelector('#status.error', { timeout: 30_000 });
      expect(await page.textContent('#status')).toBe(
        'mnist: train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, ' +
          't10k-labels-idx1-ubyte.gz not available. Start the page with ' +
          "'npx scratchnet serve' on a machine that has the dataset (--data DIR or SCRATCHNET_DATA), " +
          'or pick or drop the four .gz files here.',
      );
      expect(await page.isDisabled('#start')).toBe(true);

      // a damaged file among the right ones: refused, by name
      const bad = join(empty, 'picked');
      mkdirSync(bad);
      const labels = join(bad, FILE_NAMES.trainLabels);
      const bytes = readFileSync(join(found.mnist!, FILE_NAMES.trainLabels));
      bytes[bytes.length - 20] ^= 0xff;
      writeFileSync(labels, bytes);
      await page.setInputFiles('#files', [
        ...mnistFiles.filter((f) => !f.endsWith(FILE_NAMES.trainLabels)),
        labels,
      ]);
      await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('damaged'));
      expect(await page.textContent('#status')).toMatch(
        /^train-labels-idx1-ubyte\.gz: the picked file is not mnist's train-labels-idx1-ubyte\.gz \(SHA-256 [0-9a-f]{12}…, the published file's is 3552534a0a55…\): it is damaged or another file; pick the original$/,
      );
      // a file that is not one of the four
      writeFileSync(join(bad, 'digits.gz'), 'x');
      await page.setInputFiles('#files', [join(bad, 'digits.gz')]);
      await page.waitForFunction(() =>
        document.getElementById('status')?.textContent?.startsWith('digits.gz'),
      );
      expect(await page.textContent('#status')).toContain('digits.gz: not one of the four files');

      // the four right files: verified, and training works
      await page.setInputFiles('#files', mnistFiles);
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      expect(await page.textContent('#status')).toMatch(/^Ready: TwoLayerNet/);
      await page.fill('#iters', '100');
      await page.dispatchEvent('#iters', 'change');
      await page.click('#start');
      await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
      await page.waitForFunction(() => document.getElementById('loss-chart')?.dataset.points === '100');
      expect(Number(await page.textContent('#stat-test'))).toBeGreaterThan(0.7);

      // a reload finds them in IndexedDB: ready without a file picked and without asking the server
      await page.reload();
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      expect(await page.textContent('#status')).toMatch(/^Ready: TwoLayerNet/);
      expect(requests.filter((u) => u.endsWith('.gz'))).toEqual([]);
      await page.close();
      expect(problems).toEqual([]);
    });
  },
);

// A measurement, not an assertion (run on demand: SCRATCHNET_PLAYGROUND_BENCH=1): iterations
// per second of the book's job on page 1 with live charts and pictures, and without, in
// alternating runs of the same page; prints the medians and their ratio. Defined only when
// asked for, so it is never a skipped test (CI fails on those).
if (haveChromium && found.mnist && process.env.SCRATCHNET_PLAYGROUND_BENCH)
  describe('the playground’s live charts', () => {
    const { open } = playground();

    it('measures what live charts cost page 1’s training speed', async () => {
      const page = await open('/train.html');
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      const iters = Number(process.env.SCRATCHNET_PLAYGROUND_BENCH_ITERS ?? 1500);
      await page.fill('#iters', String(iters));
      await page.dispatchEvent('#iters', 'change');
      const speeds: Record<'live' | 'off', number[]> = { live: [], off: [] };
      // the time live runs spend on the pictures and charts, as a share of the run: the page's
      // main thread and the worker's snapshots (competing for the same 2 cores as training)
      const shares: Record<'page' | 'worker', number[]> = { page: [], worker: [] };
      const pairs = Number(process.env.SCRATCHNET_PLAYGROUND_BENCH_PAIRS ?? 4);
      // pairs in alternating order (live, off, off, live, …) so a drift in the machine's load
      // weighs on both sides alike
      const modes = Array.from({ length: pairs }, (_, p) =>
        p % 2 === 0 ? (['live', 'off'] as const) : (['off', 'live'] as const),
      ).flat();
      for (const mode of modes) {
        await page.setChecked('#live', mode === 'live');
        await page.click('#reset');
        await page.waitForSelector('body[data-state="idle"]');
        await page.click('#start');
        await page.waitForSelector('body[data-state="done"]', { timeout: 300_000 });
        const run = await page.evaluate(() => window.scratchnetRuns!.at(-1)!);
        expect([run.iters, run.live]).toEqual([iters, mode === 'live']);
        speeds[mode].push(run.iters / run.seconds);
        if (mode === 'live') {
          shares.page.push(run.pageMs / (run.seconds * 1000));
          shares.worker.push(run.snapshotMs / (run.seconds * 1000));
        }
      }
      const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      const [live, off] = [median(speeds.live), median(speeds.off)];
      const ratios = speeds.live.map((v, p) => v / speeds.off[p]);
      console.log(
        JSON.stringify({
          iterationsPerRun: iters,
          liveItPerSec: speeds.live.map((v) => Number(v.toFixed(1))),
          offItPerSec: speeds.off.map((v) => Number(v.toFixed(1))),
          medianLive: Number(live.toFixed(1)),
          medianOff: Number(off.toFixed(1)),
          slowdown: Number((1 - live / off).toFixed(3)),
          pairRatios: ratios.map((v) => Number(v.toFixed(3))),
          medianPairSlowdown: Number((1 - median(ratios)).toFixed(3)),
          medianPageShare: Number(median(shares.page).toFixed(4)),
          medianWorkerShare: Number(median(shares.worker).toFixed(4)),
        }),
      );
      await page.close();
    }, 900_000);
  });
