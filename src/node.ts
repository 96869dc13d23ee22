/**
 * Everything in `scratchnet`, plus Node-only adapters: finding, downloading and caching datasets
 * ({@link loadMnist}), atomic file writes, model files ({@link saveModel}, {@link loadModel}) and
 * PNG digit pictures ({@link loadDigitImage}), the worker threads of the wasm kernels (started on import:
 * one thread per core, or SCRATCHNET_THREADS), and results allocated without the zero fill.
 *
 * @example
 * ```ts
 * import { loadMnist, TwoLayerNet, RandomState } from 'scratchnet/node';
 * const { xTrain, tTrain } = await loadMnist({ normalize: true, oneHotLabel: true });
 * ```
 * @module
 */
import { startNodeWorkers, startNodeWorkersFromEnv } from './kernels/wasm/node-workers.js';
import { setResultAllocator } from './tensor/dtype.js';

export * from './index.js';
export {
  loadMnist,
  locateMnist,
  readIdxGz,
  defaultCacheDir,
  type LoadMnistOptions,
} from './data/node/load.js';
export {
  downloadVerified,
  writeFileAtomic,
  sha256,
  type DownloadProgress,
  type DownloadOptions,
} from './data/node/download.js';
export { loadDigitImage, decodePng, MAX_PNG_PIXELS } from './data/node/digit-png.js';
export { saveModel, loadModel } from './training/node/model-file.js';
export { startNodeWorkers };

// never throws: a bad SCRATCHNET_THREADS is reported by the first use of the kernels
startNodeWorkersFromEnv();
// Ops' results are written in full by their kernels (the kernel tests poison outputs with
// NaN to check it), so they may start as unfilled memory: Buffer.allocUnsafeSlow.
setResultAllocator((dtype, size) => {
  const bytes = Buffer.allocUnsafeSlow(size * (dtype === 'float32' ? 4 : 8));
  return dtype === 'float32'
    ? new Float32Array(bytes.buffer, bytes.byteOffset, size)
    : new Float64Array(bytes.buffer, bytes.byteOffset, size);
});
