// The nets page 1 offers: the library's NET_MODELS (built by its buildNet, as `scratchnet
// train` builds them), what the menu calls each, and its first layer as pictures.
import { NET_DEFAULTS, type NetModel, type SavableNet } from '../../src/index.js';

/** What the form's menu says for each net. */
export const NET_TITLES: Record<NetModel, string> = {
  'two-layer': `${NET_DEFAULTS['two-layer'].name} (the book’s job)`,
  mlp: `${NET_DEFAULTS.mlp.name} (He init, batch norm, dropout)`,
  'simple-convnet': `${NET_DEFAULTS['simple-convnet'].name} (ch. 7: conv 30×5×5, pool)`,
  'deep-convnet': `${NET_DEFAULTS['deep-convnet'].name} (ch. 8: 6 conv 3×3, dropout)`,
};

/** The first layer as pictures: `count` tiles of `size`×`size` weights, tile after tile. */
export interface WeightTiles {
  tiles: Float32Array;
  count: number;
  size: number;
}

/**
 * The first layer's weights as pictures: a dense net's column j of W1 (hidden unit j's input
 * weights) as a 28×28 image; a conv net's filter k of W1 (FN, C, FH, FW), channel 0, as FH×FW
 * (the book's fig. 7-24).
 */
export function firstLayerTiles(net: SavableNet, maxTiles = 100): WeightTiles {
  const W1 = net.params.W1;
  if (W1.ndim === 4) {
    const [filters, channels, size] = W1.shape;
    const count = Math.min(filters, maxTiles);
    const area = size * size;
    const tiles = new Float32Array(count * area);
    for (let k = 0; k < count; k++)
      tiles.set(W1.data.subarray(k * channels * area, k * channels * area + area), k * area);
    return { tiles, count, size };
  }
  const [inputs, units] = W1.shape;
  const count = Math.min(units, maxTiles);
  const tiles = new Float32Array(count * inputs);
  for (let i = 0; i < inputs; i++)
    for (let j = 0; j < count; j++) tiles[j * inputs + i] = W1.data[i * units + j];
  return { tiles, count, size: Math.round(Math.sqrt(inputs)) };
}
