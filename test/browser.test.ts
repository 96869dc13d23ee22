// The wasm kernels in a real browser: headless Chromium (Debian's, driven by playwright-core)
// loads a bundle of test/browser/page.ts from a local server that sends the cross-origin
// isolation headers, so the kernels get shared memory and two Web Workers. The page must
// run on two threads and compute what Node computes, bit for bit. Skipped, saying so,
// where no Chromium is installed (CI installs it: .ci/run).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeWorkers, wasmFma, workersReady } from '../src/node.js';
import { runWorkload, type Workload } from './browser/workload.js';

const executablePath = process.env.SCRATCHNET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium)
  console.warn(`browser tests skipped: no Chromium at ${executablePath} (SCRATCHNET_CHROMIUM)`);

describe.skipIf(!haveChromium)('in headless Chromium with Web Workers', () => {
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('./browser/page.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
    });
    const files: Record<string, [string, string]> = {
      '/': ['text/html', '<!doctype html><script type="module" src="/page.js"></script>'],
      '/page.js': ['text/javascript', bundle.outputFiles[0].text],
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) return void res.writeHead(404).end();
      // cross-origin isolation: what gives a page SharedArrayBuffer, hence threads
      res.writeHead(200, {
        'Content-Type': file[0],
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
      res.end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => server?.close());

  it('runs the kernels on two threads and computes what Node computes, bit for bit', async () => {
    const browser = await chromium.launch({
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
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(origin);
      await page.waitForFunction(() => window.scratchnetResult !== undefined, null, { timeout: 30_000 });
      const got = (await page.evaluate(() => window.scratchnetResult)) as Workload & {
        error?: string;
        crossOriginIsolated: boolean;
        started: boolean;
        threads: number;
        backend: string;
        fma: boolean;
      };
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
    } finally {
      await browser.close();
    }
  });
});
