export type { Optimizer, TensorMap } from './optimizer.js';
export { SGD } from './sgd.js';
