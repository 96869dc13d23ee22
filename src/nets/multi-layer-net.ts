// MultiLayerNet (book common/multi_layer_net.py): fully connected ReLU or sigmoid layers
// with weight decay — MultiLayerNetExtend without batch norm and dropout.
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from './multi-layer-net-extend.js';

/** Options of {@link MultiLayerNet}: those of {@link MultiLayerNetExtend} without dropout and batch norm. */
export type MultiLayerNetOptions = Omit<
  MultiLayerNetExtendOptions,
  'useDropout' | 'dropoutRatio' | 'useBatchnorm'
>;

/**
 * The book's fully connected net of any depth with weight decay (book §6.1.8, §6.2.4, §6.4.2,
 * common/multi_layer_net.py): {@link MultiLayerNetExtend} without batch norm and dropout.
 *
 * @example
 * ```ts
 * const net = new MultiLayerNet({
 *   inputSize: 784,
 *   hiddenSizeList: [100, 100, 100, 100, 100, 100],
 *   outputSize: 10,
 *   weightDecayLambda: 0.1,
 *   rng: new RandomState(0),
 * });
 * ```
 */
export class MultiLayerNet extends MultiLayerNetExtend {
  /** Draws every weight from `opts.rng`, in order, as {@link MultiLayerNetExtend} does. */
  constructor(opts: MultiLayerNetOptions) {
    super({ ...opts, useDropout: false, useBatchnorm: false });
  }
}
