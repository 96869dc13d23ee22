// The shared gradient check for tests: backprop against float64 central differences,
// failing with the key, the worst index and both values.
import { expect } from 'vitest';
import {
  compareGradients,
  mul,
  numericalGradient,
  sum,
  type Layer,
  type Params,
  type Tensor,
} from '../../src/index.js';

export function expectGradientsClose(backprop: Params, numerical: Params, maxRel = 1e-6): void {
  for (const key of Object.keys(numerical)) {
    const bp = backprop[key];
    expect(bp, `gradient '${key}' missing from backprop`).toBeDefined();
    expect(bp.shape, `gradient '${key}' shape`).toEqual(numerical[key].shape);
    const c = compareGradients(bp, numerical[key]);
    if (!(c.maxRelError < maxRel)) {
      throw new Error(
        `gradient '${key}': max relative error ${c.maxRelError.toExponential(2)} at index ${c.worstIndex}: ` +
          `backprop ${c.backprop}, numerical ${c.numerical}`,
      );
    }
  }
}

/**
 * Checks a layer through the scalar L = Σ forward(x) ⊙ dout, whose gradient with respect
 * to the output is exactly dout: so backward(dout) must equal ∂L/∂x and ∂L/∂params.
 */
export function checkLayer(layer: Layer, x: Tensor, dout: Tensor, maxRel = 1e-6): void {
  const L = (): number => sum(mul(layer.forward(x, true), dout));
  const numerical: Params = { x: numericalGradient(L, x) };
  for (const [key, p] of Object.entries(layer.params)) numerical[key] = numericalGradient(L, p);
  layer.forward(x, true);
  const dx = layer.backward(dout);
  expectGradientsClose({ x: dx, ...layer.grads }, numerical, maxRel);
}
