// MultiLayerNet (book common/multi_layer_net.py): fully connected ReLU or sigmoid layers
// with weight decay — MultiLayerNetExtend without batch norm and dropout.
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from './multi-layer-net-extend.js';

export type MultiLayerNetOptions = Omit<
  MultiLayerNetExtendOptions,
  'useDropout' | 'dropoutRatio' | 'useBatchnorm'
>;

export class MultiLayerNet extends MultiLayerNetExtend {
  constructor(opts: MultiLayerNetOptions) {
    super({ ...opts, useDropout: false, useBatchnorm: false });
  }
}
