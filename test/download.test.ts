// The download path against servers on 127.0.0.1 that serve the shared MNIST files:
// faithfully, corrupted, cut off mid-file, or not at all. Never the internet.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, FILE_NAMES } from '../src/index.js';
import { downloadVerified, loadMnist, locateMnist, type DownloadProgress } from '../src/node.js';

const shared = join(process.env.SCRATCHNET_DATA ?? '../shared/datasets', 'mnist');
type Mode = 'good' | 'corrupt' | 'drop' | 'missing';

function serve(mode: Mode): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const name = (req.url ?? '').split('/').pop() ?? '';
    hits.push(name);
    const path = join(shared, name);
    if (mode === 'missing' || !existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(path);
    if (mode === 'corrupt') body[Math.floor(body.length / 2)] ^= 0xff;
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/gzip' });
    if (mode === 'drop') {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mnist/`, hits }),
    ),
  );
}

describe('downloading MNIST', () => {
  const servers: Partial<Record<Mode, { server: Server; url: string; hits: string[] }>> = {};
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'scratchnet-dl-'));
    dirs.push(d);
    return d;
  };
  let savedEnv: string | undefined;

  beforeAll(async () => {
    for (const mode of ['good', 'corrupt', 'drop', 'missing'] as const) servers[mode] = await serve(mode);
    // the cache must be the only source here
    savedEnv = process.env.SCRATCHNET_DATA;
    delete process.env.SCRATCHNET_DATA;
  });
  afterAll(() => {
    process.env.SCRATCHNET_DATA = savedEnv;
    for (const s of Object.values(servers)) s?.server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('downloads all four files into the cache with progress, then loads from it', async () => {
    const cacheDir = tmp();
    const progress: DownloadProgress[] = [];
    const dir = await locateMnist({
      cacheDir,
      mirrors: [servers.good!.url],
      onProgress: (p) => progress.push(p),
    });
    expect(dir).toBe(join(cacheDir, 'mnist'));
    expect(readdirSync(dir).sort()).toEqual(Object.values(FILE_NAMES).sort());
    const last = progress.filter((p) => p.file === FILE_NAMES.trainImages).at(-1)!;
    expect(last.received).toBe(9912422);
    expect(last.total).toBe(9912422);
    // a second load reads the cache and makes no request
    const before = servers.good!.hits.length;
    const d = await loadMnist({ cacheDir, mirrors: [servers.good!.url], dtype: 'float32' });
    expect(servers.good!.hits.length).toBe(before);
    expect(d.xTest.shape).toEqual([10000, 784]);
  });

  it('rejects a corrupt file by its checksum and caches nothing', async () => {
    const cacheDir = tmp();
    await expect(locateMnist({ cacheDir, mirrors: [servers.corrupt!.url] })).rejects.toThrow(
      /could not download train-images-idx3-ubyte.gz:\n.*checksum mismatch: SHA-256 [0-9a-f]{64}, expected 440fcabf/,
    );
    expect(existsSync(join(cacheDir, 'mnist')) ? readdirSync(join(cacheDir, 'mnist')) : []).toEqual([]);
  });

  it('survives a connection dropped mid-file by trying the next mirror', async () => {
    const dest = join(tmp(), 'labels.gz');
    await expect(
      downloadVerified(FILE_NAMES.trainLabels, [servers.drop!.url], DATASETS.mnist.sha256.trainLabels, dest),
    ).rejects.toThrow(
      /could not download train-labels-idx1-ubyte.gz:\n {2}http:\/\/127.0.0.1:\d+\/mnist\/train-labels-idx1-ubyte.gz: /,
    );
    expect(existsSync(dest)).toBe(false);
    await downloadVerified(
      FILE_NAMES.trainLabels,
      [servers.missing!.url, servers.drop!.url, servers.good!.url],
      DATASETS.mnist.sha256.trainLabels,
      dest,
    );
    expect(readFileSync(dest).equals(readFileSync(join(shared, FILE_NAMES.trainLabels)))).toBe(true);
    expect(readdirSync(join(dest, '..'))).toEqual(['labels.gz']);
  });

  it('reports every mirror that failed and how to provide the files offline', async () => {
    await expect(
      locateMnist({ cacheDir: tmp(), mirrors: [servers.missing!.url, 'http://127.0.0.1:1/'] }),
    ).rejects.toThrow(
      /HTTP 404 Not Found[\s\S]*127\.0\.0\.1:1\/train-images-idx3-ubyte\.gz: fetch failed[\s\S]*Provide the files with --data DIR/,
    );
  });
});
