// The book's trained SimpleConvNet and DeepConvNet parameters (ch07/params.pkl and
// ch08/deep_convnet_params.pkl as safetensors, see book-weights/README.md), loaded into our
// nets: found under $SCRATCHNET_DATA/book-weights, then the cache, or given with --weights FILE.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeepConvNet, SimpleConvNet, deserializeNet, type DType } from '../src/index.js';
import { defaultCacheDir } from '../src/node.js';

const FILES = { simple: 'simple_convnet.safetensors', deep: 'deep_convnet.safetensors' } as const;

export function bookWeightsPath(net: keyof typeof FILES): string {
  const { values } = parseArgs({ options: { weights: { type: 'string' } }, strict: false });
  if (typeof values.weights === 'string') return values.weights;
  const dirs = [process.env.SCRATCHNET_DATA, defaultCacheDir()].filter((d): d is string => !!d);
  const found = dirs.map((d) => join(d, 'book-weights', FILES[net])).find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${FILES[net]} not found in ${dirs.map((d) => join(d, 'book-weights')).join(' or ')}; give it with --weights FILE`,
    );
  }
  return found;
}

/** A net of the book's architecture holding the book's trained parameters, in `dtype`. */
export function loadBookNet<K extends keyof typeof FILES>(
  net: K,
  dtype: DType = 'float64',
): K extends 'simple' ? SimpleConvNet : DeepConvNet {
  const path = bookWeightsPath(net);
  // deserializeNet recognises the book's files by their `net` metadata or their keys' shapes
  const { net: model } = deserializeNet(readFileSync(path), path, { dtype });
  const Wanted = net === 'simple' ? SimpleConvNet : DeepConvNet;
  if (!(model instanceof Wanted))
    throw new Error(`${path}: holds a ${model.constructor.name}, not a ${Wanted.name}`);
  return model as K extends 'simple' ? SimpleConvNet : DeepConvNet;
}
