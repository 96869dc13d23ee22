// Picks the kernel backend every tensor op runs on.
import { referenceKernels } from './reference/index.js';
import type { Kernels } from './types.js';

export type * from './types.js';
export { referenceKernels } from './reference/index.js';

let active: Kernels = referenceKernels;
const registry = new Map<string, Kernels>([['reference', referenceKernels]]);

/** The backend in use. */
export function kernels(): Kernels {
  return active;
}

/** Makes a backend available under its name (later: wasm, threads). */
export function registerBackend(k: Kernels): void {
  registry.set(k.name, k);
}

export function backendNames(): string[] {
  return [...registry.keys()];
}

/** Switches every following op to the named backend. */
export function setBackend(name: string): void {
  const k = registry.get(name);
  if (!k) throw new Error(`setBackend: unknown backend '${name}' (available: ${backendNames().join(', ')})`);
  active = k;
}
