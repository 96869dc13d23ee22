// Turns the four parsed IDX arrays into tensors exactly as the book's load_mnist does:
// pixels / 255 when normalized, rows of 784 when flattened (else 1×28×28), labels as
// integers or one-hot rows. Labels outside the classes and empty sets are refused here.
import { allocateLasting } from '../tensor/dtype.js';
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
  // be (a data set is read by every batch and evaluation): no float copy on the way
  const data = allocateLasting(dtype, a.data.length);
  for (let i = 0; i < a.data.length; i++) data[i] = value[a.data[i]];
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
