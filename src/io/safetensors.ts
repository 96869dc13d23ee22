// The safetensors format, pure bytes in and out: an 8-byte little-endian header length,
// a JSON header naming each tensor's dtype, shape and byte range, then the raw
// little-endian data. Readable by the safetensors libraries of other ecosystems.
import { Tensor, formatShape } from '../tensor/index.js';

const DTYPES = { F32: 4, F64: 8 } as const;

/** The contents of a safetensors file: named tensors and string metadata. */
export interface SafetensorsFile {
  /** The tensors by name. */
  tensors: Record<string, Tensor>;
  /** string → string, as the format requires */
  metadata: Record<string, string>;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes tensors as a safetensors file (float32 → F32, float64 → F64): an 8-byte little-endian
 * header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
 * little-endian data. Readable by the safetensors libraries of other ecosystems (Python's
 * `safetensors.numpy.load_file`). A pure function: bytes out, no file I/O.
 *
 * @example
 * ```ts
 * const bytes = encodeSafetensors({ W1: net.params.W1 }, { note: 'hello' });
 * decodeSafetensors(bytes).tensors.W1.shape; // net.params.W1.shape
 * ```
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  if (!littleEndian) throw new Error('encodeSafetensors: big-endian platforms are not supported');
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const t = tensors[name];
    const bytes = t.data.byteLength;
    header[name] = {
      dtype: t.dtype === 'float32' ? 'F32' : 'F64',
      shape: t.shape,
      data_offsets: [offset, offset + bytes],
    };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // pad with spaces so the data starts 8-byte aligned, as the reference writer does
  const headerBytes = new TextEncoder().encode(
    JSON.stringify(header) + ' '.repeat((8 - ((8 + json.length) % 8)) % 8),
  );
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
    at += d.byteLength;
  }
  return out;
}

/**
 * A file that is not a valid safetensors file (or, for {@link deserializeNet}, not a valid
 * scratchnet model): the message names the file and what is wrong with it.
 *
 * @example
 * ```ts
 * try {
 *   decodeSafetensors(bytes, 'model.safetensors');
 * } catch (e) {
 *   if (e instanceof SafetensorsError) console.error(e.message);
 *   else throw e;
 * }
 * ```
 */
export class SafetensorsError extends Error {
  /** `'SafetensorsError'`, so a logged error names its class. */
  override name = 'SafetensorsError';
}

/** The format's limit on the JSON header (the reference implementation's MAX_HEADER_SIZE). */
export const SAFETENSORS_MAX_HEADER = 100_000_000;

/** One tensor's entry in a safetensors header, checked but not yet read. */
export interface SafetensorsEntry {
  /** The element type: F32 (float32) or F64 (float64), the two scratchnet reads. */
  dtype: 'F32' | 'F64';
  /** The tensor's shape, as in the header. */
  shape: number[];
  /** Where the tensor's bytes start within the data section. */
  begin: number;
  /** Where they end (exclusive): `end − begin` is the element size × the shape's product. */
  end: number;
}

