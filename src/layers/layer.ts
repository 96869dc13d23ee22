// The one layer contract (book ch. 5): forward caches exactly what backward needs;
// backward returns dx and fills `grads` under the same keys as `params`.
import type { Tensor } from '../tensor/index.js';

/** Tensors by key, as the book's `params` and `grads` dictionaries: `W1`, `b1`, `gamma1`, …. */
export type Params = Record<string, Tensor>;

/**
 * The one layer contract (book ch. 5, every class of common/layers.py): `forward(x, train)`
 * caches exactly what `backward` needs; `backward(dout)` returns dx and fills `grads` under
 * the same keys as `params`, so any optimizer can update any layer.
 *
 * @example
 * ```ts
 * const layer: Layer = new Affine(W, b);
 * const y = layer.forward(x, true);
 * const dx = layer.backward(dout); // layer.grads.W and layer.grads.b are now set
 * ```
 */
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
