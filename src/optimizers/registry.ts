// Optimizers by name, for the CLI and the experiments (`--optimizer adam`), each with the
// book's default learning rate.
import { AdaGrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Momentum } from './momentum.js';
import { Nesterov } from './nesterov.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

export interface OptimizerEntry {
  /** the book's class name */
  title: string;
  defaultLr: number;
  create: (lr?: number) => Optimizer;
}

export const OPTIMIZERS: Readonly<Record<OptimizerName, OptimizerEntry>> = {
  sgd: { title: 'SGD', defaultLr: 0.01, create: (lr) => new SGD(lr) },
  momentum: { title: 'Momentum', defaultLr: 0.01, create: (lr) => new Momentum(lr) },
  nesterov: { title: 'Nesterov', defaultLr: 0.01, create: (lr) => new Nesterov(lr) },
  adagrad: { title: 'AdaGrad', defaultLr: 0.01, create: (lr) => new AdaGrad(lr) },
  rmsprop: { title: 'RMSprop', defaultLr: 0.01, create: (lr) => new RMSprop(lr) },
  adam: { title: 'Adam', defaultLr: 0.001, create: (lr) => new Adam(lr) },
};

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];

export function isOptimizerName(name: string): name is OptimizerName {
  return Object.hasOwn(OPTIMIZERS, name);
}
