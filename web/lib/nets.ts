// The nets page 1 can train, by id: how to build each from the form's choices and what its
// first layer looks like as pictures. A new net (the conv nets) is one more entry here.
import {
  MultiLayerNetExtend,
  TwoLayerNet,
  type RandomState,
  type SavableNet,
  type Tensor,
} from '../../src/index.js';

export interface NetConfig {
  net: NetId;
  /** hidden sizes: one for two-layer, a list for the MLP */
  hidden: number[];
  batchnorm: boolean;
  /** dropout ratio, 0 for none */
  dropout: number;
}

export interface NetEntry {
  /** the book's class name */
  name: string;
  /** what the form's menu says */
  title: string;
  /** where the book builds it */
  chapter: string;
  defaultHidden: number[];
  /** whether batch norm and dropout apply */
  extend: boolean;
  build(c: NetConfig, rng: RandomState): SavableNet;
}

export const NETS = {
  'two-layer': {
    name: 'TwoLayerNet',
    title: 'TwoLayerNet (the book’s job)',
    chapter: 'ch. 5, train_neuralnet.py',
    defaultHidden: [50],
    extend: false,
    build: (c, rng) =>
      new TwoLayerNet({
        inputSize: 784,
        hiddenSize: c.hidden[0],
        outputSize: 10,
        weightInitStd: 0.01,
        rng,
        dtype: 'float32',
      }),
  },
  mlp: {
    name: 'MultiLayerNetExtend',
    title: 'MultiLayerNetExtend (He init, batch norm, dropout)',
    chapter: 'ch. 6, multi_layer_net_extend.py',
    defaultHidden: [100, 100, 100, 100],
    extend: true,
    build: (c, rng) =>
      new MultiLayerNetExtend({
        inputSize: 784,
        hiddenSizeList: c.hidden,
        outputSize: 10,
        activation: 'relu',
        weightInitStd: 'he',
        useBatchnorm: c.batchnorm,
        useDropout: c.dropout > 0,
        dropoutRatio: c.dropout > 0 ? c.dropout : 0.5,
        rng,
        dtype: 'float32',
      }),
  },
} satisfies Record<string, NetEntry>;

export type NetId = keyof typeof NETS;

export const isNetId = (id: string): id is NetId => Object.hasOwn(NETS, id);

/** The first layer's weights as 28×28 pictures: column j of W1 is hidden unit j's input weights. */
export function firstLayerTiles(net: SavableNet, maxTiles = 100): { tiles: Float32Array; count: number } {
  const W1: Tensor = net.params.W1;
  const [inputs, units] = W1.shape;
  const count = Math.min(units, maxTiles);
  const tiles = new Float32Array(count * inputs);
  for (let i = 0; i < inputs; i++)
    for (let j = 0; j < count; j++) tiles[j * inputs + i] = W1.data[i * units + j];
  return { tiles, count };
}
