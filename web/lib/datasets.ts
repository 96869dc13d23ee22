// The four .gz files of MNIST or Fashion-MNIST in the browser: from the IndexedDB cache, the
// files the user picked, or the server (`scratchnet serve` puts them under data/<name>/);
// SHA-256-verified against the library's sums like the Node loader, gunzipped by the
// browser, parsed by the library's IDX parser.
import {
  DATASETS,
  FILE_NAMES,
  mnistFromIdx,
  parseIdx,
  type DatasetName,
  type IdxArray,
  type MnistData,
  type MnistPart,
} from '../../src/index.js';
import { idbGet, idbPut } from './idb.js';

export const PARTS = Object.keys(FILE_NAMES) as MnistPart[];

export class MissingDataError extends Error {
  constructor(
    readonly dataset: DatasetName,
    readonly missing: string[],
  ) {
    super(
      `${dataset}: ${missing.join(', ')} not available. Start the page with 'npx scratchnet serve' on a ` +
        `machine that has the dataset (--data DIR or SCRATCHNET_DATA), or pick or drop the four .gz files here.`,
    );
  }
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function gunzip(gz: ArrayBuffer, name: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new Error(`${name}: corrupt gzip data (${(e as Error).message})`);
  }
}

/** Which part a picked file is, by its published name (a browser's " (1)" suffix allowed). */
export function partOfFileName(fileName: string): MnistPart | undefined {
  const base = fileName.replace(/ \(\d+\)(?=\.gz$)/, '');
  return PARTS.find((p) => base === FILE_NAMES[p]);
}

export interface LoadOptions {
  /** files the user picked or dropped, by part */
  provided?: Partial<Record<MnistPart, ArrayBuffer>>;
  /** where the server's files are, relative to the page; default 'data/' */
  base?: string;
  onStatus?: (message: string) => void;
}

/** Whether the server has the dataset: `scratchnet serve` says so in data/datasets.json; other hosts are asked for the files. */
async function serverHas(dataset: DatasetName, base: string): Promise<boolean> {
  const res = await fetch(`${base}datasets.json`).catch(() => null);
  if (!res?.ok) return true;
  const has = (await res.json().catch(() => ({}))) as Record<string, boolean>;
  return has[dataset] === true;
}

/** One verified .gz file: the cache, then the user's file, then the server. */
async function loadPart(dataset: DatasetName, part: MnistPart, o: LoadOptions): Promise<ArrayBuffer | null> {
  const name = FILE_NAMES[part];
  const want = DATASETS[dataset].sha256[part];
  const key = `${dataset}/${name}`;
  const cached = await idbGet<ArrayBuffer>(key);
  if (cached && (await sha256Hex(cached)) === want) return cached;
  let gz = o.provided?.[part];
  const source = gz ? 'the picked file' : 'the server’s file';
  if (!gz) {
    if (!(await serverHas(dataset, o.base ?? 'data/'))) return null;
    o.onStatus?.(`fetching ${dataset}/${name}`);
    const res = await fetch(`${o.base ?? 'data/'}${dataset}/${name}`).catch(() => null);
    if (!res?.ok) return null;
    gz = await res.arrayBuffer();
  }
  const got = await sha256Hex(gz);
  if (got !== want) {
    // MNIST and Fashion-MNIST share their file names: say so when it is the other one's
    const other = (Object.keys(DATASETS) as DatasetName[]).find((d) => DATASETS[d].sha256[part] === got);
    throw new Error(
      other
        ? `${name}: ${source} is ${other}'s ${name}, not ${dataset}'s: choose ${other} as the dataset, or pick ${dataset}'s files`
        : `${name}: ${source} is not ${dataset}'s ${name} (SHA-256 ${got.slice(0, 12)}…, the published file's is ${want.slice(0, 12)}…): it is damaged or another file; pick the original`,
    );
  }
  await idbPut(key, gz);
  return gz;
}

/** The book's load_mnist (normalized, flattened, integer labels) in float32, in the browser. */
export async function loadDataset(dataset: DatasetName, o: LoadOptions = {}): Promise<MnistData> {
  const gz = await Promise.all(PARTS.map((p) => loadPart(dataset, p, o)));
  const missing = PARTS.filter((_, i) => gz[i] === null).map((p) => FILE_NAMES[p]);
  if (missing.length > 0) throw new MissingDataError(dataset, missing);
  o.onStatus?.(`decompressing ${dataset}`);
  const parts = {} as Record<MnistPart, IdxArray>;
  const names = {} as Record<MnistPart, string>;
  for (const [i, p] of PARTS.entries()) {
    names[p] = `${dataset}/${FILE_NAMES[p]}`;
    parts[p] = parseIdx(await gunzip(gz[i] as ArrayBuffer, names[p]), names[p]);
  }
  return mnistFromIdx(parts, names, { dtype: 'float32' });
}
