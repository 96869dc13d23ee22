export { idxByteLength, parseIdx, IdxFormatError, IDX_IMAGES, IDX_LABELS, type IdxArray } from './idx.js';
export { mnistFromIdx, type MnistData, type MnistOptions } from './mnist.js';
export {
  DATASETS,
  FILE_NAMES,
  datasetInfo,
  type DatasetInfo,
  type DatasetName,
  type MnistPart,
} from './datasets.js';
export { digitToMnist, ImageFormatError, NoDigitError, MIN_CONTRAST, type RawImage } from './digit-image.js';
