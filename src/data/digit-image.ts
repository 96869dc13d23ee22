// Turns an arbitrary picture of a digit into an MNIST-like input, the way the MNIST
// images were made: white digit on black, the digit's bounding box scaled to fit 20×20
// (keeping its aspect ratio, with area averaging), placed in a 28×28 field so that its
// centre of mass sits at the centre, and pixels scaled to 0..1.
import { Tensor, type DType } from '../tensor/index.js';

/**
 * An image that cannot be read as a picture: not a valid file of its format, or pixels
 * that do not match the stated width, height and channels. The message names the problem.
 */
export class ImageFormatError extends Error {
  /** `'ImageFormatError'`, so a logged error names its class. */
  override name = 'ImageFormatError';
}

/**
 * A picture with nothing to classify: every pixel is (nearly) the same colour, so any
 * "top three" would be a guess about a blank page. {@link digitToMnist} throws it.
 *
 * @example
 * ```ts
 * try {
 *   digitToMnist(image);
 * } catch (e) {
 *   if (e instanceof NoDigitError) console.error(`no digit: ${e.message}`);
 * }
 * ```
 */
export class NoDigitError extends Error {
  /** `'NoDigitError'`, so a logged error names its class. */
  override name = 'NoDigitError';
  /**
   * @param lowest - the darkest luminance found, 0..255
   * @param highest - the lightest luminance found, 0..255
   */
  constructor(
    readonly lowest: number,
    readonly highest: number,
  ) {
    super(
      `no digit found: the image is a single colour (luminance ${lowest.toFixed(0)}` +
        `${highest - lowest >= 0.5 ? `–${highest.toFixed(0)}` : ''} of 255); ` +
        `a digit needs strokes at least ${MIN_CONTRAST} levels lighter or darker than the background`,
    );
  }
}

/** The least difference between the lightest and darkest pixel for a picture to hold a digit. */
export const MIN_CONTRAST = 16;

/** Decoded pixels of a picture of any size (from a PNG decoder, a canvas's `ImageData`, …). */
export interface RawImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) channels, row-major, 0..255 */
  channels: 1 | 2 | 3 | 4;
  /** `width · height · channels` values. */
  pixels: Uint8Array;
}

/** Luminance in 0..255, transparent pixels composited over white. */
function toGray({ width, height, channels, pixels }: RawImage): Float64Array {
  const gray = new Float64Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const p = i * channels;
    const lum = channels >= 3 ? 0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2] : pixels[p];
    const alpha = channels === 2 || channels === 4 ? pixels[p + channels - 1] / 255 : 1;
    gray[i] = lum * alpha + 255 * (1 - alpha);
  }
  return gray;
}

/** Box-filter resampling of a w×h region to tw×th: each output averages the area it covers. */
function resample(
  src: Float64Array,
  sw: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  tw: number,
  th: number,
): Float64Array {
  const out = new Float64Array(tw * th);
  const sx = w / tw;
  const sy = h / th;
  for (let ty = 0; ty < th; ty++) {
    const ya = ty * sy;
    const yb = ya + sy;
    for (let tx = 0; tx < tw; tx++) {
      const xa = tx * sx;
      const xb = xa + sx;
      let acc = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          acc += wx * wy * src[(y0 + y) * sw + x0 + x];
        }
      }
      out[ty * tw + tx] = acc / (sx * sy);
    }
  }
  return out;
}

/**
 * Turns an arbitrary picture of a digit into an MNIST-like input (1, 784) with values in 0..1,
 * the way the MNIST images were made: white digit on black (pictures with a light border are
 * inverted), the digit's bounding box scaled to fit 20×20 (keeping its aspect ratio, with area
 * averaging), placed in a 28×28 field so that its centre of mass sits at the centre.
 * `scratchnet predict` feeds PNG files through it.
 *
 * @throws {@link ImageFormatError} if the pixels do not match width × height × channels
 * @throws {@link NoDigitError} if the picture is all one colour (less than
 *   {@link MIN_CONTRAST} levels between its darkest and lightest pixel)
 *
 * @example
 * ```ts
 * import { PNG } from 'pngjs';
 * const png = PNG.sync.read(readFileSync('seven.png'));
 * const x = digitToMnist({ width: png.width, height: png.height, channels: 4, pixels: png.data });
 * argmax(net.predict(x)); // 7, if the net has learned
 * ```
 */
export function digitToMnist(image: RawImage, dtype: DType = 'float64'): Tensor {
  const { width, height, channels, pixels } = image;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1)
    throw new ImageFormatError(`digitToMnist: empty image (${width}×${height})`);
  if (![1, 2, 3, 4].includes(channels))
    throw new ImageFormatError(`digitToMnist: ${channels} channels (1 to 4 expected)`);
  if (pixels.length !== width * height * channels) {
    throw new ImageFormatError(
      `digitToMnist: ${pixels.length} bytes of pixels for a ${width}×${height} image of ${channels} channels ` +
        `(${width * height * channels} expected)`,
    );
  }
  const gray = toGray(image);
  // NOTE: a blank page has no digit, yet the net would still rank ten classes for it
  let lowest = 255;
  let highest = 0;
  for (let i = 0; i < gray.length; i++) {
    if (gray[i] < lowest) lowest = gray[i];
    if (gray[i] > highest) highest = gray[i];
  }
  if (highest - lowest < MIN_CONTRAST) throw new NoDigitError(lowest, highest);
  // MNIST digits are white on black: invert pictures whose border is mostly light
  let border = 0;
  let count = 0;
  for (let x = 0; x < width; x++)
    for (const y of [0, height - 1]) [border, count] = [border + gray[y * width + x], count + 1];
  for (let y = 0; y < height; y++)
    for (const x of [0, width - 1]) [border, count] = [border + gray[y * width + x], count + 1];
  if (border / count > 127) for (let i = 0; i < gray.length; i++) gray[i] = 255 - gray[i];
  // the digit's bounding box: pixels above a tenth of the brightest
  const peak = gray.reduce((m, v) => Math.max(m, v), 0);
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] > peak * 0.1 && peak > 0)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  const field = new Float64Array(28 * 28);
  if (x1 >= 0) {
    const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
    const scale = 20 / Math.max(w, h);
    const [tw, th] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
    const box = resample(gray, width, x0, y0, w, h, tw, th);
    // centre of mass of the scaled digit, moved to the field's centre (14, 14)
    let [mass, cx, cy] = [0, 0, 0];
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++)
        [mass, cx, cy] = [mass + box[y * tw + x], cx + x * box[y * tw + x], cy + y * box[y * tw + x]];
    const ox = Math.min(Math.max(Math.round(14 - (mass > 0 ? cx / mass : tw / 2) - 0.5), 0), 28 - tw);
    const oy = Math.min(Math.max(Math.round(14 - (mass > 0 ? cy / mass : th / 2) - 0.5), 0), 28 - th);
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++) field[(oy + y) * 28 + ox + x] = Math.min(255, box[y * tw + x]) / 255;
  }
  const data = dtype === 'float32' ? new Float32Array(field) : field;
  return new Tensor(data, [1, 784]);
}
