// Pictures of digits from PNG files, for Node: decoded by pngjs, then prepared exactly as
// `scratchnet predict` prepares them (digitToMnist, the platform-free part).
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import type { DType, Tensor } from '../../tensor/index.js';
import { digitToMnist, type RawImage } from '../digit-image.js';

/**
 * Decodes PNG bytes into 8-bit RGBA pixels (pngjs expands every PNG colour type to RGBA).
 *
 * @param name - the file's name, for the error message
 */
export function decodePng(bytes: Uint8Array, name = 'image'): RawImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new Error(`${name}: not a readable PNG (${(e as Error).message})`);
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
