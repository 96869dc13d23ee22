// The `js` backend: the reference kernels with a faster GEMM (see js/gemm.ts).
import { referenceKernels } from '../reference/index.js';
import type { Kernels } from '../types.js';
import { gemm } from './gemm.js';

export const jsKernels: Kernels = { ...referenceKernels, name: 'js', gemm };
