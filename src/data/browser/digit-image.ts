// Pictures of digits in the browser: a File or Blob (PNG, JPEG, … as the browser decodes
// them), ImageData, or a canvas, prepared by the same digitToMnist as the Node path.
import type { DType, Tensor } from '../../tensor/index.js';
import { digitToMnist, type RawImage } from '../digit-image.js';

/** What the browser's `loadDigitImage` reads: an image file, decoded pixels, or a canvas. */
export type DigitImageSource = Blob | ImageData | HTMLCanvasElement | OffscreenCanvas | ImageBitmap;

type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function pixelsOf(ctx: Canvas2D | null, width: number, height: number): RawImage {
  if (!ctx) throw new Error('loadDigitImage: the canvas has no 2D context (is it used for WebGL?)');
  return fromImageData(ctx.getImageData(0, 0, width, height));
}

function fromImageData(img: ImageData): RawImage {
  const { width, height, data } = img;
  return { width, height, channels: 4, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function drawn(source: CanvasImageSource & { width: number; height: number }): RawImage {
  const { width, height } = source;
  if (typeof OffscreenCanvas !== 'undefined') {
    const ctx = new OffscreenCanvas(width, height).getContext('2d');
    ctx?.drawImage(source, 0, 0);
    return pixelsOf(ctx, width, height);
  }
  const canvas = document.createElement('canvas');
  Object.assign(canvas, { width, height });
  const ctx = canvas.getContext('2d');
  ctx?.drawImage(source, 0, 0);
  return pixelsOf(ctx, width, height);
}

/** The RGBA pixels of any source `loadDigitImage` accepts. */
async function rawImage(source: DigitImageSource): Promise<RawImage> {
  if (typeof ImageData !== 'undefined' && source instanceof ImageData) return fromImageData(source);
  if (
    (typeof HTMLCanvasElement !== 'undefined' && source instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas !== 'undefined' && source instanceof OffscreenCanvas)
  ) {
    return pixelsOf(source.getContext('2d') as Canvas2D | null, source.width, source.height);
  }
  if (typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap) return drawn(source);
  if (source instanceof Blob) {
    // NOTE: no colour management or premultiplication, so a PNG's pixels arrive as stored
    // (as pngjs reads them in Node)
    const bitmap = await createImageBitmap(source, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
    try {
      return drawn(bitmap);
    } finally {
      bitmap.close();
    }
  }
  throw new Error('loadDigitImage: expected a File, Blob, ImageData, ImageBitmap or canvas');
}

/**
 * Prepares a picture of a digit as the 1×784 input a net trained on MNIST expects, exactly
 * as `scratchnet predict` does in Node: white on black, fitted into 20×20, centred by mass in
 * 28×28, pixels in 0..1.
 *
 * @param source - an image File/Blob (as from `<input type="file">`), ImageData, ImageBitmap, or a canvas
 * @param dtype - the element type of the net it is for (`net.dtype`)
 * @example
 * ```ts
 * const x = await loadDigitImage(canvas, net.dtype); // a canvas the user drew on
 * const probs = predictProba(net, x).data; // ten probabilities
 * ```
 */
export async function loadDigitImage(source: DigitImageSource, dtype: DType = 'float64'): Promise<Tensor> {
  return digitToMnist(await rawImage(source), dtype);
}
