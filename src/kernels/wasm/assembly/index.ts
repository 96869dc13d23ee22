// Entry point of the WebAssembly kernels: everything the JS side (../index.ts) calls.
export { gemmF32, gemmF64, gemmSparseF32, gemmSparseF64 } from './gemm';
export { transposeF32, transposeF64 } from './transpose';
export { allFiniteF32, allFiniteF64, countZerosF32, countZerosF64 } from './scan';
export { binaryF32, binaryF64, binaryMixedF32, unaryF32, unaryF64, whereF32, whereF64 } from './elementwise';
