// Initial weight scales (book 6.2): a fixed standard deviation, Xavier's √(1/n) or He's
// √(2/n), where n is the number of inputs to the layer. 'sigmoid' and 'relu' are the
// book's aliases for Xavier and He.

export type WeightInit = number | 'xavier' | 'he' | 'sigmoid' | 'relu';

export const WEIGHT_INITS = ['xavier', 'he', 'sigmoid', 'relu'] as const;

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
