// Node-only adapters: finding, downloading and caching datasets, atomic file writes, and
// the worker threads of the wasm kernels (started on import: one thread per core, or
// SCRATCHNET_THREADS).
import { startNodeWorkers } from './kernels/wasm/node-workers.js';

export * from './index.js';
export {
  loadMnist,
  locateMnist,
  readIdxGz,
  defaultCacheDir,
  type LoadMnistOptions,
} from './data/node/load.js';
export { downloadVerified, writeFileAtomic, sha256, type DownloadProgress } from './data/node/download.js';
export { startNodeWorkers };

startNodeWorkers();
