// The library in a real browser: headless Chromium (Debian's, driven by playwright-core)
// loads bundles of test/browser/*.ts from a local server. With the cross-origin isolation
// headers the kernels get shared memory and two Web Workers, and must compute what Node
// computes, bit for bit; without them (most static hosts) importing `scratchnet` or
// `scratchnet/browser` must not throw, training runs on one thread, and the browser's
// image and model helpers must agree with Node's. Skipped, saying so, where no Chromium is
// installed (CI installs it and requires these tests: .ci/run).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { deserializeNet, loadDigitImage, startNodeWorkers, wasmFma, workersReady } from '../src/node.js';
import { trainFew, type TrainFew } from './browser/train-few.js';
import { runWorkload, type Workload } from './browser/workload.js';

const executablePath = process.env.SCRATCHNET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium)
  console.warn(`browser tests skipped: no Chromium at ${executablePath} (SCRATCHNET_CHROMIUM)`);

interface PageState {
  error?: string;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: string;
}

describe.skipIf(!haveChromium)('in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    const bundle = async (page: string): Promise<string> => {
      const out = await build({
        entryPoints: [new URL(`./browser/${page}.ts`, import.meta.url).pathname],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
      });
      return out.outputFiles[0].text;
    };
    // [content type, body, cross-origin isolated]
    const files: Record<string, [string, string, boolean]> = {};
    for (const [path, page, isolated] of [
      ['/', 'page', true],
      ['/plain/core', 'plain-core', false],
      ['/plain/browser', 'plain-browser', false],
    ] as const) {
      const html = `<!doctype html><script type="module" src="/${page}.js"></script>`;
      files[path] = ['text/html', html, isolated];
      files[`/${page}.js`] = ['text/javascript', await bundle(page), isolated];
    }
    server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) return void res.writeHead(404).end();
      // cross-origin isolation: what gives a page SharedArrayBuffer, hence threads
      const isolation = {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      };
      res.writeHead(200, { 'Content-Type': file[0], ...(file[2] ? isolation : {}) });
      res.end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Opens a page and returns what it left on window.scratchnetResult, with any page errors. */
  async function visit<T>(path: string): Promise<{ got: T & PageState; errors: string[] }> {
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(origin + path);
      await page.waitForFunction(() => window.scratchnetResult !== undefined, null, { timeout: 30_000 });
      const got = (await page.evaluate(() => window.scratchnetResult)) as T & PageState;
      return { got, errors };
    } finally {
      await page.close();
    }
  }

  it('runs the kernels on two threads and computes what Node computes, bit for bit', async () => {
    const { got, errors } = await visit<
      Workload & { started: boolean; threads: number; backend: string; fma: boolean }
    >('/');
    expect(errors).toEqual([]);
    expect(got.error).toBeUndefined();
    expect(got.crossOriginIsolated).toBe(true);
    expect(got.started).toBe(true);
    expect(got.threads).toBe(2);
    expect(got.backend).toBe('wasm');
    // Chromium runs relaxed SIMD as is, Node 20 once the module sets V8's flag: the same build
    expect(got.fma).toBe(wasmFma);
    expect(got.splitEqualsSingle).toEqual([true, true]);
    startNodeWorkers(2);
    await workersReady();
    const want = runWorkload(2);
    expect(got.products).toEqual(want.products);
    expect(got.losses).toEqual(want.losses);
  });

  it('imports scratchnet on a page without cross-origin isolation and trains on one thread', async () => {
    const { got, errors } = await visit<TrainFew>('/plain/core');
    expect(errors).toEqual([]);
    expect(got.error).toBeUndefined();
    expect(got.crossOriginIsolated).toBe(false);
    expect(got.sharedArrayBuffer).toBe('undefined');
    expect(got.backend).toBe('wasm');
    expect(got.threads).toBe(1);
    expect(got.losses).toEqual((await trainFew(lib)).losses);
  });

  describe('scratchnet/browser on a page without cross-origin isolation', () => {
    type Helpers = TrainFew & {
      started: boolean;
      pixels: { width: number; height: number; rgba: number[] };
      digits: { canvas: number[]; imageData: number[]; blob: number[] };
      model: number[];
      probs: number[];
      loadedProbs: number[];
      fromBytesProbs: number[];
      badModel: string;
    };
    let got: Helpers & PageState;
    let errors: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'scratchnet-browser-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    beforeAll(async () => {
      ({ got, errors } = await visit<Helpers>('/plain/browser'));
    });

    it('imports, starts no workers and trains on one thread', async () => {
      expect(errors).toEqual([]);
      expect(got.error).toBeUndefined();
      expect(got.crossOriginIsolated).toBe(false);
      expect(got.started).toBe(false);
      expect([got.backend, got.threads]).toEqual(['wasm', 1]);
      expect(got.losses).toEqual((await trainFew(lib)).losses);
    });

    it('prepares a digit drawn on a canvas exactly as Node prepares the same pixels from a PNG', async () => {
      const { width, height, rgba } = got.pixels;
      const png = new PNG({ width, height });
      png.data.set(rgba);
      const file = join(dir, 'seven.png');
      writeFileSync(file, PNG.sync.write(png));
      const want = [...(await loadDigitImage(file, 'float32')).data];
      expect(want.filter((v) => v > 0.5).length).toBeGreaterThan(40); // a stroke, not a blank
      expect(got.digits.canvas).toEqual(want);
      expect(got.digits.imageData).toEqual(want);
      expect(got.digits.blob).toEqual(want);
    });

    it('saves a model to a Blob that Node reads, and loads it back from a File or bytes', async () => {
      expect(got.loadedProbs).toEqual(got.probs);
      expect(got.fromBytesProbs).toEqual(got.probs);
      expect(got.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      const { net, metadata } = deserializeNet(Uint8Array.from(got.model), 'from-browser');
      expect(metadata.dataset).toBe('mnist');
      const x = lib.tensor([got.digits.canvas], 'float32');
      expect([...lib.predictProba(net, x).data]).toEqual(got.probs);
      expect(got.badModel).toMatch(/^broken\.safetensors: /);
    });
  });
});
