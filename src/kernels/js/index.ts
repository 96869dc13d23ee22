// The `js` backend: the reference kernels with a faster GEMM (js/gemm.ts) and
// specialized loops for the common elementwise ops (js/elementwise.ts).
import { referenceKernels } from '../reference/index.js';
import type { Kernels } from '../types.js';
import { binary, unary } from './elementwise.js';
import { gemm } from './gemm.js';

export const jsKernels: Kernels = { ...referenceKernels, name: 'js', gemm, binary, unary };
