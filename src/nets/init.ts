// Initial weight scales (book 6.2): a fixed standard deviation, Xavier's √(1/n) or He's
// √(2/n), where n is the number of inputs to the layer. 'sigmoid' and 'relu' are the
// book's aliases for Xavier and He.

/**
 * An initial weight scale: a standard deviation, or a named rule — `'xavier'`/`'sigmoid'` (√(1/n))
 * or `'he'`/`'relu'` (√(2/n)), where n is the layer's number of inputs (book §6.2).
 */
export type WeightInit = number | 'xavier' | 'he' | 'sigmoid' | 'relu';

/** The named weight-init rules, for command lines and menus. */
export const WEIGHT_INITS = ['xavier', 'he', 'sigmoid', 'relu'] as const;

/**
 * The standard deviation of a layer's initial weights (book §6.2.2–6.2.3): `init` itself if it is a
 * number, √(1/fanIn) for Xavier (`'xavier'`, the book's `'sigmoid'`), √(2/fanIn) for He (`'he'`, `'relu'`).
 *
 * @param fanIn - the layer's number of inputs
 */
export function initScale(init: WeightInit, fanIn: number): number {
  if (typeof init === 'number') {
    if (!(init > 0) || !Number.isFinite(init))
      throw new Error(`weight init: a standard deviation must be positive, got ${init}`);
    return init;
  }
  switch (init) {
    case 'he':
    case 'relu':
      return Math.sqrt(2 / fanIn);
    case 'xavier':
    case 'sigmoid':
      return Math.sqrt(1 / fanIn);
    default:
      throw new Error(
        `weight init: unknown '${String(init)}' (use a number, 'xavier', 'he', 'sigmoid' or 'relu')`,
      );
  }
}
