// The `js` backend: the reference kernels with a faster GEMM (js/gemm.ts), and loops of
// their own for elementwise ops (js/elementwise.ts) and reductions (js/reduce.ts).
import { referenceKernels } from '../reference/index.js';
import type { Kernels } from '../types.js';
import { binary, unary, where } from './elementwise.js';
import { gemm } from './gemm.js';
import { reduce } from './reduce.js';

/** The `js` backend: the reference kernels with a faster GEMM, elementwise loops and reductions. */
export const jsKernels: Kernels = { ...referenceKernels, name: 'js', gemm, binary, unary, where, reduce };
