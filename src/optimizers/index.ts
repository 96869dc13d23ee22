export type { Optimizer, TensorMap } from './optimizer.js';
export { SGD } from './sgd.js';
export { Momentum } from './momentum.js';
export { Nesterov } from './nesterov.js';
export { AdaGrad } from './adagrad.js';
export { RMSprop } from './rmsprop.js';
export { Adam } from './adam.js';
export {
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  isOptimizerName,
  type OptimizerName,
  type OptimizerEntry,
} from './registry.js';
