// Trained nets as safetensors files: the parameters under the book's keys (plus batch
// norm's running statistics) and the architecture in the metadata, so loading rebuilds
// the same net or says why it cannot.
import {
  SafetensorsError,
  decodeSafetensors,
  encodeSafetensors,
  readSafetensorsHeader,
  type SafetensorsEntry,
} from '../io/index.js';
import {
  DeepConvNet,
  MultiLayerNetExtend,
  SimpleConvNet,
  TwoLayerNet,
  type Activation,
} from '../nets/index.js';
import { RandomState, formatShape, type DType, type Tensor } from '../tensor/index.js';
import {
  bookModelMetadata,
  buildConvNet,
  convArchitectureShapes,
  describeConvNet,
} from './conv-checkpoint.js';

/** The nets that can be saved as files and rebuilt from them (each records its architecture). */
export type SavableNet = TwoLayerNet | MultiLayerNetExtend | SimpleConvNet | DeepConvNet;

/**
 * A file's tensors do not fit the architecture it describes (a tensor missing, of the wrong
 * shape, or unexpected): the message names the file and the tensor.
 */
export class ModelMismatchError extends SafetensorsError {}

/** The architecture as flat strings (safetensors metadata is string → string). */
export function describeNet(net: SavableNet): Record<string, string> {
  if (net instanceof SimpleConvNet || net instanceof DeepConvNet) return describeConvNet(net);
  if (net instanceof TwoLayerNet) {
    const [inputSize, hiddenSize] = net.params.W1.shape;
    return {
      model: 'two-layer',
      inputSize: String(inputSize),
      hiddenSize: String(hiddenSize),
      outputSize: String(net.params.W2.shape[1]),
      activation: net.activation,
      dtype: net.dtype,
    };
  }
  const o = net.options;
  return {
    model: 'mlp',
    inputSize: String(o.inputSize),
    hiddenSizeList: o.hiddenSizeList.join(','),
    outputSize: String(o.outputSize),
    activation: o.activation,
    useBatchnorm: String(o.useBatchnorm),
    useDropout: String(o.useDropout),
    dropoutRatio: String(o.dropoutRatio),
    weightDecayLambda: String(o.weightDecayLambda),
    dtype: net.dtype,
  };
}

/**
 * A trained net as safetensors bytes: the parameters under the book's keys (plus batch norm's
 * running statistics) and the architecture in the metadata, so {@link deserializeNet} can rebuild it.
 *
 * @param extra - more metadata (dataset, accuracy, …), stored as strings
 * @example
 * ```ts
 * writeFileSync('model.safetensors', serializeNet(net, { dataset: 'mnist' }));
 * const { net: again, metadata } = deserializeNet(readFileSync('model.safetensors'), 'model.safetensors');
 * ```
 */
export function serializeNet(net: SavableNet, extra: Record<string, string | number> = {}): Uint8Array {
  const extras = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)]));
  const tensors = net instanceof MultiLayerNetExtend ? { ...net.params, ...net.runningStats } : net.params;
  return encodeSafetensors(tensors, { ...extras, ...describeNet(net), format: 'scratchnet' });
}

/** A net rebuilt from a file, with the file's metadata. */
export interface LoadedModel {
  /** The rebuilt net, holding the file's parameters. */
  net: SavableNet;
  /**
   * Everything in the file's metadata (the architecture, and what {@link serializeNet} was given as `extra`).
   */
  metadata: Record<string, string>;
}

/** Metadata value → positive integer, or a SafetensorsError naming the file and key. */
function positive(v: string | undefined, key: string, name: string): number {
  const n = Number(v);
  if (v === undefined || !/^[1-9]\d*$/.test(v.trim()) || !Number.isSafeInteger(n))
    throw new SafetensorsError(`${name}: metadata ${key}=${v} is not a positive integer`);
  return n;
}

/**
 * The shape of every tensor the metadata's architecture needs, from the strings alone:
 * checked against the file's header before any net is built, so a small file claiming a
 * huge layer is refused without allocating it.
 */
function architectureShapes(m: Record<string, string>, name: string): Record<string, number[]> {
  if (m.model === 'simple-convnet' || m.model === 'deep-convnet') return convArchitectureShapes(m, name);
  const sizes =
    m.model === 'two-layer'
      ? ['inputSize', 'hiddenSize', 'outputSize'].map((k) => positive(m[k], k, name))
      : [
          positive(m.inputSize, 'inputSize', name),
          ...(m.hiddenSizeList ?? '').split(',').map((v) => positive(v, 'hiddenSizeList', name)),
          positive(m.outputSize, 'outputSize', name),
        ];
  const shapes: Record<string, number[]> = {};
  for (let i = 1; i < sizes.length; i++) {
    shapes[`W${i}`] = [sizes[i - 1], sizes[i]];
    shapes[`b${i}`] = [sizes[i]];
    if (m.model === 'mlp' && m.useBatchnorm === 'true' && i < sizes.length - 1) {
      for (const key of ['gamma', 'beta', 'running_mean', 'running_var']) shapes[`${key}${i}`] = [sizes[i]];
    }
  }
  return shapes;
}

