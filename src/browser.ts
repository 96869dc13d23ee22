/**
 * Everything in `scratchnet`, plus browser adapters: the Web Workers of the wasm kernels,
 * started on import (one thread per logical core) where the page is cross-origin isolated;
 * elsewhere kernels run on one thread. Digit pictures from files, canvases and ImageData
 * ({@link loadDigitImage}); models to and from Blobs ({@link modelToBlob}, {@link loadModel}).
 *
 * @module
 */
import { startWebWorkers } from './kernels/wasm/web-workers.js';

export * from './index.js';
export { startWebWorkers };
export { loadDigitImage, type DigitImageSource } from './data/browser/digit-image.js';
export { modelToBlob, loadModel } from './training/browser/model-blob.js';

startWebWorkers();