/** A validated safetensors header: where every tensor lies, and the metadata. */
export interface SafetensorsHeader {
  /** Every tensor's entry, by name. */
  entries: Record<string, SafetensorsEntry>;
  /** The header's `__metadata__` (string → string), or `{}`. */
  metadata: Record<string, string>;
  /** where the data section starts in the file (8 + the header's length) */
  dataStart: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Reads and checks a safetensors header without touching the tensors' data, following the
 * format's own rules: the header is at most 100 MB of UTF-8 JSON starting with `{`; each
 * tensor's dtype size × shape equals its byte range; sorted by offset, the ranges start at 0,
 * follow each other with no gap and no overlap, and end exactly at the end of the file.
 * Cheap whatever the file claims: nothing is allocated for the tensors.
 *
 * @param name - the file's name, in every error message
 * @throws {@link SafetensorsError} naming the file, the tensor and the offending values
 */
export function readSafetensorsHeader(bytes: Uint8Array, name = 'safetensors'): SafetensorsHeader {
  function fail(why: string): never {
    throw new SafetensorsError(`${name}: ${why}`);
  }
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes, not even a header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(SAFETENSORS_MAX_HEADER)) {
    fail(
      `not a safetensors file: header length ${declared} exceeds the format's limit of ${SAFETENSORS_MAX_HEADER} bytes`,
    );
  }
  const n = Number(declared);
  if (n > bytes.length - 8) {
    fail(`truncated or not a safetensors file: header of ${n} bytes, file has ${bytes.length}`);
  }
  if (bytes[8] !== 0x7b)
    fail(`the header is not valid JSON: it does not start with '{' (not a safetensors file?)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isRecord(header)) return fail('the header is not a JSON object');
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const rawMeta = header.__metadata__ ?? {};
  if (!isRecord(rawMeta) || !Object.values(rawMeta).every((v) => typeof v === 'string')) {
    fail('__metadata__ must map strings to strings, as the format requires');
  }
  const metadata = Object.fromEntries(Object.entries(rawMeta as Record<string, string>));
  const list: [string, SafetensorsEntry][] = [];
  for (const [key, e] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    const tensor = `tensor '${key}'`;
    if (!isRecord(e)) return fail(`${tensor} is not a JSON object`);
    if (typeof e.dtype !== 'string' || !Object.hasOwn(DTYPES, e.dtype))
      fail(`${tensor} has unsupported dtype ${JSON.stringify(e.dtype)} (F32 or F64)`);
    const size = DTYPES[e.dtype as keyof typeof DTYPES];
    const shape = e.shape;
    if (!Array.isArray(shape) || !shape.every(isCount))
      return fail(`${tensor} has an invalid shape ${JSON.stringify(shape)}`);
    // checked at every step, as the reference does, so no overflow hides behind a final 0
    let count = 1;
    for (const d of shape) {
      count *= d;
      if (!Number.isSafeInteger(count * size))
        fail(`${tensor} has shape ${JSON.stringify(shape)}, too large to be held in any file`);
    }
    const offsets = e.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every(isCount) ||
      offsets[0] > offsets[1]
    ) {
      return fail(
        `${tensor} has invalid data_offsets ${JSON.stringify(offsets)} (expected [begin, end], 0 <= begin <= end)`,
      );
    }
    const [begin, end] = offsets as [number, number];
    if (end - begin !== count * size) {
      fail(
        `${tensor} ${formatShape(shape)} ${e.dtype} needs ${count * size} bytes, ` +
          `header says [${begin}, ${end}) (${end - begin} bytes)`,
      );
    }
    list.push([key, { dtype: e.dtype as 'F32' | 'F64', shape, begin, end }]);
  }
  // the ranges, in file order, must tile the data section exactly
  list.sort(([, a], [, b]) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let previous = '';
  for (const [key, e] of list) {
    const { begin, end } = e;
    if (begin < at)
      fail(`tensor '${key}' [${begin}, ${end}) overlaps tensor '${previous}', which ends at ${at}`);
    if (begin > at) {
      fail(
        `${begin - at} bytes [${at}, ${begin}) before tensor '${key}' belong to no tensor (a gap in the data)`,
      );
    }
    if (end > dataLength) {
      fail(
        `tensor '${key}' ${formatShape(e.shape)} ${e.dtype} needs ${end - begin} bytes at [${begin}, ${end}), ` +
          `but the data holds only ${dataLength}: the file is truncated`,
      );
    }
    [at, previous] = [end, key];
  }
  if (at !== dataLength)
    fail(`${dataLength - at} trailing bytes after the last tensor's data (ends at ${at})`);
  return { entries: Object.fromEntries(list), metadata, dataStart };
}

/**
 * Parses and validates a safetensors file (see {@link readSafetensorsHeader} for the rules)
 * and copies out its tensors.
 *
 * @param name - the file's name, in every error message
 * @throws {@link SafetensorsError} for anything that breaks the format
 */
export function decodeSafetensors(bytes: Uint8Array, name = 'safetensors'): SafetensorsFile {
  const { entries, metadata, dataStart } = readSafetensorsHeader(bytes, name);
  const tensors = Object.fromEntries(
    Object.entries(entries).map(([key, e]) => {
      // copy: the file's bytes may not be aligned for a typed array view
      // (Node's Buffer.slice is a view into a shared pool, so copy through a fresh array)
      const raw = new Uint8Array(e.end - e.begin);
      raw.set(bytes.subarray(dataStart + e.begin, dataStart + e.end));
      const data = e.dtype === 'F32' ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
      return [key, new Tensor(data, e.shape)];
    }),
  );
  return { tensors, metadata };
}
