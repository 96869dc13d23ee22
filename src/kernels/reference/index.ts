// The reference backend: plain loops, the definition of every kernel.
import type { Kernels } from '../types.js';
import { binary, sgdStep, unary, where } from './elementwise.js';
import { gemm } from './gemm.js';
import { convBackward, convForward } from './convolution.js';
import { col2im, im2col } from './im2col.js';
import { gatherRows, oneHot, takeAlongRows, transpose2d, transposeBatched } from './indexing.js';
import { maxPool, maxPoolBackward } from './pooling.js';
import { optimizerStep } from './optimizers.js';
import { softmaxCrossEntropy, softmaxCrossEntropyGrad } from './losses.js';
import { argReduce, reduce } from './reduce.js';

/**
 * The `reference` backend: plain loops, one element at a time, the definition of every kernel. The
 * other backends are tested against it; it is also the base to build a new backend from.
 */
export const referenceKernels: Kernels = {
  name: 'reference',
  gemm,
  unary,
  binary,
  where,
  reduce,
  argReduce,
  transpose2d,
  transposeBatched,
  gatherRows,
  takeAlongRows,
  oneHot,
  sgdStep,
  optimizerStep,
  im2col,
  col2im,
  convForward,
  convBackward,
  maxPool,
  maxPoolBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
};
