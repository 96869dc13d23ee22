// Turns the four parsed IDX arrays into tensors exactly as the book's load_mnist does:
// pixels / 255 when normalized, rows of 784 when flattened (else 1×28×28), labels as
// integers or one-hot rows. Labels outside the classes and empty sets are refused here.
import { allocateLasting } from '../tensor/dtype.js';
import type { FloatArray } from '../kernels/index.js';
import { Tensor, oneHot, type DType } from '../tensor/index.js';
import type { MnistPart } from './datasets.js';
import type { IdxArray } from './idx.js';

/** MNIST and Fashion-MNIST both have ten classes, labelled 0–9. */
const CLASSES = 10;

/** The options of the book's `load_mnist` (book §3.6.1), plus the tensors' dtypes. */
export interface MnistOptions {
  /** pixels / 255 into [0, 1] (default true); else the raw 0–255 values */
  normalize?: boolean;
  /** rows of 784 (default true); else (n, 1, 28, 28) images */
  flatten?: boolean;
  /** labels as one-hot rows of 10 (default false); else class numbers */
  oneHotLabel?: boolean;
  /** the tensors' dtype (default float64, NumPy's) */
  dtype?: DType;
  /**
   * The precision of the division by 255 when normalizing (default 'float32'): the book's
   * load_mnist does `x.astype(np.float32); x /= 255.0`, so its float64 networks see float32
   * quotients widened, and so do ours by default. 'float64' gives float64 tensors the exact
   * quotient p / 255 instead (float32 tensors are the same either way).
   */
  normalizeDType?: DType;
}

/** The four tensors of MNIST, as the book's `(x_train, t_train), (x_test, t_test)`. */
export interface MnistData {
  /** Training images: (60000, 784), or (60000, 1, 28, 28) unflattened. */
  xTrain: Tensor;
  /** Training labels: (60000,) integers, or (60000, 10) one-hot. */
  tTrain: Tensor;
  /** Test images: (10000, 784), or (10000, 1, 28, 28) unflattened. */
  xTest: Tensor;
  /** Test labels: (10000,) integers, or (10000, 10) one-hot. */
  tTest: Tensor;
}

// Float storage whose last bytes a loader filled with an image file (storageForImageFile),
// until images() converts those pixels in place; held weakly, as a loader that fails
// halfway never hands its storage over.
const placed: WeakRef<FloatArray>[] = [];

/**
 * Storage for the float tensor of an image file's `pixels`, and the view of its last
 * `fileBytes` bytes that a loader decompresses the whole file into (header first), so that
 * {@link mnistFromIdx} given `parseIdx` of that view converts the pixels in place: the bytes
 * and the floats never take memory twice. null where the floats are too few bytes to hold
 * the file (then decompress it anywhere).
 * @param dtype - the dtype the tensor will have (mnistFromIdx's option)
 */
export function storageForImageFile(dtype: DType, pixels: number, fileBytes: number): Uint8Array | null {
  if (pixels * (dtype === 'float32' ? 4 : 8) < fileBytes) return null;
  const floats = allocateLasting(dtype, pixels);
  placed.push(new WeakRef(floats));
  return new Uint8Array(floats.buffer, floats.byteOffset + floats.byteLength - fileBytes, fileBytes);
}

// The storage pixels were placed in (as its last bytes) for a tensor of this dtype, if any;
// taken off the list.
function placedStorage(pixels: Uint8Array, dtype: DType): FloatArray | undefined {
  for (let i = placed.length - 1; i >= 0; i--) {
    const floats = placed[i].deref();
    if (!floats) placed.splice(i, 1);
    else if (
      floats.buffer === pixels.buffer &&
      floats.byteOffset + floats.byteLength === pixels.byteOffset + pixels.byteLength &&
      floats.length === pixels.length &&
      floats instanceof Float32Array === (dtype === 'float32')
    ) {
      placed.splice(i, 1);
      return floats;
    }
  }
  return undefined;
}

