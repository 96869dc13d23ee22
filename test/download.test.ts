// The download path against servers on 127.0.0.1 that serve a tiny synthetic MNIST (with
// the checksums computed here): faithfully, corrupted, cut off mid-file, or not at all.
// Never the internet, and no dataset needed; where the real files are found, their
// checksums are checked against the ones the library ships.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, FILE_NAMES, type DatasetName, type MnistPart } from '../src/index.js';
import { downloadVerified, loadMnist, locateMnist, sha256, type DownloadProgress } from '../src/node.js';
import { found, needing, writeSyntheticMnist, type SyntheticFile } from './helpers/datasets.js';

type Mode = 'good' | 'corrupt' | 'drop' | 'missing';
const source = mkdtempSync(join(tmpdir(), 'scratchnet-dl-src-'));
const files: Record<MnistPart, SyntheticFile> = writeSyntheticMnist(source, { train: 120, test: 30 });
const checksums = Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.sha256])) as Record<
  MnistPart,
  string
>;
const byName = new Map(Object.values(files).map((f) => [f.path.split('/').pop()!, f.bytes]));

function serve(mode: Mode): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const name = (req.url ?? '').split('/').pop() ?? '';
    hits.push(name);
    const file = byName.get(name);
    if (mode === 'missing' || !file) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = Buffer.from(file);
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
  const dirs: string[] = [source];
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
    if (savedEnv !== undefined) process.env.SCRATCHNET_DATA = savedEnv;
    for (const s of Object.values(servers)) s?.server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('downloads all four files into the cache with progress, then loads from it', async () => {
    const cacheDir = tmp();
    const progress: DownloadProgress[] = [];
    const dir = await locateMnist({
      cacheDir,
      mirrors: [servers.good!.url],
      sha256: checksums,
      onProgress: (p) => progress.push(p),
    });
    expect(dir).toBe(join(cacheDir, 'mnist'));
    expect(readdirSync(dir).sort()).toEqual(Object.values(FILE_NAMES).sort());
    for (const f of Object.values(files)) {
      const name = f.path.split('/').pop()!;
      expect(readFileSync(join(dir, name)).equals(f.bytes)).toBe(true);
    }
    const last = progress.filter((p) => p.file === FILE_NAMES.trainImages).at(-1)!;
    expect(last.received).toBe(files.trainImages.bytes.length);
    expect(last.total).toBe(files.trainImages.bytes.length);
    // a second load reads the cache and makes no request
    const before = servers.good!.hits.length;
    const d = await loadMnist({
      cacheDir,
      mirrors: [servers.good!.url],
      sha256: checksums,
      dtype: 'float32',
    });
    expect(servers.good!.hits.length).toBe(before);
    expect(d.xTrain.shape).toEqual([120, 784]);
    expect(d.xTest.shape).toEqual([30, 784]);
  });

  it('rejects a corrupt file by its checksum and caches nothing', async () => {
    const cacheDir = tmp();
    const want = checksums.trainImages;
    await expect(
      locateMnist({ cacheDir, mirrors: [servers.corrupt!.url], sha256: checksums }),
    ).rejects.toThrow(
      new RegExp(
        `could not download train-images-idx3-ubyte.gz:\\n.*checksum mismatch: SHA-256 [0-9a-f]{64}, expected ${want}`,
      ),
    );
    expect(existsSync(join(cacheDir, 'mnist')) ? readdirSync(join(cacheDir, 'mnist')) : []).toEqual([]);
  });

  it('checks the published checksums unless told otherwise', async () => {
    const cacheDir = tmp();
    await expect(locateMnist({ cacheDir, mirrors: [servers.good!.url] })).rejects.toThrow(
      `checksum mismatch: SHA-256 ${checksums.trainImages}, expected ${DATASETS.mnist.sha256.trainImages}`,
    );
  });

  it('survives a connection dropped mid-file by trying the next mirror', async () => {
    const dest = join(tmp(), 'labels.gz');
    await expect(
      downloadVerified(FILE_NAMES.trainLabels, [servers.drop!.url], checksums.trainLabels, dest),
    ).rejects.toThrow(
      /could not download train-labels-idx1-ubyte.gz:\n {2}http:\/\/127.0.0.1:\d+\/mnist\/train-labels-idx1-ubyte.gz: /,
    );
    expect(existsSync(dest)).toBe(false);
    await downloadVerified(
      FILE_NAMES.trainLabels,
      [servers.missing!.url, servers.drop!.url, servers.good!.url],
      checksums.trainLabels,
      dest,
    );
    expect(readFileSync(dest).equals(files.trainLabels.bytes)).toBe(true);
    expect(readdirSync(join(dest, '..'))).toEqual(['labels.gz']);
  });

  it('reports every mirror that failed and how to provide the files offline', async () => {
    await expect(
      locateMnist({ cacheDir: tmp(), mirrors: [servers.missing!.url, 'http://127.0.0.1:1/'] }),
    ).rejects.toThrow(
      /HTTP 404 Not Found[\s\S]*127\.0\.0\.1:1\/train-images-idx3-ubyte\.gz: fetch failed[\s\S]*Pass loadMnist the option dataDir/,
    );
  });
});

describe('the published checksums', () => {
  for (const dataset of ['mnist', 'fashion-mnist'] as DatasetName[]) {
    it.skipIf(!found[dataset])(needing(dataset, `match the ${dataset} files found`), () => {
      for (const [part, name] of Object.entries(FILE_NAMES) as [MnistPart, string][]) {
        expect(sha256(readFileSync(join(found[dataset]!, name))), name).toBe(DATASETS[dataset].sha256[part]);
      }
    });
  }
});
