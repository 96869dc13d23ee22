// Numerical differentiation (book ch. 4): central differences and gradient descent.
import { Tensor, mul, sub, tensor, zerosLike, type NestedArray } from '../tensor/index.js';

/**
 * The central difference (f(x+h) − f(x−h)) / 2h with h = 1e-4 (book §4.3.1, eq. 4.5, ch04/gradient_1d.py
 * `numerical_diff`).
 *
 * @example
 * ```ts
 * numericalDiff((x) => 0.01 * x ** 2 + 0.1 * x, 5); // 0.1999… (book §4.3.2; exactly 0.2)
 * ```
 */
export function numericalDiff(f: (x: number) => number, x: number, h = 1e-4): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * ∂f/∂x for every element of x by central differences, as the book's `numerical_gradient` (book §4.4,
 * common/gradient.py): each element is perturbed in place, f is evaluated, and the element is
 * restored. `f` receives the tensor being perturbed (so f may ignore its argument and read shared weights).
 *
 * @example
 * ```ts
 * const f = (x: Tensor) => sum(square(x)); // x0² + x1²
 * numericalGradient(f, tensor([3.0, 4.0])).toArray(); // [6, 8] up to rounding (book §4.4)
 * ```
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

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** The learning rate (default 0.01, as the book's `gradient_descent`). */
  lr?: number;
  /** How many steps to take (default 100). */
  stepNum?: number;
}

/** What {@link gradientDescent} returns: the final x and the path it took. */
export interface GradientDescentResult {
  /** x after the last step. */
  x: Tensor;
  /** x before every step, as the book's gradient_method.py records x_history */
  history: Tensor[];
}

/**
 * Gradient descent x ← x − lr·∇f(x), `stepNum` times, with numerical gradients (book §4.4.1,
 * ch04/gradient_method.py `gradient_descent`). `initX` is copied, never changed.
 *
 * @example
 * ```ts
 * const f = (x: Tensor) => sum(square(x));
 * const { x } = gradientDescent(f, [-3.0, 4.0], { lr: 0.1, stepNum: 100 });
 * x.toArray(); // ≈ [-6.1e-10, 8.1e-10], as the book prints (§4.4.1)
 * ```
 */
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
