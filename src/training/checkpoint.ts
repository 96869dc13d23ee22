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
import { MultiLayerNetExtend, TwoLayerNet, type Activation } from '../nets/index.js';
import { RandomState, formatShape, type Tensor } from '../tensor/index.js';

/** The nets that can be saved as files and rebuilt from them. */
export type SavableNet = TwoLayerNet | MultiLayerNetExtend;

/** The architecture as flat strings (safetensors metadata is string → string). */
export function describeNet(net: SavableNet): Record<string, string> {
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
      throw new SafetensorsError(`${name}: parameter '${key}' is missing`);
    }
    if (formatShape(e.shape) !== formatShape(shape)) {
      throw new SafetensorsError(
        `${name}: parameter '${key}' has shape ${formatShape(e.shape)}, the architecture needs ${formatShape(shape)}`,
      );
    }
  }
  for (const key of Object.keys(entries)) {
    if (!Object.hasOwn(shapes, key))
      throw new SafetensorsError(`${name}: unexpected tensor '${key}' for a ${metadata.model} model`);
  }
}

function build(metadata: Record<string, string>, name: string): SavableNet {
  const int = (v: string | undefined, key: string): number => positive(v, key, name);
  const activation = metadata.activation as Activation;
  if (activation !== 'relu' && activation !== 'sigmoid')
    throw new SafetensorsError(`${name}: unknown activation '${activation}'`);
  if (metadata.dtype !== undefined && metadata.dtype !== 'float32' && metadata.dtype !== 'float64')
    throw new SafetensorsError(`${name}: metadata dtype=${metadata.dtype} is not float32 or float64`);
  const dtype = metadata.dtype === 'float32' ? 'float32' : 'float64';
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

/**
 * Rebuilds the net a file describes. The header is checked against the metadata's
 * architecture before anything is allocated, and parameters must be finite numbers.
 *
 * @param name - the file's name, for error messages
 * @throws {@link SafetensorsError} naming the file for every problem with it
 */
export function deserializeNet(bytes: Uint8Array, name = 'model'): LoadedModel {
  const { entries, metadata } = readSafetensorsHeader(bytes, name);
  if (metadata.format !== 'scratchnet' || (metadata.model !== 'two-layer' && metadata.model !== 'mlp')) {
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
  const net = build(metadata, name);
  const stats: Record<string, Tensor> = {};
  for (const [key, t] of Object.entries(tensors)) {
    if (key.startsWith('running_')) stats[key] = t.astype(net.dtype);
    else net.params[key].data.set(t.data);
  }
  if (net instanceof MultiLayerNetExtend) net.setRunningStats(stats);
  return { net, metadata };
}
