// Trained nets as files, for Node: saveModel writes serializeNet's safetensors bytes
// atomically, loadModel rebuilds the net with deserializeNet.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../data/node/download.js';
import { deserializeNet, serializeNet, type SavableNet } from '../checkpoint.js';

/**
 * Saves a trained net as a safetensors file (parameters under the book's keys, the
 * architecture in the metadata). The file is written whole or not at all: a temporary file
 * in the same folder, then a rename, so a failed save leaves any previous file intact.
 *
 * @param metadata - extra string or number entries stored in the file (e.g. `{ dataset: 'mnist' }`)
 * @example
 * ```ts
 * await saveModel(net, 'model.safetensors', { dataset: 'mnist' });
 * const again = await loadModel('model.safetensors');
 * ```
 */
export async function saveModel(
  net: SavableNet,
  path: string,
  metadata: Record<string, string | number> = {},
): Promise<void> {
  writeFileAtomic(path, serializeNet(net, metadata));
}

/**
 * Loads a net saved by `saveModel` (or `scratchnet train`), rebuilding its architecture from
 * the file's metadata; errors name the file and what does not fit.
 *
 * @example
 * ```ts
 * const net = await loadModel('runs/latest/model.safetensors');
 * const probs = predictProba(net, x);
 * ```
 */
export async function loadModel(path: string): Promise<SavableNet> {
  return deserializeNet(await readFile(path), path).net;
}
