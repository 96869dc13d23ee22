// Pictures of digits from PNG files, for Node: decoded by pngjs, then prepared exactly as
// `scratchnet predict` prepares them (digitToMnist, the platform-free part).
import { readFile } from 'node:fs/promises';
import { constants, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { DType, Tensor } from '../../tensor/index.js';
import { ImageFormatError, digitToMnist, type RawImage } from '../digit-image.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** 2048×2048 pixels: far more than any picture of one digit needs (decoding costs seconds). */
export const MAX_PNG_PIXELS = 1 << 22;
/** Deflate's largest possible expansion (zlib's technical details: 1032 to 1). */
const MAX_DEFLATE_RATIO = 1032;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The image data: the IDAT chunks' contents, concatenated (as far as the file goes). */
function imageData(bytes: Uint8Array, view: DataView): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    if (view.getUint32(at + 4) === 0x49444154) parts.push(bytes.subarray(at + 8, at + 8 + length)); // 'IDAT'
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

// Adam7 interlacing: each pass's first column and row, and its steps
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** The bytes the image data must inflate to: each (pass's) row is a filter byte and its pixels. */
function inflatedSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number): number =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0;
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x, y, dx, dy]) => sum + rows(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)),
    0,
  );
}

/**
 * Decodes PNG bytes into 8-bit RGBA pixels (pngjs expands every PNG colour type to RGBA). The
 * size in the header is checked before anything is decoded: at most {@link MAX_PNG_PIXELS}, and image
 * data that inflates to exactly what the image needs (pngjs would decode missing rows from
 * uninitialised memory).
 *
 * @param name - the file's name, for the error message
 * @throws {@link ImageFormatError} naming the file and the problem
 */
export function decodePng(bytes: Uint8Array, name = 'image'): RawImage {
  // the signature, then IHDR first: length 13, 'IHDR', width and height as big-endian uint32
  const isPng = bytes.length >= 24 && SIGNATURE.every((b, i) => bytes[i] === b);
  if (!isPng || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    throw new ImageFormatError(`${name}: not a readable PNG (no PNG signature and IHDR header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  if (width === 0 || height === 0 || width * height > MAX_PNG_PIXELS) {
    throw new ImageFormatError(
      `${name}: a ${width}×${height} PNG is ${width === 0 || height === 0 ? 'empty' : 'too large'} ` +
        `(a digit's picture has 1 to ${MAX_PNG_PIXELS} pixels)`,
    );
  }
  // a few bytes cannot inflate to megabytes: refuse before pngjs pays for the pixels; and
  // image data that inflates to less than the image needs is refused here, as pngjs would
  // decode the missing rows from uninitialised memory (found by npm run fuzz)
  const channels = CHANNELS[bytes[25]];
  if (channels !== undefined) {
    const needed = inflatedSize(width, height, channels * bytes[24], bytes[28] === 1);
    const data = imageData(bytes, view);
    if (data.length * MAX_DEFLATE_RATIO + 64 < needed) {
      throw new ImageFormatError(
        `${name}: truncated PNG: ${data.length} bytes of image data cannot hold ${width}×${height} pixels`,
      );
    }
    let inflated: number;
    try {
      inflated = inflateSync(data, { maxOutputLength: needed, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (e) {
      const { code, message } = e as NodeJS.ErrnoException;
      if (code !== 'ERR_BUFFER_TOO_LARGE')
        throw new ImageFormatError(`${name}: not a readable PNG (corrupt image data: ${message})`);
      inflated = needed; // more than enough
    }
    if (inflated < needed) {
      throw new ImageFormatError(
        `${name}: truncated PNG: the image data inflates to ${inflated} bytes, a ${width}×${height} image needs ${needed}`,
      );
    }
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new ImageFormatError(`${name}: not a readable PNG (${(e as Error).message})`, { cause: e });
  }
  return { width: png.width, height: png.height, channels: 4, pixels: png.data };
}

/**
 * Reads a PNG picture of a digit and returns the 1×784 input `scratchnet predict` feeds the
 * net: white on black, fitted into 20×20, centred by mass in 28×28, pixels in 0..1.
 *
 * @param path - a PNG file of any size, dark on light or light on dark
 * @param dtype - the element type of the net it is for (`net.dtype`)
 * @example
 * ```ts
 * const net = await loadModel('runs/latest/model.safetensors');
 * const x = await loadDigitImage('seven.png', net.dtype);
 * console.log(argmax(predictProba(net, x), 1).data[0]);
 * ```
 */
export async function loadDigitImage(path: string, dtype: DType = 'float64'): Promise<Tensor> {
  return digitToMnist(decodePng(await readFile(path), path), dtype);
}
