export type { Net } from './net.js';
export { SimpleNet, type SimpleNetOptions } from './simple-net.js';
export { TwoLayerNet, type TwoLayerNetOptions, type Activation } from './two-layer-net.js';
export { gradientCheck, compareGradients, type KeyCheck } from './gradient-check.js';
export { accuracyOf } from './accuracy.js';
