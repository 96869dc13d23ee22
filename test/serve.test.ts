// scratchnet serve: the isolation headers and content types, a 404 for every way out of
// its roots (.., encoded dots, absolute paths, symlinks, directories), the dataset files
// byte for byte, and the real command printing its URL and stopping on SIGTERM and SIGINT (Ctrl-C).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDirs, playgroundServer } from '../cli/commands/serve.js';
import { FILE_NAMES } from '../src/index.js';
import { writeSyntheticMnist } from './helpers/datasets.js';

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-serve-'));
const site = join(tmp, 'site');
const secret = join(tmp, 'secret.txt');
// small synthetic data sets in a SCRATCHNET_DATA-like folder: data/mnist/, data/fashion-mnist/
const data = join(tmp, 'data');
const mnist = join(data, 'mnist');
writeSyntheticMnist(mnist, { seed: 1 });
writeSyntheticMnist(join(data, 'fashion-mnist'), { seed: 2 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET: the path goes out exactly as written, no client-side normalization. */
function get(port: number, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('scratchnet serve', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    mkdirSync(join(site, 'sub'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(site, 'app.js'), 'console.log(1);');
    writeFileSync(join(site, 'style.css'), 'body{}');
    writeFileSync(join(site, 'sub', 'page.html'), '<p>sub</p>');
    writeFileSync(secret, 'top secret');
    symlinkSync(secret, join(site, 'leak.txt'));
    symlinkSync(tmp, join(site, 'up'));
    symlinkSync(join(site, 'app.js'), join(site, 'alias.js'));
    server = playgroundServer({ siteDir: site, datasets: await datasetDirs(join(mnist, '..')) });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('sends the cross-origin isolation headers and the right content types', async () => {
    for (const [path, type, body] of [
      ['/', 'text/html; charset=utf-8', '<!doctype html><title>home</title>'],
      ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>home</title>'],
      ['/app.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
      ['/style.css?v=2', 'text/css; charset=utf-8', 'body{}'],
      ['/sub/page.html', 'text/html; charset=utf-8', '<p>sub</p>'],
      ['/alias.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
    ]) {
      const r = await get(port, path);
      expect([path, r.status]).toEqual([path, 200]);
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
      expect(r.headers['content-type']).toBe(type);
      expect(r.body.toString()).toBe(body);
    }
    const head = await get(port, '/app.js', 'HEAD');
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, '15', 0]);
    expect((await get(port, '/app.js', 'POST')).status).toBe(405);
  });

  it('answers 404 for everything outside its roots, and lists no folder', async () => {
    const secretPath = encodeURIComponent(secret);
    for (const path of [
      '/../secret.txt',
      '/sub/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/sub/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      `//${secret.slice(1)}`,
      `/${secretPath}`,
      secret,
      `http://127.0.0.1/${secret}`,
      '/leak.txt',
      '/up/secret.txt',
      '/sub',
      '/sub/',
      '/missing.js',
      '/%00index.html',
      '/index.html%00.js',
      '/%E0%A4%A',
      '/data/mnist/',
      '/data/mnist/README.md',
      '/data/mnist/../../mnist/t10k-labels-idx1-ubyte.gz',
      '/data/other/t10k-labels-idx1-ubyte.gz',
      '/data/fashion-mnist/t10k-labels-idx1-ubyte.gz.bak',
    ]) {
      const r = await get(port, path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body.toString()).not.toContain('top secret');
      expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
    }
    // a path without its leading slash does not even parse as a request
    expect((await get(port, 'secret.txt')).status).toBe(400);
  });

  it('serves the four files of each dataset byte for byte, as application/gzip', async () => {
    for (const dataset of ['mnist', 'fashion-mnist']) {
      for (const name of Object.values(FILE_NAMES)) {
        const r = await get(port, `/data/${dataset}/${name}`);
        expect([dataset, name, r.status]).toEqual([dataset, name, 200]);
        expect(r.headers['content-type']).toBe('application/gzip');
        expect(r.headers['content-encoding']).toBeUndefined();
        expect(r.body.equals(readFileSync(join(mnist, '..', dataset, name)))).toBe(true);
      }
    }
  });

  it('tells the page which datasets it has (data/datasets.json)', async () => {
    const r = await get(port, '/data/datasets.json');
    expect([r.status, r.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
    expect(JSON.parse(r.body.toString())).toEqual({ mnist: true, 'fashion-mnist': true });
    const none = playgroundServer({ siteDir: site, datasets: {} });
    await new Promise<void>((ok) => none.listen(0, '127.0.0.1', ok));
    const other = await get((none.address() as AddressInfo).port, '/data/datasets.json');
    none.close();
    expect(JSON.parse(other.body.toString())).toEqual({ mnist: false, 'fashion-mnist': false });
  });

  it('finds the datasets as train does: --data DIR, DIR/<name>, $SCRATCHNET_DATA', async () => {
    expect(await datasetDirs(mnist)).toEqual({ mnist });
    expect(await datasetDirs(join(mnist, '..'))).toEqual({
      mnist,
      'fashion-mnist': join(mnist, '..', 'fashion-mnist'),
    });
    expect(await datasetDirs(site)).toEqual({});
    const env = process.env.SCRATCHNET_DATA;
    process.env.SCRATCHNET_DATA = data;
    try {
      expect(await datasetDirs()).toEqual({ mnist, 'fashion-mnist': join(data, 'fashion-mnist') });
    } finally {
      if (env === undefined) delete process.env.SCRATCHNET_DATA;
      else process.env.SCRATCHNET_DATA = env;
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'runs as a command: prints the URL, serves, and stops cleanly on %s',
    async (signal) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'cli/bin.ts', 'serve', '--port', '0', '--site', site],
        { env: { ...process.env, SCRATCHNET_DATA: data }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((ok, fail) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /playground at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) ok(m[1]);
        });
        child.on('exit', () => fail(new Error(`serve exited early: ${stdout}${stderr}`)));
      });
      expect(stdout).toContain(`mnist: serving ${mnist}`);
      const r = await get(Number(new URL(url).port), '/');
      expect(r.status).toBe(200);
      const code = await new Promise<number | null>((ok) => {
        child.on('exit', (c) => ok(c));
        child.kill(signal);
      });
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toContain('stopped');
    },
  );

  it('refuses a folder with no built site, naming the fix', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'serve', '--site', tmp], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok) => child.on('exit', ok));
    expect(code).toBe(1);
    expect(stderr).toContain(`${tmp} holds no built site (index.html): run 'npm run build:web'`);
  });
});
