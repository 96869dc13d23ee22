// The reference `Kernels.optimizerStep`: the book's update rules (common/optimizer.py), one
// element at a time, each operation rounded to the parameter's type as the tensor ops round it.
import type { FloatArray, OptimizerStep } from '../types.js';

const same = (x: number): number => x;

/**
 * The reference `Kernels.optimizerStep`: one parameter's update by Momentum, Nesterov, AdaGrad,
 * RMSprop or Adam, in the book's operations and order.
 */
export function optimizerStep(param: FloatArray, grad: FloatArray, step: OptimizerStep): void {
  // NOTE: float32 rounds after every operation (r), as each tensor op stores its result; a
  // number (lr, 1 − β1) meets a float32 value in float64 first, as a JavaScript expression does.
  const r = param instanceof Float32Array ? Math.fround : same;
  const n = param.length;
  switch (step.rule) {
    case 'momentum': {
      // v = momentum·v − lr·g; W += v
      const { v, lr, momentum } = step;
      for (let i = 0; i < n; i++) {
        v[i] = r(r(v[i] * momentum) - r(grad[i] * lr));
        param[i] = r(param[i] + v[i]);
      }
      return;
    }
    case 'nesterov': {
      // v *= momentum; v −= lr·g; W += momentum²·v; W −= (1 + momentum)·lr·g
      const { v, lr, momentum } = step;
      const [m2, lr1] = [momentum * momentum, (1 + momentum) * lr];
      for (let i = 0; i < n; i++) {
        v[i] = r(r(v[i] * momentum) - r(grad[i] * lr));
        param[i] = r(r(param[i] + r(v[i] * m2)) - r(grad[i] * lr1));
      }
      return;
    }
    case 'adagrad': {
      // h += g·g; W −= lr·g / (√h + 1e-7)
      const { h, lr } = step;
      for (let i = 0; i < n; i++) {
        const g = grad[i];
        h[i] = r(h[i] + r(g * g));
        param[i] = r(param[i] - r(r(g * lr) / r(r(Math.sqrt(h[i])) + 1e-7)));
      }
      return;
    }
    case 'rmsprop': {
      // h *= ρ; h += (1 − ρ)·g·g; W −= lr·g / (√h + 1e-7)
      const { h, lr, decayRate } = step;
      for (let i = 0; i < n; i++) {
        const g = grad[i];
        h[i] = r(r(h[i] * decayRate) + r(r(g * (1 - decayRate)) * g));
        param[i] = r(param[i] - r(r(g * lr) / r(r(Math.sqrt(h[i])) + 1e-7)));
      }
      return;
    }
    case 'adam': {
      // m += (1 − β1)·(g − m); v += (1 − β2)·(g² − v); W −= lr_t·m / (√v + 1e-7)
      const { m, v, lrT, beta1, beta2 } = step;
      for (let i = 0; i < n; i++) {
        const g = grad[i];
        m[i] = r(m[i] + r(r(g - m[i]) * (1 - beta1)));
        v[i] = r(v[i] + r(r(r(g * g) - v[i]) * (1 - beta2)));
        param[i] = r(param[i] - r(r(m[i] * lrT) / r(r(Math.sqrt(v[i])) + 1e-7)));
      }
      return;
    }
  }
}
