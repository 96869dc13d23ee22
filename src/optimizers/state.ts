// Per-parameter state (velocities, squared-gradient sums) created on the first update,
// shaped like each parameter — the book's `if self.v is None: …zeros_like…`.
import { zerosLike, type Tensor } from '../tensor/index.js';
import type { TensorMap } from './optimizer.js';

/** `state`, or (on the first update) zeros shaped like each parameter: the book's `if self.v is None`. */
export function stateLike(state: TensorMap | null, params: TensorMap): TensorMap {
  if (state) return state;
  const out: TensorMap = {};
  for (const [key, p] of Object.entries(params)) out[key] = zerosLike(p);
  return out;
}

/** The gradient for `key`; throws naming the optimizer and the key if there is none. */
export function gradFor(grads: TensorMap, key: string, who: string): Tensor {
  const g = grads[key];
  if (!g) throw new Error(`${who}.update: no gradient for parameter '${key}'`);
  return g;
}

/** Returns `v` if it is a finite number in (0, max]; else throws naming the optimizer and the setting. */
export function checkRate(who: string, name: string, v: number, max = Infinity): number {
  if (!(v > 0) || !(v <= max) || !Number.isFinite(v)) {
    throw new Error(
      `${who}: ${name} must be a positive number${max < Infinity ? ` <= ${max}` : ''}, got ${v}`,
    );
  }
  return v;
}
