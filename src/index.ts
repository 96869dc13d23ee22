/**
 * scratchnet's public API, for Node.js and browsers alike: the book's names, NumPy's where the
 * book has none — tensors and their ops, activation and loss functions, layers, nets,
 * optimizers, the Trainer, IDX and safetensors parsing, SVG figures and the kernel backends.
 * `scratchnet/node` and `scratchnet/browser` add the platform adapters (loading MNIST, threads).
 *
 * The API by book chapter:
 *
 * - Tensors (NumPy, book §1.5, §3.3): {@link Tensor}, {@link tensor}, {@link zeros}, {@link ones},
 *   {@link full}, {@link arange}, {@link scalar}; {@link add}, {@link sub}, {@link mul}, {@link div},
 *   {@link pow}, {@link maximum}, {@link minimum}, {@link where}, {@link exp}, {@link log}, {@link sqrt} and
 *   the rest, with NumPy's broadcasting; {@link sum}, {@link mean}, {@link max}, {@link min}, {@link argmax},
 *   {@link argmin}; {@link dot}, {@link gemm}, {@link transpose}; {@link take}, {@link sliceRows},
 *   {@link takeAlongRows}, {@link oneHot}; {@link RandomState}; half precision (§8.3.4): {@link f16round},
 *   {@link roundFloat16}.
 * - Functions (ch. 3–4): {@link stepFunction}, {@link sigmoid}, {@link relu}, {@link identity},
 *   {@link softmax}; {@link sumSquaresError}, {@link crossEntropyError}; {@link numericalDiff},
 *   {@link numericalGradient}, {@link gradientDescent}.
 * - Layers (ch. 5–6): {@link Layer}, {@link MulLayer}, {@link AddLayer}, {@link Relu}, {@link Sigmoid},
 *   {@link Affine}, {@link SoftmaxWithLoss}, {@link BatchNormalization}, {@link Dropout}.
 * - Nets: {@link Net}, {@link SimpleNet}, {@link TwoLayerNet}, {@link MultiLayerNet},
 *   {@link MultiLayerNetExtend}, {@link initScale}, {@link gradientCheck}.
 * - Optimizers (§6.1): {@link SGD}, {@link Momentum}, {@link Nesterov}, {@link AdaGrad}, {@link RMSprop},
 *   {@link Adam}, {@link OPTIMIZERS}.
 * - Training: {@link Trainer}, {@link evaluateAccuracy}; saving nets: {@link serializeNet},
 *   {@link deserializeNet} (safetensors: {@link encodeSafetensors}, {@link decodeSafetensors}).
 * - Data: {@link parseIdx}, {@link mnistFromIdx}, {@link digitToMnist}, {@link DATASETS} (Node's `loadMnist`
 *   is in `scratchnet/node`).
 * - Figures: {@link Figure}, {@link smoothCurve}, {@link tile}, {@link imageGrid}.
 * - Convolutions (ch. 7): {@link im2col}, {@link col2im}.
 * - Kernels: {@link Kernels}, {@link kernels}, {@link setBackend}, {@link referenceKernels},
 *   {@link setThreads}.
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
  OptimizerStep,
} from './kernels/index.js';
export * from './plot/index.js';
export * from './optimizers/index.js';
export * from './data/index.js';
export * from './io/index.js';
export * from './training/index.js';
