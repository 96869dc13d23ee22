// Optimizers by name, for the CLI and the experiments (`--optimizer adam`), each with the
// book's default learning rate.
import { AdaGrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Momentum } from './momentum.js';
import { Nesterov } from './nesterov.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** The optimizers' names on the command line (`--optimizer adam`). */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/** An optimizer by name: its title, default learning rate and a factory. */
export interface OptimizerEntry {
  /** The book's class name (`'SGD'`, `'AdaGrad'`, …). */
  title: string;
  /** The book's default learning rate for this optimizer. */
  defaultLr: number;
  /** A new optimizer with learning rate `lr` (its default when absent). */
  create: (lr?: number) => Optimizer;
}

/**
 * Every optimizer by name, each with the book's default learning rate, as the book's
 * ch06/optimizer_compare_mnist.py builds its `optimizers` dictionary.
 *
 * @example
 * ```ts
 * const optimizer = OPTIMIZERS.adam.create(); // new Adam(0.001)
 * ```
 */
export const OPTIMIZERS: Readonly<Record<OptimizerName, OptimizerEntry>> = {
  sgd: { title: 'SGD', defaultLr: 0.01, create: (lr) => new SGD(lr) },
  momentum: { title: 'Momentum', defaultLr: 0.01, create: (lr) => new Momentum(lr) },
  nesterov: { title: 'Nesterov', defaultLr: 0.01, create: (lr) => new Nesterov(lr) },
  adagrad: { title: 'AdaGrad', defaultLr: 0.01, create: (lr) => new AdaGrad(lr) },
  rmsprop: { title: 'RMSprop', defaultLr: 0.01, create: (lr) => new RMSprop(lr) },
  adam: { title: 'Adam', defaultLr: 0.001, create: (lr) => new Adam(lr) },
};

/** The optimizers' names, in the book's order. */
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];

/** Whether `name` is one of {@link OPTIMIZER_NAMES} (narrows it to {@link OptimizerName}). */
export function isOptimizerName(name: string): name is OptimizerName {
  return Object.hasOwn(OPTIMIZERS, name);
}
