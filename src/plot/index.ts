export { Figure, PALETTE, type FigureOptions, type SeriesStyle } from './figure.js';
export { niceTicks } from './ticks.js';
export { smoothCurve } from './smooth.js';
export { tile } from './tile.js';
export { imageGrid, type GridImage, type ImageGridOptions } from './image-grid.js';
