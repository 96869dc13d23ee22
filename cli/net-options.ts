// Turns train's model options into a net and an optimizer, rejecting combinations that
// do not make sense (exit 2, naming the option).
import {
  MultiLayerNetExtend,
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

export interface ModelChoice {
  model: 'two-layer' | 'mlp';
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
  const model = oneOf('model', v.model, ['two-layer', 'mlp'] as const, 'two-layer');
  const activation = oneOf('activation', v.activation, ['relu', 'sigmoid'] as const, 'relu');
  const hiddenRaw = v.hidden ?? (model === 'two-layer' ? '50' : '100,100,100,100');
  const hiddenSizeList = hiddenRaw.split(',').map((s) => s.trim());
  if (hiddenSizeList.some((s) => !/^[1-9]\d*$/.test(s))) {
    throw new UsageError(
      `--hidden must be a positive integer or a comma-separated list of them, got '${hiddenRaw}'`,
    );
  }
  if (model === 'two-layer' && hiddenSizeList.length !== 1) {
    throw new UsageError(
      `--hidden takes one size with --model two-layer (use --model mlp for '${hiddenRaw}')`,
    );
  }
  let init: WeightInit = model === 'two-layer' ? 0.01 : activation === 'relu' ? 'he' : 'xavier';
  if (v.init !== undefined) {
    const n = Number(v.init);
    if ((WEIGHT_INITS as readonly string[]).includes(v.init)) init = v.init as WeightInit;
    else if (v.init.trim() !== '' && Number.isFinite(n) && n > 0) init = n;
    else
      throw new UsageError(
        `--init must be a positive standard deviation or one of ${WEIGHT_INITS.join(', ')}, got '${v.init}'`,
      );
    if (model === 'two-layer' && typeof init !== 'number') {
      throw new UsageError(`--init ${v.init} needs --model mlp (TwoLayerNet takes a standard deviation)`);
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
  const optimizer = v.optimizer ?? 'sgd';
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
