// A kernel backend that runs another (the wasm one) on resident operands: every typed array
// argument is copied into storage in the kernel module's memory before the call and back
// after it, so the shared kernel suite checks the in-place paths the Trainer takes (same
// arrays given twice stay the same resident array: in-place calls stay in place), and so are
// the arrays inside an argument object.
import type { FloatArray, Kernels } from '../../src/index.js';
import { allocateResident, freeStorage, residentAddress } from '../../src/kernels/wasm/resident.js';

const isFloat = (x: unknown): x is FloatArray => x instanceof Float32Array || x instanceof Float64Array;

export function residentKernels(inner: Kernels): Kernels {
  const wrapped: Record<string, unknown> = { ...inner, name: `${inner.name}-resident` };
  for (const [name, f] of Object.entries(inner)) {
    if (typeof f !== 'function' || name === 'allocate') continue;
    wrapped[name] = (...args: unknown[]) => {
      const copies = new Map<FloatArray, FloatArray>();
      const resident = (x: FloatArray): FloatArray => {
        let r = copies.get(x) ?? null;
        if (!r) {
          r = allocateResident(x instanceof Float32Array, x.length, false);
          if (!r) throw new Error(`residentKernels: no resident storage for ${x.length} elements`);
          if (residentAddress(r) < 0) throw new Error('residentKernels: storage is not resident');
          r.set(x);
          copies.set(x, r);
        }
        return r;
      };
      const mapped = args.map((a) => {
        if (isFloat(a) && a.length > 0) return resident(a);
        // an argument object's arrays too (gemm's a, b, c and bias; optimizerStep's state)
        if (typeof a === 'object' && a !== null && !Array.isArray(a) && !ArrayBuffer.isView(a)) {
          const fields = Object.entries(a).map(([k, v]) => [k, isFloat(v) && v.length > 0 ? resident(v) : v]);
          return Object.fromEntries(fields);
        }
        return a;
      });
      const result = (f as (...a: unknown[]) => unknown)(...mapped);
      for (const [original, copy] of copies) {
        original.set(copy);
        freeStorage(copy);
      }
      return result;
    };
  }
  return wrapped as unknown as Kernels;
}
