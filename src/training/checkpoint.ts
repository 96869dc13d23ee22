// A trained TwoLayerNet as a safetensors file: the parameters under the book's keys and
// the architecture in the metadata, so loading rebuilds the same net or says why not.
import { decodeSafetensors, encodeSafetensors } from '../io/index.js';
import { TwoLayerNet, type Activation } from '../nets/index.js';
import { RandomState, formatShape, type DType } from '../tensor/index.js';

export interface ModelInfo {
  model: 'two-layer';
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  activation: Activation;
  dtype: DType;
  /** free-form extras: dataset, iterations, accuracies */
  [extra: string]: string | number;
}

export function describeNet(net: TwoLayerNet): ModelInfo {
  const [inputSize, hiddenSize] = net.params.W1.shape;
  return {
    model: 'two-layer',
    inputSize,
    hiddenSize,
    outputSize: net.params.W2.shape[1],
    activation: net.activation,
    dtype: net.dtype,
  };
}

export function serializeNet(net: TwoLayerNet, extra: Record<string, string | number> = {}): Uint8Array {
  const info = { ...extra, ...describeNet(net), format: 'scratchnet' };
  const metadata = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, String(v)]));
  return encodeSafetensors(net.params, metadata);
}

export interface LoadedModel {
  net: TwoLayerNet;
  metadata: Record<string, string>;
}

/** Rebuilds the net a file describes; every mismatch is an Error naming the file. */
export function deserializeNet(bytes: Uint8Array, name = 'model'): LoadedModel {
  const { tensors, metadata } = decodeSafetensors(bytes, name);
  if (metadata.format !== 'scratchnet' || metadata.model !== 'two-layer') {
    throw new Error(
      `${name}: not a scratchnet two-layer model (metadata format=${metadata.format}, model=${metadata.model})`,
    );
  }
  const int = (k: string): number => {
    const v = Number(metadata[k]);
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${name}: metadata ${k}=${metadata[k]} is not a positive integer`);
    return v;
  };
  const activation = metadata.activation;
  if (activation !== 'relu' && activation !== 'sigmoid')
    throw new Error(`${name}: unknown activation '${activation}'`);
  const dtype = metadata.dtype === 'float32' ? 'float32' : 'float64';
  const net = new TwoLayerNet({
    inputSize: int('inputSize'),
    hiddenSize: int('hiddenSize'),
    outputSize: int('outputSize'),
    activation,
    dtype,
    rng: new RandomState(0),
  });
  for (const [key, p] of Object.entries(net.params)) {
    const t = tensors[key];
    if (!t) throw new Error(`${name}: parameter '${key}' is missing`);
    if (formatShape(t.shape) !== formatShape(p.shape)) {
      throw new Error(
        `${name}: parameter '${key}' has shape ${formatShape(t.shape)}, the architecture needs ${formatShape(p.shape)}`,
      );
    }
    p.data.set(t.data);
  }
  const extra = Object.keys(tensors).filter((k) => !(k in net.params));
  if (extra.length > 0)
    throw new Error(`${name}: unexpected tensors ${extra.join(', ')} for a two-layer model`);
  return { net, metadata };
}
