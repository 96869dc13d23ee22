/**
 * scratchnet's public API, for Node.js and browsers alike: the book's names, NumPy's where the
 * book has none — tensors and their ops, activation and loss functions, layers, nets,
 * optimizers, the Trainer, IDX and safetensors parsing, SVG figures and the kernel backends.
 * `scratchnet/node` and `scratchnet/browser` add the platform adapters (loading MNIST, threads).
 *
 * @example
 * ```ts
 * import { tensor, dot, softmax } from 'scratchnet';
 * softmax(dot(tensor([[1, 2]]), tensor([[0.5], [0.25]])));
 * ```
 * @module
 */
export * from './tensor/index.js';
export * from './functions/index.js';
export * from './layers/index.js';
export * from './nets/index.js';
export {
  kernels,
  setBackend,
  backendNames,
  registerBackend,
  referenceKernels,
  setThreads,
  threadCount,
  workersReady,
  wasmFma,
} from './kernels/index.js';
export type {
  Kernels,
  FloatArray,
  GemmArgs,
  UnaryOp,
  BinaryOp,
  ReduceOp,
  ArgReduceOp,
  ConvGeometry,
} from './kernels/index.js';
export * from './plot/index.js';
export * from './optimizers/index.js';
export * from './data/index.js';
export * from './io/index.js';
export * from './training/index.js';
