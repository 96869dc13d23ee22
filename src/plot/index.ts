export { Figure, PALETTE, type FigureOptions, type SeriesStyle } from './figure.js';
export { niceTicks } from './ticks.js';
