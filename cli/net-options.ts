// Turns train's model options into a net and an optimizer, rejecting combinations that
// do not make sense (exit 2, naming the option).
import {
  DeepConvNet,
  MultiLayerNetExtend,
  SimpleConvNet,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  TwoLayerNet,
  WEIGHT_INITS,
  isOptimizerName,
  type DType,
  type Optimizer,
  type RandomState,
  type SavableNet,
  type WeightInit,
} from '../src/node.js';
import { UsageError, oneOf } from './usage.js';

export interface ModelArgs {
  model?: string;
  hidden?: string;
  activation?: string;
  init?: string;
  batchnorm?: boolean;
  dropout?: string;
  'weight-decay'?: string;
  optimizer?: string;
  lr?: string;
}

export const MODELS = ['two-layer', 'mlp', 'simple-convnet', 'deep-convnet'] as const;
export type ModelName = (typeof MODELS)[number];

/** Whether a model takes (N, 1, 28, 28) images rather than rows of 784 pixels. */
export const isConvModel = (model: ModelName): boolean =>
  model === 'simple-convnet' || model === 'deep-convnet';

export interface ModelChoice {
  model: ModelName;
  hiddenSizeList: number[];
  activation: 'relu' | 'sigmoid';
  init: WeightInit;
  batchnorm: boolean;
  dropout: number | null;
  weightDecay: number;
  optimizer: (typeof OPTIMIZER_NAMES)[number];
  lr: number;
}

export function parseModelArgs(v: ModelArgs): ModelChoice {
  const model = oneOf('model', v.model, MODELS, 'two-layer');
  const conv = isConvModel(model);
  if (conv) {
    // the book's conv nets are fixed: ReLU, their own initial weights, no batch norm etc.
    const fixed = [
      v.activation !== undefined && '--activation',
      v.batchnorm && '--batchnorm',
      v.dropout !== undefined && '--dropout',
      v['weight-decay'] !== undefined && '--weight-decay',
      model === 'deep-convnet' && v.init !== undefined && '--init',
    ].filter(Boolean);
    if (fixed.length > 0) throw new UsageError(`${fixed.join(', ')} cannot be used with --model ${model}`);
  }
  const activation = oneOf('activation', v.activation, ['relu', 'sigmoid'] as const, 'relu');
  const defaultHidden: Record<ModelName, string> = {
    'two-layer': '50',
    mlp: '100,100,100,100',
    'simple-convnet': '100',
    'deep-convnet': '50',
  };
  const hiddenRaw = v.hidden ?? defaultHidden[model];
  const hiddenSizeList = hiddenRaw.split(',').map((s) => s.trim());
  if (hiddenSizeList.some((s) => !/^[1-9]\d*$/.test(s))) {
    throw new UsageError(
      `--hidden must be a positive integer or a comma-separated list of them, got '${hiddenRaw}'`,
    );
  }
  if (model !== 'mlp' && hiddenSizeList.length !== 1) {
    throw new UsageError(
      `--hidden takes one size with --model ${model} (use --model mlp for '${hiddenRaw}')`,
    );
  }
  let init: WeightInit =
    model === 'mlp' ? (activation === 'relu' ? 'he' : 'xavier') : model === 'deep-convnet' ? 'he' : 0.01;
  if (v.init !== undefined) {
    const n = Number(v.init);
    if ((WEIGHT_INITS as readonly string[]).includes(v.init)) init = v.init as WeightInit;
    else if (v.init.trim() !== '' && Number.isFinite(n) && n > 0) init = n;
    else
      throw new UsageError(
        `--init must be a positive standard deviation or one of ${WEIGHT_INITS.join(', ')}, got '${v.init}'`,
      );
    if ((model === 'two-layer' || model === 'simple-convnet') && typeof init !== 'number') {
      const name = model === 'two-layer' ? 'TwoLayerNet' : 'SimpleConvNet';
      throw new UsageError(`--init ${v.init} needs --model mlp (${name} takes a standard deviation)`);
    }
  }
  let dropout: number | null = null;
  if (v.dropout !== undefined) {
    dropout = Number(v.dropout);
    if (v.dropout.trim() === '' || !(dropout >= 0 && dropout < 1))
      throw new UsageError(`--dropout must be a ratio in [0, 1), got '${v.dropout}'`);
  }
  const weightDecay = v['weight-decay'] === undefined ? 0 : Number(v['weight-decay']);
  if (!(weightDecay >= 0) || v['weight-decay']?.trim() === '') {
    throw new UsageError(`--weight-decay must be a number >= 0, got '${v['weight-decay']}'`);
  }
  if (model === 'two-layer') {
    const extra = [
      v.batchnorm && '--batchnorm',
      dropout !== null && '--dropout',
      weightDecay > 0 && '--weight-decay',
    ].filter(Boolean);
    if (extra.length > 0)
      throw new UsageError(`${extra.join(', ')} need${extra.length === 1 ? 's' : ''} --model mlp`);
  }
  // the book's ch07/ch08 jobs train with Adam (lr 0.001)
  const optimizer = v.optimizer ?? (conv ? 'adam' : 'sgd');
  if (!isOptimizerName(optimizer)) {
    throw new UsageError(`--optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, got '${optimizer}'`);
  }
  // SGD keeps the book's train_neuralnet.py rate; the others start from their book defaults
  const fallbackLr = optimizer === 'sgd' ? 0.1 : OPTIMIZERS[optimizer].defaultLr;
  const lr = v.lr === undefined ? fallbackLr : Number(v.lr);
  if (v.lr !== undefined && (v.lr.trim() === '' || !Number.isFinite(lr) || lr <= 0)) {
    throw new UsageError(`--lr must be a positive number, got '${v.lr}'`);
  }
  return {
    model,
    hiddenSizeList: hiddenSizeList.map(Number),
    activation,
    init,
    batchnorm: Boolean(v.batchnorm),
    dropout,
    weightDecay,
    optimizer,
    lr,
  };
}

