// The `wasm` backend: GEMM, im2col/col2im, max pooling, the optimizers' steps and the
// elementwise loops training spends its time in, on WebAssembly 128-bit SIMD (assembly/);
// every other kernel from `js`.
import { jsKernels } from '../js/index.js';
import type { Kernels } from '../types.js';
import { binary, sgdStep, unary, where } from './elementwise.js';
import { gatherRows } from './gather.js';
import { gemm } from './gemm.js';
import { convBackward, convForward } from './convolution.js';
import { col2im, im2col } from './im2col.js';
import { kernelModule, wasm } from './module.js';
import { softmaxCrossEntropy, softmaxCrossEntropyGrad } from './losses.js';
import { optimizerStep } from './optimizers.js';
import { maxPool, maxPoolBackward } from './pooling.js';
import { argReduce, reduce } from './reduce.js';
import { allocateResident } from './resident.js';
import { transpose2d, transposeBatched } from './transpose.js';

/** null where WebAssembly SIMD is unavailable. */
export const wasmKernels: Kernels | null = wasm
  ? {
      ...jsKernels,
      name: 'wasm',
      allocate: allocateResident,
      gemm,
      binary,
      unary,
      where,
      sgdStep,
      optimizerStep,
      gatherRows,
      im2col,
      col2im,
      convForward,
      convBackward,
      maxPool,
      maxPoolBackward,
      transposeBatched,
      transpose2d,
      reduce,
      argReduce,
      softmaxCrossEntropy,
      softmaxCrossEntropyGrad,
    }
  : null;

/** Whether the wasm GEMM kernels use fused multiply-add (relaxed SIMD; SCRATCHNET_FMA=0 turns it off). */
export const wasmFma: boolean = kernelModule?.fused ?? false;
