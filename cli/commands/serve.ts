// scratchnet serve: the playground (the built web/ site) and the datasets `scratchnet train`
// would find, on a local HTTP server with the cross-origin isolation headers that give the
// page's kernels their threads. Serves nothing else: no listings, nothing outside its roots.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATASETS, FILE_NAMES, locateMnist, type DatasetName } from '../../src/node.js';
import { UsageError, positiveInt } from '../usage.js';

export const SERVE_USAGE = `usage: scratchnet serve [options]

Serves the playground (train a net live, draw a digit, optimizers, backprop) and the
datasets that 'scratchnet train' would find, at http://127.0.0.1:8080/ by default.

options:
  --port N      port (default 8080; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1, this machine only)
  --data DIR    folder holding a dataset's four .gz files, or mnist/ and fashion-mnist/
                subfolders (else $SCRATCHNET_DATA, then the cache ~/.cache/scratchnet)
  --site DIR    the built site to serve (default the package's dist/web, made by
                'npm run build:web')
  --open        open the page in the default browser`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The package's root: the nearest folder above this file holding package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const defaultSiteDir = (): string => join(packageRoot(), 'dist', 'web');

const isDataset = (dir: string): boolean => Object.values(FILE_NAMES).every((f) => existsSync(join(dir, f)));

/** Which folder each dataset is served from: train's resolution, without downloading. */
export async function datasetDirs(dataDir?: string): Promise<Partial<Record<DatasetName, string>>> {
  const found: Partial<Record<DatasetName, string>> = {};
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    if (dataDir !== undefined) {
      // --data DIR: DIR/<name>/, or DIR itself for MNIST (as `train --data DIR` reads it)
      const sub = resolve(dataDir, name);
      if (isDataset(sub)) found[name] = sub;
      else if (name === 'mnist' && isDataset(resolve(dataDir))) found[name] = resolve(dataDir);
      continue;
    }
    try {
      found[name] = await locateMnist({ dataset: name, download: false });
    } catch {
      // not available: the page says what is missing
    }
  }
  return found;
}

export interface PlaygroundServerOptions {
  siteDir: string;
  datasets: Partial<Record<DatasetName, string>>;
}

/** Maps a request path to a file under the site or a dataset file, or null (404). */
export function resolveRequest(url: string, o: PlaygroundServerOptions): string | null {
  const raw = url.split('?')[0].split('#')[0];
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // NOTE: checked after decoding, so %2e%2e, %2f and %5c cannot smuggle a traversal past us
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.') || path.startsWith('//')) return null;
  const data = /^\/data\/([a-z-]+)\/([a-z0-9-]+\.gz)$/.exec(path);
  if (data) {
    const dir = o.datasets[data[1] as DatasetName];
    const known = Object.hasOwn(DATASETS, data[1]) && Object.values(FILE_NAMES).includes(data[2]);
    return dir && known ? join(dir, data[2]) : null;
  }
  const root = realpathSync(o.siteDir);
  const file = resolve(root, '.' + (path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(root + sep) || !existsSync(file)) return null;
  // a symlink inside the site must still land inside it
  const real = realpathSync(file);
  if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
  return real;
}

/** The server: GET and HEAD of the site's files and the dataset files, with COOP/COEP. */
export function playgroundServer(o: PlaygroundServerOptions): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('405\n');
      return;
    }
    if (req.url === '/data/datasets.json') {
      // which datasets this server has, so the page asks only for files that exist
      const body = JSON.stringify(Object.fromEntries(Object.keys(DATASETS).map((n) => [n, n in o.datasets])));
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.json'] });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const file = resolveRequest(req.url ?? '', o);
    if (file === null) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('404 not found\n');
      return;
    }
    const ext = extname(file);
    res.writeHead(200, {
      ...headers,
      // the .gz files are sent as they are: the page decompresses and verifies them
      'Content-Type': ext === '.gz' ? 'application/gzip' : (TYPES[ext] ?? 'application/octet-stream'),
      'Content-Length': statSync(file).size,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      site: { type: 'string' },
      open: { type: 'boolean' },
    },
  });
  const port = v.port === '0' ? 0 : positiveInt('port', v.port, 8080);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got '${v.port}'`);
  const host = v.host ?? '127.0.0.1';
  const siteDir = resolve(v.site ?? defaultSiteDir());
  if (!existsSync(join(siteDir, 'index.html'))) {
    throw new Error(
      `${siteDir} holds no built site (index.html): run 'npm run build:web'` +
        (v.site === undefined ? '' : ' or point --site at the folder it writes'),
    );
  }
  if (v.data !== undefined && !existsSync(v.data)) throw new UsageError(`--data ${v.data} does not exist`);
  const datasets = await datasetDirs(v.data);
  const server = playgroundServer({ siteDir, datasets });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        new Error(e.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use: try --port 0` : e.message),
      ),
    );
    server.listen(port, host, ok);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/`;
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    const dir = datasets[name];
    console.log(dir ? `${name}: serving ${dir}` : `${name}: not found (the page can load the files instead)`);
  }
  console.log(`scratchnet playground at ${url}  (Ctrl-C stops it)`);
  if (v.open) openBrowser(url);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('stopped');
  return 0;
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`could not open a browser (${cmd}): open ${url} yourself`));
  child.unref();
}