/** Refuses a header whose tensors are not exactly the ones the architecture needs. */
function checkArchitecture(
  entries: Record<string, SafetensorsEntry>,
  metadata: Record<string, string>,
  name: string,
): void {
  const shapes = architectureShapes(metadata, name);
  for (const [key, shape] of Object.entries(shapes)) {
    const e = entries[key];
    // running statistics may be absent (a net saved before its first training step)
    if (!Object.hasOwn(entries, key)) {
      if (key.startsWith('running_')) continue;
      throw new ModelMismatchError(`${name}: parameter '${key}' is missing`);
    }
    if (formatShape(e.shape) !== formatShape(shape)) {
      throw new ModelMismatchError(
        `${name}: parameter '${key}' has shape ${formatShape(e.shape)}, the architecture needs ${formatShape(shape)}`,
      );
    }
  }
  for (const key of Object.keys(entries)) {
    if (!Object.hasOwn(shapes, key))
      throw new ModelMismatchError(`${name}: unexpected tensor '${key}' for a ${metadata.model} model`);
  }
}

function build(metadata: Record<string, string>, name: string, dtypeOverride?: DType): SavableNet {
  if (metadata.model === 'simple-convnet' || metadata.model === 'deep-convnet')
    return buildConvNet(metadata, name, dtypeOverride);
  const int = (v: string | undefined, key: string): number => positive(v, key, name);
  const activation = metadata.activation as Activation;
  if (activation !== 'relu' && activation !== 'sigmoid')
    throw new SafetensorsError(`${name}: unknown activation '${activation}'`);
  if (metadata.dtype !== undefined && metadata.dtype !== 'float32' && metadata.dtype !== 'float64')
    throw new SafetensorsError(`${name}: metadata dtype=${metadata.dtype} is not float32 or float64`);
  const dtype = dtypeOverride ?? (metadata.dtype === 'float32' ? 'float32' : 'float64');
  const dropoutRatio = Number(metadata.dropoutRatio ?? 0.5);
  const weightDecayLambda = Number(metadata.weightDecayLambda ?? 0);
  if (!(dropoutRatio >= 0 && dropoutRatio < 1))
    throw new SafetensorsError(`${name}: metadata dropoutRatio=${metadata.dropoutRatio} is not in [0, 1)`);
  if (!(weightDecayLambda >= 0 && Number.isFinite(weightDecayLambda)))
    throw new SafetensorsError(
      `${name}: metadata weightDecayLambda=${metadata.weightDecayLambda} is not a number >= 0`,
    );
  const rng = new RandomState(0); // the weights are replaced by the file's
  if (metadata.model === 'two-layer') {
    const [inputSize, hiddenSize, outputSize] = ['inputSize', 'hiddenSize', 'outputSize'].map((k) =>
      int(metadata[k], k),
    );
    return new TwoLayerNet({ inputSize, hiddenSize, outputSize, activation, dtype, rng });
  }
  return new MultiLayerNetExtend({
    inputSize: int(metadata.inputSize, 'inputSize'),
    hiddenSizeList: (metadata.hiddenSizeList ?? '').split(',').map((v) => int(v, 'hiddenSizeList')),
    outputSize: int(metadata.outputSize, 'outputSize'),
    activation,
    useBatchnorm: metadata.useBatchnorm === 'true',
    useDropout: metadata.useDropout === 'true',
    dropoutRatio,
    weightDecayLambda,
    dtype,
    rng,
  });
}

/** Options of {@link deserializeNet}. */
export interface DeserializeOptions {
  /** compute in this dtype instead of the one the file records (the book's files: float64) */
  dtype?: DType;
}

const MODELS = ['two-layer', 'mlp', 'simple-convnet', 'deep-convnet'];

/**
 * Rebuilds the net a file describes. The header is checked against the metadata's
 * architecture before anything is allocated, and parameters must be finite numbers.
 * Besides scratchnet's own files it reads the book's trained SimpleConvNet and DeepConvNet
 * as converted to safetensors (recognised by their `net` metadata or their keys' shapes).
 *
 * @param name - the file's name, for error messages
 * @throws {@link SafetensorsError} naming the file for every problem with it
 */
export function deserializeNet(
  bytes: Uint8Array,
  name = 'model',
  opts: DeserializeOptions = {},
): LoadedModel {
  const header = readSafetensorsHeader(bytes, name);
  const { entries } = header;
  const metadata =
    header.metadata.format === 'scratchnet'
      ? header.metadata
      : (bookModelMetadata(entries, header.metadata, name) ?? header.metadata);
  if (metadata.format !== 'scratchnet' || !MODELS.includes(metadata.model)) {
    throw new SafetensorsError(
      `${name}: not a scratchnet model (metadata format=${metadata.format}, model=${metadata.model})`,
    );
  }
  checkArchitecture(entries, metadata, name);
  const { tensors } = decodeSafetensors(bytes, name);
  for (const [key, t] of Object.entries(tensors)) {
    const at = t.data.findIndex((v) => !Number.isFinite(v));
    if (at >= 0) {
      throw new SafetensorsError(
        `${name}: parameter '${key}' holds ${t.data[at]} at index ${at} (of ${t.size}): ` +
          'a model must have finite parameters; this file is damaged, retrain or re-save it',
      );
    }
  }
  const net = build(metadata, name, opts.dtype);
  const stats: Record<string, Tensor> = {};
  for (const [key, t] of Object.entries(tensors)) {
    if (key.startsWith('running_')) stats[key] = t.astype(net.dtype);
    else net.params[key].data.set(t.data);
  }
  if (net instanceof MultiLayerNetExtend) net.setRunningStats(stats);
  return { net, metadata };
}
