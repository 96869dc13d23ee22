// An optimizer's update of one parameter in one kernel call (Kernels.optimizerStep), where the
// parameter, its gradient and its state allow it; the optimizers keep the book's tensor ops
// for every other case (src/optimizers/).
import { kernels, type FloatArray, type OptimizerStep } from '../kernels/index.js';
import type { Tensor } from './tensor.js';

/**
 * Updates `param` and the state in `step` in place by one of the book's optimizers (§6.1,
 * common/optimizer.py) in one pass ({@link Kernels.optimizerStep}), with the same bits as the
 * rule's tensor ops one by one. Does nothing and returns false unless param, grad and the state
 * have one dtype and one shape and share no memory: the optimizers then run their tensor ops,
 * which broadcast and report mismatched shapes as before.
 *
 * @param step - the rule, its settings and its state tensors (for Adam the book's `lr_t`)
 * @returns whether the update was made
 * @example
 * ```ts
 * const v = zerosLike(W);
 * if (!optimizerStepInPlace(W, dW, { rule: 'momentum', lr: 0.01, momentum: 0.9, v })) {
 *   // the tensor ops: v = 0.9·v − 0.01·dW; W += v
 * }
 * ```
 */
export function optimizerStepInPlace(param: Tensor, grad: Tensor, step: OptimizerStep<Tensor>): boolean {
  const state = stateOf(step);
  const tensors = [param, grad, ...state];
  const fits = tensors.every(
    (t) => t.dtype === param.dtype && t.ndim === param.ndim && t.shape.every((d, i) => d === param.shape[i]),
  );
  if (!fits) return false;
  const arrays = tensors.map((t) => t.data);
  for (let i = 0; i < arrays.length; i++)
    for (let j = i + 1; j < arrays.length; j++) if (shareBytes(arrays[i], arrays[j])) return false;
  kernels().optimizerStep(arrays[0], arrays[1], withArrays(step));
  return true;
}

function stateOf(step: OptimizerStep<Tensor>): Tensor[] {
  switch (step.rule) {
    case 'momentum':
    case 'nesterov':
      return [step.v];
    case 'adagrad':
    case 'rmsprop':
      return [step.h];
    case 'adam':
      return [step.m, step.v];
  }
}

function withArrays(step: OptimizerStep<Tensor>): OptimizerStep {
  switch (step.rule) {
    case 'momentum':
    case 'nesterov':
      return { ...step, v: step.v.data };
    case 'adagrad':
    case 'rmsprop':
      return { ...step, h: step.h.data };
    case 'adam':
      return { ...step, m: step.m.data, v: step.v.data };
  }
}

// NOTE: an element's update reads its gradient after writing its parameter (Nesterov), so a
// gradient that is the parameter itself must take the tensor ops, which finish each op first.
function shareBytes(x: FloatArray, y: FloatArray): boolean {
  return (
    x.buffer === y.buffer &&
    x.byteOffset < y.byteOffset + y.byteLength &&
    y.byteOffset < x.byteOffset + x.byteLength
  );
}
