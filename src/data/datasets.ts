// What the loader knows about each dataset: its four files, their SHA-256 sums, and
// the public mirrors they can be downloaded from (tried in order).

/** The datasets the loader knows: MNIST and Fashion-MNIST (same format, clothes instead of digits). */
export type DatasetName = 'mnist' | 'fashion-mnist';
/** The four files of an MNIST-format dataset. */
export type MnistPart = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** Each part's file name, as published (the same for MNIST and Fashion-MNIST). */
export const FILE_NAMES: Record<MnistPart, string> = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

/** What the loader knows about a dataset: its file checksums, mirrors and class names. */
export interface DatasetInfo {
  /** The dataset's name (the folder it is cached in). */
  name: DatasetName;
  /** SHA-256 of each .gz file as published */
  sha256: Record<MnistPart, string>;
  /** Base URLs to download the files from, tried in order. */
  mirrors: string[];
  /** The name of each class, by label (`'0'`…`'9'` for MNIST). */
  classes: string[];
}

/** Every known dataset by name. */
export const DATASETS: Record<DatasetName, DatasetInfo> = {
  mnist: {
    name: 'mnist',
    sha256: {
      trainImages: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
      trainLabels: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
      testImages: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
      testLabels: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    },
    mirrors: [
      'https://ossci-datasets.s3.amazonaws.com/mnist/',
      'https://storage.googleapis.com/cvdf-datasets/mnist/',
      'https://yann.lecun.com/exdb/mnist/',
    ],
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    sha256: {
      trainImages: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
      trainLabels: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
      testImages: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
      testLabels: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
    },
    mirrors: [
      'https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
      'https://storage.googleapis.com/tensorflow/tf-keras-datasets/',
    ],
    classes: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
  },
};

/** The dataset called `name`; throws naming the known ones if there is none. */
export function datasetInfo(name: string): DatasetInfo {
  if (name !== 'mnist' && name !== 'fashion-mnist') {
    throw new Error(`unknown dataset '${name}' (use 'mnist' or 'fashion-mnist')`);
  }
  return DATASETS[name];
}
