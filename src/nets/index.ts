export type { Net } from './net.js';
export { SimpleNet, type SimpleNetOptions } from './simple-net.js';
export { TwoLayerNet, type TwoLayerNetOptions, type Activation } from './two-layer-net.js';
export { gradientCheck, compareGradients, type KeyCheck } from './gradient-check.js';
export { accuracyOf, batchedAccuracy } from './accuracy.js';
export { predictProba } from './predict-proba.js';
export { MultiLayerNet, type MultiLayerNetOptions } from './multi-layer-net.js';
export { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from './multi-layer-net-extend.js';
export { initScale, WEIGHT_INITS, type WeightInit } from './init.js';
export {
  SimpleConvNet,
  convOutputSize,
  type SimpleConvNetOptions,
  type SimpleConvNetArchitecture,
  type ConvParam,
} from './simple-conv-net.js';
export { DeepConvNet, DEEP_CONV_PARAMS, type DeepConvNetOptions } from './deep-conv-net.js';
