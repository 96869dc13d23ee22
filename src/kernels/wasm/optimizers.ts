// `Kernels.optimizerStep` on WebAssembly SIMD (assembly/optimizers.ts): one pass over a
// parameter, its gradient and its state, in place where they are resident (the optimizers'
// state is allocated like any tensor, so in training nothing is staged). Twin of
// ../reference/optimizers.ts, equal to it bit for bit.
import { optimizerStep as referenceOptimizerStep } from '../reference/optimizers.js';
import type { FloatArray, OptimizerStep } from '../types.js';
import { forChunks } from './elementwise.js';
import { heap, layout, put, sameType, take, wasm } from './module.js';
import { residentAddress } from './resident.js';

// below this many elements, if anything must be staged, the JavaScript loop finishes first
const MIN_SIZE = 256;

// rule codes of assembly/optimizers.ts
const RULES = { momentum: 0, nesterov: 1, adagrad: 2, rmsprop: 3, adam: 4 } as const;

/** The state arrays of a step (read and written) and the rule's numbers a, b, c. */
function unpack(step: OptimizerStep): [FloatArray[], number, number, number] {
  switch (step.rule) {
    case 'momentum':
    case 'nesterov':
      return [[step.v], step.lr, step.momentum, 0];
    case 'adagrad':
      return [[step.h], step.lr, 0, 0];
    case 'rmsprop':
      return [[step.h], step.lr, step.decayRate, 0];
    case 'adam':
      return [[step.m, step.v], step.lrT, step.beta1, step.beta2];
  }
}

/** `Kernels.optimizerStep` on WebAssembly SIMD (the reference's result, bit for bit). */
export function optimizerStep(param: FloatArray, grad: FloatArray, step: OptimizerStep): void {
  const [state, a, b, c] = unpack(step);
  const operands = [param, grad, ...state];
  const n = param.length;
  const addresses = operands.map(residentAddress);
  const resident = addresses.every((at) => at >= 0);
  if (!operands.every((x) => sameType(x, param) && x.length === n) || (!resident && n < MIN_SIZE)) {
    referenceOptimizerStep(param, grad, step);
    return;
  }
  const f32 = param instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const run = f32 ? wasm!.optimizerStepF32 : wasm!.optimizerStepF64;
  const rule = RULES[step.rule];
  if (resident) {
    // in place, in one call: an element's update reads and writes only its own index
    run(rule, addresses[0], addresses[1], addresses[2], addresses[3] ?? 0, n, a, b, c);
    return;
  }
  // the operands not resident are staged a chunk at a time; all but grad are copied back
  forChunks(n, 1, (from, count) => {
    const staged = layout(
      size,
      addresses.map((at) => (at < 0 ? count : 0)),
    );
    const view = heap(param);
    const at = operands.map((x, i) => {
      if (addresses[i] >= 0) return addresses[i] + from * size;
      put(view, staged[i], x.subarray(from, from + count), count);
      return staged[i];
    });
    run(rule, at[0], at[1], at[2], at[3] ?? 0, count, a, b, c);
    operands.forEach((x, i) => {
      if (i !== 1 && addresses[i] < 0) take(view, staged[i], x.subarray(from, from + count), count);
    });
  });
}
