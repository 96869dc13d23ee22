// Reading the MODEL and IMAGE arguments: a folder is named as such (with the model it holds,
// if any) instead of surfacing a bare EISDIR.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deserializeNet, type DType, type LoadedModel } from '../src/node.js';

/** A file argument's bytes; a folder is an error naming the argument and the path. */
export function readInput(path: string, what: string): Buffer {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new Error(`${what} ${path} is a folder, not a file`);
  return readFileSync(path);
}

/** The model in `path`, computing in `dtype` if given (eval --dtype). */
export function readModel(path: string, dtype?: DType): LoadedModel {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const inside = join(path, 'model.safetensors');
    throw new Error(
      `MODEL ${path} is a folder, not a model file` +
        (existsSync(inside) ? ` (did you mean ${inside}?)` : ' (give the .safetensors file a run saved)'),
    );
  }
  return deserializeNet(readFileSync(path), path, dtype ? { dtype } : {});
}
