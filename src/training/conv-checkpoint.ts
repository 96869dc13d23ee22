// The convolutional nets' side of checkpoint.ts: their architecture as metadata strings,
// and the book's own trained files (safetensors with the book's keys) recognised as they are.
import { SafetensorsError } from '../io/index.js';
import { DEEP_CONV_PARAMS, DeepConvNet, SimpleConvNet, convOutputSize } from '../nets/index.js';
import { RandomState, type DType } from '../tensor/index.js';

type Metadata = Record<string, string>;

/** SimpleConvNet's or DeepConvNet's architecture as flat strings. */
export function describeConvNet(net: SimpleConvNet | DeepConvNet): Metadata {
  const inputDim = net.options.inputDim.join(',');
  if (net instanceof DeepConvNet) {
    const { hiddenSize, outputSize } = net.options;
    return {
      model: 'deep-convnet',
      inputDim,
      hiddenSize: String(hiddenSize),
      outputSize: String(outputSize),
      dtype: net.dtype,
    };
  }
  const { convParam: c, hiddenSize, outputSize } = net.options;
  return {
    model: 'simple-convnet',
    inputDim,
    filterNum: String(c.filterNum),
    filterSize: String(c.filterSize),
    pad: String(c.pad),
    stride: String(c.stride),
    hiddenSize: String(hiddenSize),
    outputSize: String(outputSize),
    dtype: net.dtype,
  };
}

/** Rebuilds the conv net `metadata` describes (its weights still to be filled in). */
export function buildConvNet(
  metadata: Metadata,
  name: string,
  dtypeOverride?: DType,
): SimpleConvNet | DeepConvNet {
  const int = (key: string, min = 1): number => {
    const v = metadata[key];
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < min)
      throw new SafetensorsError(`${name}: metadata ${key}=${v} is not an integer ≥ ${min}`);
    return n;
  };
  const dims = (metadata.inputDim ?? '').split(',').map(Number);
  if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d >= 1))
    throw new SafetensorsError(
      `${name}: metadata inputDim=${metadata.inputDim} is not three positive integers (C,H,W)`,
    );
  const inputDim = dims as [number, number, number];
  const dtype = dtypeOverride ?? (metadata.dtype === 'float32' ? 'float32' : 'float64');
  const rng = new RandomState(0); // the weights are replaced by the file's
  const [hiddenSize, outputSize] = [int('hiddenSize'), int('outputSize')];
  if (metadata.model === 'deep-convnet')
    return new DeepConvNet({ inputDim, hiddenSize, outputSize, rng, dtype });
  const convParam = {
    filterNum: int('filterNum'),
    filterSize: int('filterSize'),
    pad: int('pad', 0),
    stride: int('stride'),
  };
  try {
    return new SimpleConvNet({ inputDim, convParam, hiddenSize, outputSize, rng, dtype });
  } catch (e) {
    throw new SafetensorsError(`${name}: ${(e as Error).message}`);
  }
}

type Shapes = Record<string, { shape: readonly number[] }>;

const keysAre = (entries: Shapes, n: number): boolean => {
  const want = Array.from({ length: n }, (_, i) => [`W${i + 1}`, `b${i + 1}`]).flat();
  const keys = Object.keys(entries);
  return keys.length === want.length && want.every((k) => Object.hasOwn(entries, k));
};

/**
 * Scratchnet metadata for the book's trained SimpleConvNet or DeepConvNet (its `net`
 * metadata, or else its keys: W1…W3 with a 4-D W1, or W1…W8 with 4-D W1…W6), null for
 * anything else. The architecture comes from the tensors' shapes and the book's metadata
 * (`input_dim`, `conv`); the dtype is float64, the book's.
 */
