// loadMnist for Node: finds the four files (explicit folder, $SCRATCHNET_DATA, the user
// cache, else a verified download into the cache), gunzips and parses them.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FILE_NAMES, datasetInfo, type DatasetName, type MnistPart } from '../datasets.js';
import { parseIdx, type IdxArray } from '../idx.js';
import { mnistFromIdx, type MnistData, type MnistOptions } from '../mnist.js';
import { downloadVerified, type DownloadProgress } from './download.js';

export interface LoadMnistOptions extends MnistOptions {
  dataset?: DatasetName;
  /** a folder holding this dataset's four .gz files (the CLI's --data DIR) */
  dataDir?: string;
  /** where downloads are cached; default ~/.cache/scratchnet (or $XDG_CACHE_HOME/scratchnet) */
  cacheDir?: string;
  /** mirrors to download from, overriding the built-in list (tests use a local server) */
  mirrors?: string[];
  /** false: never download, fail with instructions instead */
  download?: boolean;
  onProgress?: (p: DownloadProgress) => void;
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'scratchnet');
}

const PARTS = Object.keys(FILE_NAMES) as MnistPart[];
const hasAll = (dir: string): boolean => PARTS.every((p) => existsSync(join(dir, FILE_NAMES[p])));

/** The folder the files will be read from, downloading into the cache if needed. */
export async function locateMnist(opts: LoadMnistOptions = {}): Promise<string> {
  const info = datasetInfo(opts.dataset ?? 'mnist');
  if (opts.dataDir !== undefined) {
    const dir = resolve(opts.dataDir);
    const missing = PARTS.filter((p) => !existsSync(join(dir, FILE_NAMES[p])));
    if (missing.length > 0) {
      throw new Error(
        `${info.name}: ${missing.map((p) => FILE_NAMES[p]).join(', ')} not found in ${dir} (the --data folder ` +
          `must hold the four .gz files of one dataset)`,
      );
    }
    return dir;
  }
  const env = process.env.SCRATCHNET_DATA;
  if (env) {
    const dir = resolve(env, info.name);
    if (hasAll(dir)) return dir;
  }
  const cache = join(opts.cacheDir ?? defaultCacheDir(), info.name);
  if (hasAll(cache)) return cache;
  const missing = PARTS.filter((p) => !existsSync(join(cache, FILE_NAMES[p])));
  if (opts.download === false) throw new Error(missingMessage(info.name, missing, cache));
  for (const part of missing) {
    try {
      await downloadVerified(
        FILE_NAMES[part],
        opts.mirrors ?? info.mirrors,
        info.sha256[part],
        join(cache, FILE_NAMES[part]),
        {
          onProgress: opts.onProgress,
        },
      );
    } catch (e) {
      throw new Error(
        `${(e as Error).message}\n${missingMessage(info.name, missing.slice(missing.indexOf(part)), cache)}`,
      );
    }
  }
  return cache;
}

function missingMessage(name: DatasetName, missing: MnistPart[], cache: string): string {
  const files = missing.map((p) => FILE_NAMES[p]).join(', ');
  return (
    `${name}: missing ${files}. Provide the files with --data DIR (a folder holding the four .gz files), ` +
    `or set SCRATCHNET_DATA to a folder with a ${name}/ subfolder, or place them in ${cache}.`
  );
}

/** Reads, gunzips and parses one file, naming it in every error. */
export function readIdxGz(path: string): IdxArray {
  const raw = readFileSync(path);
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) {
    throw new Error(`${path}: not a gzip file (expected a .gz IDX file as published)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(raw);
  } catch (e) {
    throw new Error(`${path}: corrupt gzip data (${(e as Error).message})`);
  }
  return parseIdx(bytes, path);
}

/** The book's load_mnist: train and test images and labels as tensors. */
export async function loadMnist(opts: LoadMnistOptions = {}): Promise<MnistData> {
  const dir = await locateMnist(opts);
  const names = Object.fromEntries(PARTS.map((p) => [p, join(dir, FILE_NAMES[p])])) as Record<
    MnistPart,
    string
  >;
  const parts = Object.fromEntries(PARTS.map((p) => [p, readIdxGz(names[p])])) as Record<MnistPart, IdxArray>;
  return mnistFromIdx(parts, names, opts);
}
