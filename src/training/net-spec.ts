// One plain-data description of the nets you can train (a NetSpec) and the one function that
// builds a net from it: what `scratchnet train --model …` and the playground's page 1 both use.
import {
  DeepConvNet,
  MultiLayerNetExtend,
  SimpleConvNet,
  TwoLayerNet,
  type WeightInit,
} from '../nets/index.js';
import { OPTIMIZERS, type OptimizerName } from '../optimizers/index.js';
import type { DType, RandomState } from '../tensor/index.js';
import type { SavableNet } from './checkpoint.js';

/** The trainable nets by id: the ids model files record in their `model` metadata. */
export const NET_MODELS = ['two-layer', 'mlp', 'simple-convnet', 'deep-convnet'] as const;

/** One of {@link NET_MODELS}. */
export type NetModel = (typeof NET_MODELS)[number];

/** Whether `name` is one of {@link NET_MODELS}. */
export const isNetModel = (name: string): name is NetModel =>
  (NET_MODELS as readonly string[]).includes(name);

/** Whether a model takes (N, 1, 28, 28) images rather than rows of 784 pixels (book ch. 7–8). */
export const isConvModel = (model: NetModel): boolean =>
  model === 'simple-convnet' || model === 'deep-convnet';

/** A net to build, as plain data (a command line's or a form's choices). */
export interface NetSpec {
  /** which net: one of {@link NET_MODELS} */
  model: NetModel;
  /** hidden layer sizes: one for every model but `mlp` */
  hiddenSizeList: number[];
  /** the MLPs' activation (the conv nets are ReLU); default 'relu' */
  activation?: 'relu' | 'sigmoid';
  /** initial weight scale; default {@link defaultInit} (DeepConvNet always uses He's) */
  init?: WeightInit;
  /** mlp only */
  batchnorm?: boolean;
  /** mlp only: the dropout ratio, or null/undefined for none */
  dropout?: number | null;
  /** mlp only: L2 weight decay λ (default 0) */
  weightDecay?: number;
}

/** How the book trains each net: hidden sizes, optimizer, learning rate, batch size. */
export interface NetDefaults {
  /** the book's class name */
  name: string;
  /** where the book builds and trains it */
  chapter: string;
  /** the hidden layer sizes the book uses */
  hiddenSizeList: number[];
  /** the optimizer the book trains it with */
  optimizer: OptimizerName;
  /** its learning rate */
  lr: number;
  /** the mini-batch size (100 in every job of the book) */
  batchSize: number;
}

/**
 * The book's settings per net: ch05/train_neuralnet.py (SGD lr 0.1), ch06's MLPs, ch07/train_convnet.py
 * and ch08/train_deepnet.py (Adam lr 0.001); batch 100 everywhere.
 */
export const NET_DEFAULTS: Readonly<Record<NetModel, NetDefaults>> = {
  'two-layer': {
    name: 'TwoLayerNet',
    chapter: 'ch. 5, train_neuralnet.py',
    hiddenSizeList: [50],
    optimizer: 'sgd',
    lr: 0.1,
    batchSize: 100,
  },
  mlp: {
    name: 'MultiLayerNetExtend',
    chapter: 'ch. 6, multi_layer_net_extend.py',
    hiddenSizeList: [100, 100, 100, 100],
    optimizer: 'sgd',
    lr: 0.1,
    batchSize: 100,
  },
  'simple-convnet': {
    name: 'SimpleConvNet',
    chapter: 'ch. 7, train_convnet.py',
    hiddenSizeList: [100],
    optimizer: 'adam',
    lr: 0.001,
    batchSize: 100,
  },
  'deep-convnet': {
    name: 'DeepConvNet',
    chapter: 'ch. 8, train_deepnet.py',
    hiddenSizeList: [50],
    optimizer: 'adam',
    lr: 0.001,
    batchSize: 100,
  },
};

