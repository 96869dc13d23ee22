// The tensor tier's public surface.
export { Tensor, type NestedArray } from './tensor.js';
export { tidy, keep, StepScope } from './lifetime.js';
export { type DType, resultDType } from './dtype.js';
export { formatShape, broadcastShapes, type Shape } from './shape.js';
export * from './creation.js';
export * from './elementwise.js';
export { optimizerStepInPlace } from './optimizer-step.js';
export * from './reduction.js';
export * from './linalg.js';
export * from './indexing.js';
export { RandomState } from './random.js';
export { im2col, col2im } from './im2col.js';
export { conv2d, conv2dBackward, type Conv2dGrads } from './convolution.js';
export { maxPool, maxPoolBackward, type PoolWindow, type MaxPoolResult } from './pooling.js';
export { softmaxCrossEntropy, softmaxCrossEntropyGrad } from './softmax-cross-entropy.js';
export { f16round, roundFloat16 } from './float16.js';
