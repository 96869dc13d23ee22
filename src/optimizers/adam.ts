// Adam (book 6.1.6, common/optimizer.py): the bias corrections are folded into the step
// size lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ), and 1e-7 is added after the square root.
import { add, div, mul, optimizerStepInPlace, sqrt, sub } from '../tensor/index.js';
import type { Optimizer, TensorMap } from './optimizer.js';
import { checkRate, gradFor, stateLike } from './state.js';

/**
 * Adam (book §6.1.6, common/optimizer.py `Adam`): momentum's first moment and RMSprop's second,
 * with the bias corrections folded into the step size lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ); 1e-7 is
 * added after the square root.
 *
 * @example
 * ```ts
 * const optimizer = new Adam(0.001);
 * for (let i = 0; i < 1000; i++) optimizer.update(net.params, net.gradient(xBatch, tBatch));
 * ```
 */
export class Adam implements Optimizer {
  private m: TensorMap | null = null;
  private v: TensorMap | null = null;
  private t: TensorMap | null = null;
  private u: TensorMap | null = null;
  private iter = 0;

  /**
   * An Adam optimizer; the moments are created on the first update.
   *
   * @param lr - the learning rate (default 0.001)
   * @param beta1 - β1, the decay of the first moment (default 0.9)
   * @param beta2 - β2, the decay of the second moment (default 0.999)
   */
  constructor(
    readonly lr = 0.001,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {
    checkRate('Adam', 'learning rate', lr);
    checkRate('Adam', 'beta1', beta1, 1);
    checkRate('Adam', 'beta2', beta2, 1);
  }

  update(params: TensorMap, grads: TensorMap): void {
    this.m = stateLike(this.m, params);
    this.v = stateLike(this.v, params);
    this.iter += 1;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.iter)) / (1 - this.beta1 ** this.iter);
    for (const [key, p] of Object.entries(params)) {
      const [m, v, g] = [this.m[key], this.v[key], gradFor(grads, key, 'Adam')];
      // one pass where p, g, m and v allow it (the same operations, so the same bits)
      if (optimizerStepInPlace(p, g, { rule: 'adam', lrT, beta1: this.beta1, beta2: this.beta2, m, v }))
        continue;
      // two scratch tensors per parameter for the intermediate results: the same operations in
      // the same order, without a fresh array each (fresh arrays of a megabyte or more page-fault)
      const fits = g.dtype === p.dtype && g.ndim === p.ndim && g.shape.every((d, i) => d === p.shape[i]);
      if (fits) [this.t, this.u] = [stateLike(this.t, params), stateLike(this.u, params)];
      const [t, u] = fits ? [this.t![key], this.u![key]] : [undefined, undefined];
      add(m, mul(sub(g, m, t), 1 - this.beta1, t), m);
      add(v, mul(sub(mul(g, g, t), v, t), 1 - this.beta2, t), v);
      sub(p, div(mul(m, lrT, u), add(sqrt(v, t), 1e-7, t), u), p);
    }
  }
}
