// Node-only adapters: finding, downloading and caching datasets, atomic file writes.
export * from './index.js';
export {
  loadMnist,
  locateMnist,
  readIdxGz,
  defaultCacheDir,
  type LoadMnistOptions,
} from './data/node/load.js';
export { downloadVerified, writeFileAtomic, sha256, type DownloadProgress } from './data/node/download.js';
