// Trained nets as safetensors files: the parameters under the book's keys (plus batch
// norm's running statistics) and the architecture in the metadata, so loading rebuilds
// the same net or says why it cannot.
import { decodeSafetensors, encodeSafetensors } from '../io/index.js';
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

function build(metadata: Record<string, string>, name: string): SavableNet {
  const int = (v: string | undefined, key: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name}: metadata ${key}=${v} is not a positive integer`);
    return n;
  };
  const activation = metadata.activation as Activation;
  if (activation !== 'relu' && activation !== 'sigmoid')
    throw new Error(`${name}: unknown activation '${activation}'`);
  const dtype = metadata.dtype === 'float32' ? 'float32' : 'float64';
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
    dropoutRatio: Number(metadata.dropoutRatio ?? 0.5),
    weightDecayLambda: Number(metadata.weightDecayLambda ?? 0),
    dtype,
    rng,
  });
}

/**
 * Rebuilds the net a file written by {@link serializeNet} describes; every mismatch (not a scratchnet
 * model, a missing or misshapen parameter, an unexpected tensor) is an Error naming the file.
 *
 * @param name - the file's name, for error messages
 */
export function deserializeNet(bytes: Uint8Array, name = 'model'): LoadedModel {
  const { tensors, metadata } = decodeSafetensors(bytes, name);
  if (metadata.format !== 'scratchnet' || (metadata.model !== 'two-layer' && metadata.model !== 'mlp')) {
    throw new Error(
      `${name}: not a scratchnet model (metadata format=${metadata.format}, model=${metadata.model})`,
    );
  }
  const net = build(metadata, name);
  const expected: Record<string, Tensor> =
    net instanceof MultiLayerNetExtend ? { ...net.params } : net.params;
  const stats: Record<string, Tensor> = {};
  for (const [key, p] of Object.entries(expected)) {
    const t = tensors[key];
    if (!t) throw new Error(`${name}: parameter '${key}' is missing`);
    if (formatShape(t.shape) !== formatShape(p.shape)) {
      throw new Error(
        `${name}: parameter '${key}' has shape ${formatShape(t.shape)}, the architecture needs ${formatShape(p.shape)}`,
      );
    }
    p.data.set(t.data);
  }
  for (const key of Object.keys(tensors).filter((k) => !(k in expected))) {
    if (!/^running_(mean|var)\d+$/.test(key) || !(net instanceof MultiLayerNetExtend)) {
      throw new Error(`${name}: unexpected tensor '${key}' for a ${metadata.model} model`);
    }
    stats[key] = tensors[key].astype(net.dtype);
  }
  if (net instanceof MultiLayerNetExtend) net.setRunningStats(stats);
  return { net, metadata };
}
