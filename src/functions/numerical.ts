// Numerical differentiation (book ch. 4): central differences and gradient descent.
import { Tensor, mul, sub, tensor, zerosLike, type NestedArray } from '../tensor/index.js';

/** (f(x+h) − f(x−h)) / 2h with h = 1e-4 (book eq. 4.5's central difference). */
export function numericalDiff(f: (x: number) => number, x: number, h = 1e-4): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * ∂f/∂x for every element of x, as the book's numerical_gradient: each element is
 * perturbed in place, f is evaluated, and the element is restored. `f` receives the
 * tensor being perturbed (so f may ignore its argument and read shared weights).
 */
export function numericalGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-4): Tensor {
  const grad = zerosLike(x);
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const tmp = d[i];
    d[i] = tmp + h;
    const fxh1 = f(x);
    d[i] = tmp - h;
    const fxh2 = f(x);
    grad.data[i] = (fxh1 - fxh2) / (2 * h);
    d[i] = tmp;
  }
  return grad;
}

export interface GradientDescentOptions {
  lr?: number;
  stepNum?: number;
}

export interface GradientDescentResult {
  x: Tensor;
  /** x before every step, as the book's gradient_method.py records x_history */
  history: Tensor[];
}

/** x ← x − lr·∇f(x), `stepNum` times (book 4.4.1). */
export function gradientDescent(
  f: (x: Tensor) => number,
  initX: Tensor | NestedArray,
  { lr = 0.01, stepNum = 100 }: GradientDescentOptions = {},
): GradientDescentResult {
  const x = initX instanceof Tensor ? initX.clone() : tensor(initX);
  const history: Tensor[] = [];
  for (let i = 0; i < stepNum; i++) {
    history.push(x.clone());
    const grad = numericalGradient(f, x);
    sub(x, mul(grad, lr), x);
  }
  return { x, history };
}
