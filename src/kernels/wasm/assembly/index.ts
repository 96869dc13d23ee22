// Entry point of the WebAssembly kernels: everything the JS side (../*.ts) calls.
export { denseScratchBytes, gemmF32, gemmF64, packPanelsF32, packPanelsF64, panelBytes } from './gemm';
export {
  gemmSparseF32,
  gemmSparseF64,
  packWideF32,
  packWideF64,
  widePanelBytes,
  sparseScratchBytes,
} from './sparse';
export { col2imF32, col2imF64, im2colF32, im2colF64 } from './im2col';
export { transposeF32, transposeF64 } from './transpose';
export { countZerosF32, countZerosF64 } from './scan';
export {
  binaryF32,
  binaryF64,
  binaryMixedF32,
  sgdStepF32,
  sgdStepF64,
  unaryF32,
  unaryF64,
  whereF32,
  whereF64,
} from './elementwise';
export { optimizerStepF32, optimizerStepF64 } from './optimizers';
export { maxPoolF32, maxPoolF64, maxPoolBackwardF32, maxPoolBackwardF64 } from './pooling';
export {
  convBackwardF32,
  convBackwardF64,
  convForwardF32,
  convForwardF64,
  convScratchBytes,
  sumPartsF32,
  sumPartsF64,
} from './convolution';
export { argRowsF32, argRowsF64, sumStridedF32, sumStridedF64 } from './reduce';
export { gatherRows } from './gather';
export { expF64, softmaxF32, softmaxF64, softmaxGradF32, softmaxGradF64 } from './losses';
