// IDX parsing (the MNIST file format) as a pure function over decompressed bytes:
// a big-endian magic (2049 labels, 2051 images), one big-endian uint32 per dimension,
// then uint8 data in row-major order.

/** The magic number of an IDX label file (one dimension: n). */
export const IDX_LABELS = 2049;
/** The magic number of an IDX image file (three dimensions: n, rows, cols). */
export const IDX_IMAGES = 2051;

/** A file that is not a valid IDX file (or, read from disk, not valid gzip); the message names it. */
export class IdxFormatError extends Error {
  /** `'IdxFormatError'`, so a logged error names its class. */
  override name = 'IdxFormatError';
}

/** One parsed IDX file: its kind, its dimensions and its bytes. */
export interface IdxArray {
  /** Which of the two MNIST kinds of file this was, from its magic number. */
  kind: 'labels' | 'images';
  /** (n,) for labels, (n, rows, cols) for images */
  dims: number[];
  /** The uint8 values in row-major order (a view into the bytes given, not a copy). */
  data: Uint8Array;
}

function checkMagic(view: DataView, name: string): 'labels' | 'images' {
  const magic = view.getUint32(0);
  if (magic !== IDX_LABELS && magic !== IDX_IMAGES) {
    throw new IdxFormatError(
      `${name}: bad magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}): ` +
        `expected ${IDX_LABELS} for labels or ${IDX_IMAGES} for images`,
    );
  }
  return magic === IDX_LABELS ? 'labels' : 'images';
}

/**
 * The size in bytes of the whole IDX file that begins with `prefix`, from its magic number
 * and dimensions, or undefined when `prefix` is too short to hold the header. Lets a reader
 * stop decompressing at the size the header implies.
 * @param name - the file, named in the error for a bad magic number
 */
export function idxByteLength(prefix: Uint8Array, name: string): number | undefined {
  if (prefix.length < 4) return undefined;
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const ndim = checkMagic(view, name) === 'labels' ? 1 : 3;
  if (prefix.length < 4 + 4 * ndim) return undefined;
  let size = 1;
  for (let i = 0; i < ndim; i++) size *= view.getUint32(4 + 4 * i);
  return 4 + 4 * ndim + size;
}

/**
 * Parses an uncompressed IDX file (the format of MNIST's files; the book's dataset/mnist.py reads
 * them with NumPy): a big-endian magic (2049 labels, 2051 images), one big-endian uint32 per
 * dimension, then uint8 data. A pure function over bytes; `name` appears in every error.
 *
 * @example
 * ```ts
 * import { gunzipSync } from 'node:zlib';
 * const labels = parseIdx(gunzipSync(readFileSync('t10k-labels-idx1-ubyte.gz')), 't10k-labels');
 * labels.dims; // [10000]
 * ```
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new IdxFormatError(`${name}: still gzip-compressed; decompress it before parsing`);
  }
  if (bytes.length < 8)
    throw new IdxFormatError(`${name}: truncated: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = checkMagic(view, name);
  const ndim = kind === 'labels' ? 1 : 3;
  const header = 4 + 4 * ndim;
  if (bytes.length < header)
    throw new IdxFormatError(
      `${name}: truncated: the header needs ${header} bytes, file has ${bytes.length}`,
    );
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = dims.reduce((p, d) => p * d, 1);
  const have = bytes.length - header;
  if (have < expected) {
    throw new IdxFormatError(
      `${name}: truncated data: dimensions (${dims.join(', ')}) need ${expected} bytes, found ${have}`,
    );
  }
  if (have > expected) {
    throw new IdxFormatError(
      `${name}: ${have - expected} unexpected bytes after the data for dimensions (${dims.join(', ')})`,
    );
  }
  return { kind, dims, data: bytes.subarray(header) };
}
