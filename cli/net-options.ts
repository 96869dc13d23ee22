// Turns train's model options into a net and an optimizer, rejecting combinations that
// do not make sense (exit 2, naming the option).
import {
  NET_DEFAULTS,
  NET_MODELS,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  WEIGHT_INITS,
  defaultInit,
  defaultLr,
  describeNetSpec,
  isConvModel,
  isOptimizerName,
  type NetSpec,
  type Optimizer,
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

/** A NetSpec (built by the library's buildNet) with every choice made, and the optimizer. */
export interface ModelChoice extends Required<NetSpec> {
  dropout: number | null;
  optimizer: (typeof OPTIMIZER_NAMES)[number];
  lr: number;
}

export function parseModelArgs(v: ModelArgs): ModelChoice {
  const model = oneOf('model', v.model, NET_MODELS, 'two-layer');
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
  const hiddenRaw = v.hidden ?? NET_DEFAULTS[model].hiddenSizeList.join(',');
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
  let init: WeightInit = defaultInit(model, activation);
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
  const optimizer = v.optimizer ?? NET_DEFAULTS[model].optimizer;
  if (!isOptimizerName(optimizer)) {
    throw new UsageError(`--optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, got '${optimizer}'`);
  }
  const lr = v.lr === undefined ? defaultLr(optimizer) : Number(v.lr);
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

export function buildOptimizer(c: ModelChoice): Optimizer {
  return OPTIMIZERS[c.optimizer].create(c.lr);
}

export function describeModel(c: ModelChoice, inputSize: number): string {
  return `${describeNetSpec(c, inputSize)} with ${OPTIMIZERS[c.optimizer].title} lr ${c.lr}`;
}
