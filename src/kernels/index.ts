// Picks the kernel backend every tensor op runs on.
import { jsKernels } from './js/index.js';
import { referenceKernels } from './reference/index.js';
import { setEnvProblem, throwEnvProblem } from './env.js';
import type { Kernels } from './types.js';
import { wasmKernels } from './wasm/index.js';
export { wasmFma } from './wasm/index.js';

export type * from './types.js';
export { referenceKernels } from './reference/index.js';
export { jsKernels } from './js/index.js';
export { setThreads, threadCount, workersReady } from './wasm/pool.js';
export {
  adoptStorage,
  collectStorage,
  isStorageView,
  releaseStorage,
  storageOf,
  storageView,
  type Storage,
} from './wasm/resident.js';

const registry = new Map<string, Kernels>([
  ['reference', referenceKernels],
  ['js', jsKernels],
  ...(wasmKernels ? [['wasm', wasmKernels] as const] : []),
]);

// The fastest backend by default (wasm where WebAssembly SIMD runs, else js);
// SCRATCHNET_BACKEND names another (read once, at load). An unknown name must not make the
// import throw: it is reported by the first kernels() call, unless setBackend chose first.
const requested = typeof process !== 'undefined' ? process.env?.SCRATCHNET_BACKEND : undefined;
let active: Kernels = (requested && registry.get(requested)) || (wasmKernels ?? jsKernels);
if (requested && !registry.has(requested)) {
  setEnvProblem(
    'SCRATCHNET_BACKEND',
    new Error(
      `SCRATCHNET_BACKEND='${requested}' is not a kernel backend (available: ${[...registry.keys()].join(', ')})`,
    ),
  );
}

function pick(name: string): Kernels {
  const k = registry.get(name);
  if (!k) throw new Error(`unknown kernel backend '${name}' (available: ${[...registry.keys()].join(', ')})`);
  return k;
}

/**
 * The backend every tensor op runs on now: `wasm` by default where WebAssembly SIMD runs, else
 * `js`; the environment variable `SCRATCHNET_BACKEND` names another (read once, at load). Throws,
 * naming the variable, if SCRATCHNET_BACKEND or SCRATCHNET_THREADS is invalid (importing never does).
 */
export function kernels(): Kernels {
  throwEnvProblem();
  return active;
}

/** The active backend without checking the environment variables: storage allocation must not throw. */
export const activeBackend = (): Kernels => active;

/** Makes a backend available to {@link setBackend} under its `name` (replacing one of the same name). */
export function registerBackend(k: Kernels): void {
  registry.set(k.name, k);
}

/** The names of the backends available here: `reference`, `js`, and `wasm` where WebAssembly SIMD runs. */
export function backendNames(): string[] {
  return [...registry.keys()];
}

/**
 * Switches every following op to the named backend; throws naming the available ones if there is none.
 *
 * @example
 * ```ts
 * setBackend('reference'); // the plain loops: slow, the definition
 * setBackend('wasm');
 * ```
 */
export function setBackend(name: string): void {
  active = pick(name);
  setEnvProblem('SCRATCHNET_BACKEND', undefined);
}
