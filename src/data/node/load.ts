// loadMnist for Node: finds the four files (explicit folder, $SCRATCHNET_DATA, the user
// cache, else a verified download into the cache), gunzips and parses them.
import { constants as buffer } from 'node:buffer';
import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { FILE_NAMES, datasetInfo, type DatasetName, type MnistPart } from '../datasets.js';
import { IDX_IMAGES, IdxFormatError, idxByteLength, parseIdx, type IdxArray } from '../idx.js';
import type { DType } from '../../tensor/index.js';
import { mnistFromIdx, storageForImageFile, type MnistData, type MnistOptions } from '../mnist.js';
import { downloadVerified, type DownloadProgress } from './download.js';

/** Options of {@link loadMnist}: the book's three flags and a dtype, plus where the files come from. */
export interface LoadMnistOptions extends MnistOptions {
  /** `'mnist'` (default) or `'fashion-mnist'`. */
  dataset?: DatasetName;
  /** a folder holding this dataset's four .gz files (the CLI's --data DIR) */
  dataDir?: string;
  /** where downloads are cached; default ~/.cache/scratchnet (or $XDG_CACHE_HOME/scratchnet) */
  cacheDir?: string;
  /** mirrors to download from, overriding the built-in list (tests use a local server) */
  mirrors?: string[];
  /** SHA-256 sums of the files at `mirrors`, overriding the published ones (tests serve synthetic files) */
  sha256?: Partial<Record<MnistPart, string>>;
  /** false: never download, fail with instructions instead */
  download?: boolean;
  /** Called as each downloaded chunk arrives. */
  onProgress?: (p: DownloadProgress) => void;
}

/** The cache folder: `$XDG_CACHE_HOME/scratchnet`, else `~/.cache/scratchnet`. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'scratchnet');
}

const PARTS = Object.keys(FILE_NAMES) as MnistPart[];
const hasAll = (dir: string): boolean => PARTS.every((p) => existsSync(join(dir, FILE_NAMES[p])));

/**
 * The folder the four files will be read from: `dataDir` if given, else `$SCRATCHNET_DATA/<dataset>` (an
 * error if the variable is set but that folder lacks a file), else the cache, downloading the missing files
 * into it (SHA-256 checked) unless `download` is false.
 */
export async function locateMnist(opts: LoadMnistOptions = {}): Promise<string> {
  const info = datasetInfo(opts.dataset ?? 'mnist');
  if (opts.dataDir !== undefined) {
    const dir = resolve(opts.dataDir);
    const missing = PARTS.filter((p) => !existsSync(join(dir, FILE_NAMES[p])));
    if (missing.length > 0) {
      throw new Error(
        `${info.name}: ${missing.map((p) => FILE_NAMES[p]).join(', ')} not found in ${dir} (dataDir must be ` +
          `a folder holding the four .gz files of one dataset)`,
      );
    }
    return dir;
  }
  const env = process.env.SCRATCHNET_DATA;
  if (env) {
    // an explicit setting that finds nothing is an error, not a silent fall-back to the cache
    const dir = resolve(env, info.name);
    const missing = PARTS.filter((p) => !existsSync(join(dir, FILE_NAMES[p])));
    if (missing.length === 0) return dir;
    const where = !existsSync(resolve(env))
      ? `${resolve(env)} does not exist`
      : !existsSync(dir)
        ? `it has no ${info.name}/ subfolder`
        : `${dir} lacks ${missing.map((p) => FILE_NAMES[p]).join(', ')}`;
    throw new Error(
      `SCRATCHNET_DATA is set to '${env}' but ${where}: point it at a folder whose ${info.name}/ subfolder ` +
        `holds the four .gz files, or unset it to use the cache ${join(opts.cacheDir ?? defaultCacheDir(), info.name)}`,
    );
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
        opts.sha256?.[part] ?? info.sha256[part],
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
    `${name}: missing ${files}. Pass loadMnist the option dataDir (a folder holding the four .gz files), ` +
    `or set SCRATCHNET_DATA to a folder with a ${name}/ subfolder, or place them in ${cache}.`
  );
}

// Decompressed bytes allowed beyond the size the IDX header implies, so that a little
// surplus is still reported by parseIdx as 'unexpected bytes after the data'.
const INFLATE_SLACK = 4096;
// Compressed bytes inflated first to read the IDX header (at most ~4 MB of output).
const PEEK = 4096;

/** Reads one file whole; a folder or an unreadable path is named in the error. */
function readFile(path: string): Buffer {
  try {
    if (statSync(path).isDirectory()) throw new Error(`${path}: is a folder, expected a .gz IDX file`);
    return readFileSync(path);
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    if (code === undefined) throw e;
    throw new Error(`${path}: cannot read it (${code === 'ENOENT' ? 'no such file' : message})`);
  }
}

/**
 * Gunzips `raw`, stopping at the size its IDX header implies (plus a little slack): the
 * header comes from inflating only the first bytes, so a small file that would inflate to
 * gigabytes is refused after a few kilobytes of output.
 */
