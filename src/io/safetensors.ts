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

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Parses and validates a safetensors file; `name` appears in every error. */
export function decodeSafetensors(bytes: Uint8Array, name = 'safetensors'): SafetensorsFile {
  if (bytes.length < 8)
    throw new Error(`${name}: truncated: ${bytes.length} bytes, not even a header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) {
    throw new Error(
      `${name}: truncated or not a safetensors file: header of ${n} bytes, file has ${bytes.length}`,
    );
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n))) as Record<
      string,
      unknown
    >;
  } catch (e) {
    throw new Error(`${name}: the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new Error(`${name}: the header is not a JSON object`);
  }
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: Record<string, Tensor> = {};
  let covered = 0;
  for (const [key, value] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    const e = value as HeaderEntry;
    const size = DTYPES[e?.dtype as keyof typeof DTYPES];
    if (!size)
      throw new Error(
        `${name}: tensor '${key}' has unsupported dtype ${JSON.stringify(e?.dtype)} (F32 or F64)`,
      );
    const [begin, end] = e.data_offsets ?? [];
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`${name}: tensor '${key}' has an invalid shape ${JSON.stringify(e.shape)}`);
    }
    const count = e.shape.reduce((p, d) => p * d, 1);
    if (
      !Number.isInteger(begin) ||
      !Number.isInteger(end) ||
      begin < 0 ||
      end > dataLength ||
      end - begin !== count * size
    ) {
      throw new Error(
        `${name}: tensor '${key}' ${formatShape(e.shape)} ${e.dtype} needs ${count * size} bytes, ` +
          `header says [${begin}, ${end}) of ${dataLength} data bytes`,
      );
    }
    covered += end - begin;
    // copy: the file's bytes may not be aligned for a typed array view
    // (Node's Buffer.slice is a view into a shared pool, so copy through a fresh array)
    const raw = new Uint8Array(end - begin);
    raw.set(bytes.subarray(dataStart + begin, dataStart + end));
    const data = e.dtype === 'F32' ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
    tensors[key] = new Tensor(data, e.shape);
  }
  if (covered !== dataLength) {
    throw new Error(`${name}: the header describes ${covered} data bytes but the file holds ${dataLength}`);
  }
  return { tensors, metadata };
}