export function buildNet(c: ModelChoice, inputSize: number, rng: RandomState, dtype: DType): SavableNet {
  if (c.model === 'simple-convnet') {
    return new SimpleConvNet({
      hiddenSize: c.hiddenSizeList[0],
      weightInitStd: c.init as number,
      rng,
      dtype,
    });
  }
  if (c.model === 'deep-convnet') return new DeepConvNet({ hiddenSize: c.hiddenSizeList[0], rng, dtype });
  if (c.model === 'two-layer') {
    return new TwoLayerNet({
      inputSize,
      hiddenSize: c.hiddenSizeList[0],
      outputSize: 10,
      activation: c.activation,
      weightInitStd: c.init as number,
      rng,
      dtype,
    });
  }
  return new MultiLayerNetExtend({
    inputSize,
    hiddenSizeList: c.hiddenSizeList,
    outputSize: 10,
    activation: c.activation,
    weightInitStd: c.init,
    weightDecayLambda: c.weightDecay,
    useBatchnorm: c.batchnorm,
    useDropout: c.dropout !== null,
    dropoutRatio: c.dropout ?? 0.5,
    rng,
    dtype,
  });
}

export function buildOptimizer(c: ModelChoice): Optimizer {
  return OPTIMIZERS[c.optimizer].create(c.lr);
}

export function describeModel(c: ModelChoice, inputSize: number): string {
  const optimizer = `with ${OPTIMIZERS[c.optimizer].title} lr ${c.lr}`;
  if (c.model === 'simple-convnet')
    return `SimpleConvNet conv 30×5×5 → pool 2×2 → ${c.hiddenSizeList[0]} → 10 (ReLU) ${optimizer}`;
  if (c.model === 'deep-convnet')
    return `DeepConvNet 6 conv 3×3 (16,16,32,32,64,64) → ${c.hiddenSizeList[0]} → 10 (ReLU, dropout 0.5) ${optimizer}`;
  const sizes = [inputSize, ...c.hiddenSizeList, 10].join('-');
  const name =
    c.model === 'two-layer'
      ? 'TwoLayerNet'
      : c.batchnorm || c.dropout !== null
        ? 'MultiLayerNetExtend'
        : 'MultiLayerNet';
  const extras = [
    c.batchnorm && 'batch norm',
    c.dropout !== null && `dropout ${c.dropout}`,
    c.weightDecay > 0 && `weight decay ${c.weightDecay}`,
  ].filter(Boolean);
  return `${name} ${sizes} (${c.activation}${extras.length ? ', ' + extras.join(', ') : ''}) with ${OPTIMIZERS[c.optimizer].title} lr ${c.lr}`;
}