/** The starting learning rate for an optimizer: SGD keeps train_neuralnet.py's 0.1, the others their book defaults. */
export const defaultLr = (optimizer: OptimizerName): number =>
  optimizer === 'sgd' ? 0.1 : OPTIMIZERS[optimizer].defaultLr;

/** The book's initial weight scale for a net: He or Xavier for the MLP (by activation), He for DeepConvNet, 0.01 else. */
export function defaultInit(model: NetModel, activation: 'relu' | 'sigmoid' = 'relu'): WeightInit {
  if (model === 'mlp') return activation === 'relu' ? 'he' : 'xavier';
  return model === 'deep-convnet' ? 'he' : 0.01;
}

/**
 * Builds the net a {@link NetSpec} describes, its weights drawn from `rng`.
 *
 * @param inputSize - pixels per image for the fully connected nets (784 for MNIST)
 * @example
 * ```ts
 * const net = buildNet({ model: 'simple-convnet', hiddenSizeList: [100] }, new RandomState(0));
 * net.loss(xBatch, tBatch); // xBatch (N, 1, 28, 28)
 * ```
 */
export function buildNet(
  spec: NetSpec,
  rng: RandomState,
  { inputSize = 784, dtype = 'float32' }: { inputSize?: number; dtype?: DType } = {},
): SavableNet {
  const { model, hiddenSizeList, activation = 'relu' } = spec;
  const init = spec.init ?? defaultInit(model, activation);
  const hiddenSize = hiddenSizeList[0];
  if (model !== 'mlp' && hiddenSizeList.length !== 1)
    throw new Error(`buildNet: ${model} takes one hidden size, got [${hiddenSizeList.join(', ')}]`);
  if ((model === 'two-layer' || model === 'simple-convnet') && typeof init !== 'number')
    throw new Error(
      `buildNet: ${NET_DEFAULTS[model].name} takes a standard deviation as init, got '${init}'`,
    );
  switch (model) {
    case 'simple-convnet':
      return new SimpleConvNet({ hiddenSize, weightInitStd: init as number, rng, dtype });
    case 'deep-convnet':
      return new DeepConvNet({ hiddenSize, rng, dtype });
    case 'two-layer':
      return new TwoLayerNet({
        inputSize,
        hiddenSize,
        outputSize: 10,
        activation,
        weightInitStd: init as number,
        rng,
        dtype,
      });
    case 'mlp':
      return new MultiLayerNetExtend({
        inputSize,
        hiddenSizeList,
        outputSize: 10,
        activation,
        weightInitStd: init,
        weightDecayLambda: spec.weightDecay ?? 0,
        useBatchnorm: Boolean(spec.batchnorm),
        useDropout: spec.dropout != null,
        dropoutRatio: spec.dropout ?? 0.5,
        rng,
        dtype,
      });
  }
}

/** One line naming the net and its architecture, e.g. `TwoLayerNet 784-50-10 (relu)`. */
export function describeNetSpec(spec: NetSpec, inputSize = 784): string {
  const hidden = spec.hiddenSizeList[0];
  if (spec.model === 'simple-convnet') return `SimpleConvNet conv 30×5×5 → pool 2×2 → ${hidden} → 10 (ReLU)`;
  if (spec.model === 'deep-convnet')
    return `DeepConvNet 6 conv 3×3 (16,16,32,32,64,64) → ${hidden} → 10 (ReLU, dropout 0.5)`;
  const sizes = [inputSize, ...spec.hiddenSizeList, 10].join('-');
  const dropout = spec.dropout ?? null;
  const name =
    spec.model === 'two-layer'
      ? 'TwoLayerNet'
      : spec.batchnorm || dropout !== null
        ? 'MultiLayerNetExtend'
        : 'MultiLayerNet';
  const extras = [
    spec.batchnorm && 'batch norm',
    dropout !== null && `dropout ${dropout}`,
    (spec.weightDecay ?? 0) > 0 && `weight decay ${spec.weightDecay}`,
  ].filter(Boolean);
  return `${name} ${sizes} (${spec.activation ?? 'relu'}${extras.length ? ', ' + extras.join(', ') : ''})`;
}