function gunzipIdx(raw: Uint8Array, path: string): Uint8Array {
  const corrupt = (e: unknown): Error =>
    new IdxFormatError(`${path}: corrupt gzip data (${(e as Error).message})`);
  const whole = raw.length <= PEEK;
  let prefix: Uint8Array;
  try {
    // Z_SYNC_FLUSH: return what the first bytes inflate to instead of failing on the cut
    prefix = gunzipSync(raw.subarray(0, PEEK), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    throw corrupt(e);
  }
  const size = idxByteLength(prefix, path);
  if (size === undefined && !whole) {
    throw new IdxFormatError(`${path}: no IDX header in the first ${PEEK} bytes of the gzip data`);
  }
  // a header claiming more than a Buffer can hold is left to parseIdx's 'truncated data'
  const limit = size === undefined ? undefined : Math.min(size + INFLATE_SLACK, buffer.MAX_LENGTH);
  try {
    return gunzipSync(raw, limit === undefined ? {} : { maxOutputLength: limit });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IdxFormatError(
        `${path}: decompresses to more than ${limit} bytes, but its IDX header implies ${size}: ` +
          `refused without inflating the rest`,
      );
    }
    throw corrupt(e);
  }
}

/** Reads, gunzips and parses one IDX `.gz` file, naming it in every error. */
export function readIdxGz(path: string): IdxArray {
  const raw = readFile(path);
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) {
    throw new IdxFormatError(`${path}: not a gzip file (expected a .gz IDX file as published)`);
  }
  return parseIdx(gunzipIdx(raw, path), path);
}

/**
 * readIdxGz for an image file, decompressing it straight into the end of the storage its
 * float tensor will take (storageForImageFile), where mnistFromIdx converts it in place: the
 * 47 MB of MNIST's training pixels are never a garbage array of their own, left for a
 * garbage collection that nothing prompts once the floats are in the kernel module's memory
 * (issue 16). Anything unexpected (not images, a corrupt or oversized stream) goes to
 * readIdxGz, which then gives its result or its error exactly as always.
 */
async function readImagesGz(path: string, dtype: DType): Promise<IdxArray> {
  const file = await inflateIntoStorage(path, dtype).catch(() => null);
  return file ? parseIdx(file, path) : readIdxGz(path);
}

// The whole image file, inflated into storageForImageFile's view; null if it is not an
// image file of the size its header and gzip trailer give (or too small to place). Throws
// zlib's errors.
async function inflateIntoStorage(path: string, dtype: DType): Promise<Uint8Array | null> {
  // the file's first bytes and its last four, read on their own: the rest is streamed, so
  // the compressed file is no garbage array either
  const [head, tail] = [Buffer.alloc(PEEK), Buffer.alloc(4)];
  const fd = openSync(path, 'r');
  let headBytes: number;
  try {
    headBytes = readSync(fd, head, 0, PEEK, 0);
    const length = fstatSync(fd).size;
    if (length < 4 || readSync(fd, tail, 0, 4, length - 4) !== 4) return null;
  } finally {
    closeSync(fd);
  }
  const prefix = gunzipSync(head.subarray(0, headBytes), { finishFlush: constants.Z_SYNC_FLUSH });
  const size = idxByteLength(prefix, path);
  const header = 16; // an image file's: magic and three dimensions
  const images =
    prefix.length >= 4 && new DataView(prefix.buffer).getUint32(prefix.byteOffset) === IDX_IMAGES;
  // gzip's trailer gives the inflated size (mod 2³²): storage is reserved only for a size it
  // confirms, never on a header's word alone (a small file claiming gigabytes)
  const placeable = size !== undefined && images && tail.readUInt32LE(0) === size % 2 ** 32;
  const file = placeable ? storageForImageFile(dtype, size - header, size) : null;
  if (!file) return null;
  let at = 0;
  const [source, gunzip] = [createReadStream(path), createGunzip()];
  source.on('error', (e) => gunzip.destroy(e)); // a read error ends the loop below with it
  try {
    for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
      if (at + chunk.length > file.length) return null;
      file.set(chunk, at);
      at += chunk.length;
    }
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return at === file.length ? file : null;
}

/**
 * The book's `load_mnist` (book §3.6.1, dataset/mnist.py) for Node: train and test images and labels
 * as tensors. Finds the four files (see {@link locateMnist}), downloading and caching them on first use.
 *
 * @example
 * ```ts
 * import { loadMnist } from 'scratchnet/node';
 * const { xTrain, tTrain, xTest, tTest } = await loadMnist({ normalize: true, oneHotLabel: true });
 * xTrain.shape; // [60000, 784]
 * tTrain.shape; // [60000, 10]
 * ```
 */
export async function loadMnist(opts: LoadMnistOptions = {}): Promise<MnistData> {
  const dir = await locateMnist(opts);
  const names = Object.fromEntries(PARTS.map((p) => [p, join(dir, FILE_NAMES[p])])) as Record<
    MnistPart,
    string
  >;
  const dtype = opts.dtype ?? 'float64'; // mnistFromIdx's default
  const parts = {} as Record<MnistPart, IdxArray>;
  for (const p of PARTS)
    parts[p] = p.endsWith('Images') ? await readImagesGz(names[p], dtype) : readIdxGz(names[p]);
  return mnistFromIdx(parts, names, opts);
}
