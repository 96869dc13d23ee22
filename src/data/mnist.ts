// Turns the four parsed IDX arrays into tensors exactly as the book's load_mnist does:
// pixels / 255 when normalized, rows of 784 when flattened (else 1×28×28), labels as
// integers or one-hot rows.
import { Tensor, div, oneHot, type DType } from '../tensor/index.js';
import type { MnistPart } from './datasets.js';
import type { IdxArray } from './idx.js';

export interface MnistOptions {
  normalize?: boolean;
  flatten?: boolean;
  oneHotLabel?: boolean;
  dtype?: DType;
}

export interface MnistData {
  xTrain: Tensor;
  tTrain: Tensor;
  xTest: Tensor;
  tTest: Tensor;
}

function images(a: IdxArray, name: string, normalize: boolean, flatten: boolean, dtype: DType): Tensor {
  if (a.kind !== 'images') throw new Error(`${name}: holds labels where images were expected`);
  const [n, rows, cols] = a.dims;
  const data = dtype === 'float32' ? new Float32Array(a.data.length) : new Float64Array(a.data.length);
  data.set(a.data);
  const x = new Tensor(data, flatten ? [n, rows * cols] : [n, 1, rows, cols]);
  // the book divides by 255.0; dividing (not multiplying by 1/255) keeps its exact values
  return normalize ? div(x, 255, x) : x;
}

function labels(a: IdxArray, name: string, hot: boolean, dtype: DType): Tensor {
  if (a.kind !== 'labels') throw new Error(`${name}: holds images where labels were expected`);
  const data = dtype === 'float32' ? new Float32Array(a.data.length) : new Float64Array(a.data.length);
  data.set(a.data);
  const t = new Tensor(data, [a.dims[0]]);
  return hot ? oneHot(t, 10, dtype) : t;
}

export function mnistFromIdx(
  parts: Record<MnistPart, IdxArray>,
  names: Record<MnistPart, string>,
  { normalize = true, flatten = true, oneHotLabel = false, dtype = 'float64' }: MnistOptions = {},
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
  return {
    xTrain: images(parts.trainImages, names.trainImages, normalize, flatten, dtype),
    tTrain: labels(parts.trainLabels, names.trainLabels, oneHotLabel, dtype),
    xTest: images(parts.testImages, names.testImages, normalize, flatten, dtype),
    tTest: labels(parts.testLabels, names.testLabels, oneHotLabel, dtype),
  };
}