export function bookModelMetadata(entries: Shapes, metadata: Metadata, name: string): Metadata | null {
  const ndim = (k: string): number => (Object.hasOwn(entries, k) ? entries[k].shape.length : 0);
  let model: 'simple-convnet' | 'deep-convnet' | null = null;
  if (metadata.net === 'SimpleConvNet' || (!metadata.net && keysAre(entries, 3) && ndim('W1') === 4))
    model = 'simple-convnet';
  else if (
    metadata.net === 'DeepConvNet' ||
    (!metadata.net && keysAre(entries, 8) && [1, 2, 3, 4, 5, 6].every((i) => ndim(`W${i}`) === 4))
  )
    model = 'deep-convnet';
  if (!model) return null;
  const [hiddenKey, lastKey] = model === 'simple-convnet' ? ['W2', 'W3'] : ['W7', 'W8'];
  if (ndim('W1') !== 4 || ndim(hiddenKey) !== 2 || ndim(lastKey) !== 2) {
    throw new SafetensorsError(
      `${name}: a book ${metadata.net ?? model} file needs W1 (4-D), ${hiddenKey} and ${lastKey} (2-D)`,
    );
  }
  const W1 = entries.W1.shape;
  const out: Metadata = {
    ...metadata,
    format: 'scratchnet',
    model,
    source: 'book',
    inputDim: (metadata.input_dim ?? `${W1[1]},28,28`).replace(/\s/g, ''),
    hiddenSize: String(entries[hiddenKey].shape[1]),
    outputSize: String(entries[lastKey].shape[1]),
    dtype: 'float64',
  };
  if (model === 'simple-convnet') {
    // the book's conv metadata reads "filter_num 30, filter_size 5, pad 0, stride 1"
    const conv = (key: string, fallback: number): string =>
      new RegExp(`${key}\\s+(\\d+)`).exec(metadata.conv ?? '')?.[1] ?? String(fallback);
    Object.assign(out, {
      filterNum: String(W1[0]),
      filterSize: String(W1[2]),
      pad: conv('pad', 0),
      stride: conv('stride', 1),
    });
  }
  return out;
}

/**
 * The shape of every tensor a conv net's metadata implies, from the strings alone (so a
 * small file claiming a huge layer is refused before anything is allocated).
 */
export function convArchitectureShapes(m: Metadata, name: string): Record<string, number[]> {
  const int = (key: string, min = 1): number => {
    const v = m[key];
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new SafetensorsError(`${name}: metadata ${key}=${v} is not an integer ≥ ${min}`);
    return n;
  };
  const dims = (m.inputDim ?? '').split(',').map((d) => (/^\s*[1-9]\d*\s*$/.test(d) ? Number(d) : NaN));
  if (dims.length !== 3 || !dims.every(Number.isSafeInteger))
    throw new SafetensorsError(
      `${name}: metadata inputDim=${m.inputDim} is not three positive integers (C,H,W)`,
    );
  let [c, h, w] = dims;
  const [hidden, output] = [int('hiddenSize'), int('outputSize')];
  const shapes: Record<string, number[]> = {};
  const tooSmall = (): never => {
    throw new SafetensorsError(`${name}: metadata inputDim=${m.inputDim} is too small for the ${m.model}`);
  };
  if (m.model === 'simple-convnet') {
    const [fn, fs, pad, stride] = [int('filterNum'), int('filterSize'), int('pad', 0), int('stride')];
    const [ch, cw] = [convOutputSize(h, fs, stride, pad), convOutputSize(w, fs, stride, pad)];
    if (ch < 2 || cw < 2) tooSmall();
    const flat = fn * convOutputSize(ch, 2, 2, 0) * convOutputSize(cw, 2, 2, 0);
    Object.assign(shapes, { W1: [fn, c, fs, fs], b1: [fn], W2: [flat, hidden], b2: [hidden] });
    Object.assign(shapes, { W3: [hidden, output], b3: [output] });
    return shapes;
  }
  DEEP_CONV_PARAMS.forEach((p, i) => {
    shapes[`W${i + 1}`] = [p.filterNum, c, p.filterSize, p.filterSize];
    shapes[`b${i + 1}`] = [p.filterNum];
    c = p.filterNum;
    [h, w] = [
      convOutputSize(h, p.filterSize, p.stride, p.pad),
      convOutputSize(w, p.filterSize, p.stride, p.pad),
    ];
    if (i % 2 === 1) [h, w] = [convOutputSize(h, 2, 2, 0), convOutputSize(w, 2, 2, 0)];
    if (h < 1 || w < 1) tooSmall();
  });
  Object.assign(shapes, { W7: [c * h * w, hidden], b7: [hidden], W8: [hidden, output], b8: [output] });
  return shapes;
}
