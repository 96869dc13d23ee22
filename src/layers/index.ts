export type { Layer, Params } from './layer.js';
export { MulLayer } from './mul-layer.js';
export { AddLayer } from './add-layer.js';
export { Relu } from './relu.js';
export { Sigmoid } from './sigmoid.js';
export { Affine, type AffineOptions } from './affine.js';
export { SoftmaxWithLoss } from './softmax-with-loss.js';
export { BatchNormalization, type BatchNormalizationOptions } from './batch-normalization.js';
export { Dropout, type DropoutOptions } from './dropout.js';
