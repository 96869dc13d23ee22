// The reference `Kernels.optimizerStep`: the book's update rules (common/optimizer.py), one
// element at a time, each operation rounded to the parameter's type as the tensor ops round it.
import type { FloatArray, OptimizerStep } from '../types.js';

// NOTE: float32 rounds after every operation (r), as each tensor op stores its result; a
// number (lr, 1 − β1) meets a float32 value in float64 first, as a JavaScript expression does.
type Round = (x: number) => number;
const same: Round = (x) => x;

/**
 * The reference `Kernels.optimizerStep`: one parameter's update by Momentum, Nesterov, AdaGrad,
 * RMSprop or Adam, in the book's operations and order.
 */
export function optimizerStep(param: FloatArray, grad: FloatArray, step: OptimizerStep): void {
  const r = param instanceof Float32Array ? Math.fround : same;
  // one function per rule, so each loop is compiled for its own operations
  switch (step.rule) {
    case 'momentum':
      return momentum(param, grad, step.v, step.lr, step.momentum, r);
    case 'nesterov':
      return nesterov(param, grad, step.v, step.lr, step.momentum, r);
    case 'adagrad':
      return adagrad(param, grad, step.h, step.lr, r);
    case 'rmsprop':
      return rmsprop(param, grad, step.h, step.lr, step.decayRate, r);
    case 'adam':
      return adam(param, grad, step.m, step.v, step.lrT, step.beta1, step.beta2, r);
  }
}

// v = momentum·v − lr·g; W += v
function momentum(p: FloatArray, grad: FloatArray, v: FloatArray, lr: number, mom: number, r: Round): void {
  for (let i = 0; i < p.length; i++) {
    v[i] = r(r(v[i] * mom) - r(grad[i] * lr));
    p[i] = r(p[i] + v[i]);
  }
}

// v *= momentum; v −= lr·g; W += momentum²·v; W −= (1 + momentum)·lr·g
function nesterov(p: FloatArray, grad: FloatArray, v: FloatArray, lr: number, mom: number, r: Round): void {
  const [m2, lr1] = [mom * mom, (1 + mom) * lr];
  for (let i = 0; i < p.length; i++) {
    v[i] = r(r(v[i] * mom) - r(grad[i] * lr));
    p[i] = r(r(p[i] + r(v[i] * m2)) - r(grad[i] * lr1));
  }
}

// h += g·g; W −= lr·g / (√h + 1e-7)
function adagrad(p: FloatArray, grad: FloatArray, h: FloatArray, lr: number, r: Round): void {
  for (let i = 0; i < p.length; i++) {
    const g = grad[i];
    h[i] = r(h[i] + r(g * g));
    p[i] = r(p[i] - r(r(g * lr) / r(r(Math.sqrt(h[i])) + 1e-7)));
  }
}

// h *= ρ; h += (1 − ρ)·g·g; W −= lr·g / (√h + 1e-7)
function rmsprop(p: FloatArray, grad: FloatArray, h: FloatArray, lr: number, rho: number, r: Round): void {
  for (let i = 0; i < p.length; i++) {
    const g = grad[i];
    h[i] = r(r(h[i] * rho) + r(r(g * (1 - rho)) * g));
    p[i] = r(p[i] - r(r(g * lr) / r(r(Math.sqrt(h[i])) + 1e-7)));
  }
}

// m += (1 − β1)·(g − m); v += (1 − β2)·(g² − v); W −= lr_t·m / (√v + 1e-7)
function adam(
  p: FloatArray,
  grad: FloatArray,
  m: FloatArray,
  v: FloatArray,
  lrT: number,
  beta1: number,
  beta2: number,
  r: Round,
): void {
  for (let i = 0; i < p.length; i++) {
    const g = grad[i];
    m[i] = r(m[i] + r(r(g - m[i]) * (1 - beta1)));
    v[i] = r(v[i] + r(r(r(g * g) - v[i]) * (1 - beta2)));
    p[i] = r(p[i] - r(r(m[i] * lrT) / r(r(Math.sqrt(v[i])) + 1e-7)));
  }
}
