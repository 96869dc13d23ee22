// Trained nets in the browser: a Blob to download or store (serializeNet's safetensors
// bytes), and a net rebuilt from a File, Blob or bytes (deserializeNet).
import { deserializeNet, serializeNet, type SavableNet } from '../checkpoint.js';

/**
 * The safetensors file of a net as a Blob, for a download link or IndexedDB; the same
 * bytes `saveModel` writes in Node.
 *
 * @param metadata - extra string or number entries stored in the file (e.g. `{ dataset: 'mnist' }`)
 * @example
 * ```ts
 * const a = Object.assign(document.createElement('a'), {
 *   href: URL.createObjectURL(modelToBlob(net)),
 *   download: 'model.safetensors',
 * });
 * a.click();
 * ```
 */
export function modelToBlob(net: SavableNet, metadata: Record<string, string | number> = {}): Blob {
  return new Blob([serializeNet(net, metadata) as Uint8Array<ArrayBuffer>], {
    type: 'application/octet-stream',
  });
}

/**
 * Rebuilds a net from a safetensors file made by `saveModel`, `modelToBlob` or
 * `scratchnet train`: a File (as from `<input type="file">`), a Blob, or its bytes.
 *
 * @example
 * ```ts
 * const net = await loadModel(input.files[0]);
 * ```
 */
export async function loadModel(source: Blob | ArrayBuffer | Uint8Array): Promise<SavableNet> {
  const name = typeof File !== 'undefined' && source instanceof File ? source.name : 'model';
  const bytes =
    source instanceof Uint8Array
      ? source
      : new Uint8Array(source instanceof Blob ? await source.arrayBuffer() : source);
  return deserializeNet(bytes, name).net;
}
