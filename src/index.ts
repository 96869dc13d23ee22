// scratchnet's public API: the book's names, NumPy's where the book has none.
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
} from './kernels/index.js';
export * from './plot/index.js';
export * from './optimizers/index.js';
export * from './data/index.js';
export * from './io/index.js';
export * from './training/index.js';
