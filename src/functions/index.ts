export * from './activations.js';
export { crossEntropyError, sumSquaresError } from './losses.js';
export * from './numerical.js';