function images(
  a: IdxArray,
  name: string,
  { normalize, flatten, dtype, normalizeDType }: Required<Omit<MnistOptions, 'oneHotLabel'>>,
): Tensor {
  if (a.kind !== 'images') throw new Error(`${name}: holds labels where images were expected`);
  const [n, rows, cols] = a.dims;
  if (n === 0) throw new Error(`${name}: holds 0 images; a data set needs at least one`);
  if (rows * cols === 0) throw new Error(`${name}: images of ${rows}×${cols} pixels hold no pixels`);
  // one value per byte: the raw byte, or the book's quotient
  // NOTE: Math.fround(p / 255) is exactly NumPy's float32 division (rounding the float64
  // quotient to float32 cannot round twice wrongly for a division: 53 ≥ 2·24 + 2 bits).
  const value = Array.from({ length: 256 }, (_, p) =>
    !normalize ? p : normalizeDType === 'float32' ? Math.fround(p / 255) : p / 255,
  );
  // converted straight into the tensor's storage, in the kernel module's memory where it can
  // be (a data set is read by every batch and evaluation): no float copy on the way. Where a
  // loader placed the pixels at the storage's end, in place: front to back, each pixel is
  // read before its float is written, and float i ends at or before pixel i's byte.
  const pixels = a.data;
  const data = placedStorage(pixels, dtype) ?? allocateLasting(dtype, pixels.length);
  for (let i = 0; i < pixels.length; i++) data[i] = value[pixels[i]];
  return new Tensor(data, flatten ? [n, rows * cols] : [n, 1, rows, cols]);
}

function labels(a: IdxArray, name: string, hot: boolean, dtype: DType): Tensor {
  if (a.kind !== 'labels') throw new Error(`${name}: holds images where labels were expected`);
  const bad = a.data.findIndex((t) => t >= CLASSES);
  if (bad >= 0) {
    const count = a.data.reduce((c, t) => c + (t >= CLASSES ? 1 : 0), 0);
    throw new Error(
      `${name}: label ${a.data[bad]} at index ${bad} is not one of the ${CLASSES} classes 0–${CLASSES - 1}` +
        (count > 1 ? ` (${count} labels out of range in all)` : ''),
    );
  }
  const data = dtype === 'float32' ? new Float32Array(a.data.length) : new Float64Array(a.data.length);
  data.set(a.data);
  const t = new Tensor(data, [a.dims[0]]);
  return hot ? oneHot(t, CLASSES, dtype) : t;
}

/**
 * The book's load_mnist (dataset/mnist.py) over four parsed IDX files: checks that images
 * and labels pair up, that no set is empty and that every label is a class, then converts.
 * @param names - the file each part came from, named in every error
 */
export function mnistFromIdx(
  parts: Record<MnistPart, IdxArray>,
  names: Record<MnistPart, string>,
  {
    normalize = true,
    flatten = true,
    oneHotLabel = false,
    dtype = 'float64',
    normalizeDType = 'float32',
  }: MnistOptions = {},
): MnistData {
  for (const [img, lab] of [
    ['trainImages', 'trainLabels'],
    ['testImages', 'testLabels'],
  ] as const) {
    if (parts[img].dims[0] !== parts[lab].dims[0]) {
      throw new Error(
        `${names[img]} has ${parts[img].dims[0]} images but ${names[lab]} has ${parts[lab].dims[0]} labels`,
      );
    }
  }
  const opts = { normalize, flatten, dtype, normalizeDType };
  return {
    xTrain: images(parts.trainImages, names.trainImages, opts),
    tTrain: labels(parts.trainLabels, names.trainLabels, oneHotLabel, dtype),
    xTest: images(parts.testImages, names.testImages, opts),
    tTest: labels(parts.testLabels, names.testLabels, oneHotLabel, dtype),
  };
}
