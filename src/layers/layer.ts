// The one layer contract (book ch. 5): forward caches exactly what backward needs;
// backward returns dx and fills `grads` under the same keys as `params`.
import type { Tensor } from '../tensor/index.js';

export type Params = Record<string, Tensor>;

export interface Layer {
  /** Trainable tensors by key ('W', 'b', …); empty for layers without parameters. */
  readonly params: Params;
  /** Gradients of the loss for each key of `params`, filled by `backward`. */
  readonly grads: Params;
  /** `train` distinguishes training from inference (Dropout, BatchNormalization). */
  forward(x: Tensor, train?: boolean): Tensor;
  /** dL/dx for the last forward's input, given dL/dout. Never mutates `dout`. */
  backward(dout: Tensor): Tensor;
}
