// The book's trained SimpleConvNet and DeepConvNet parameters (ch07/params.pkl and
// ch08/deep_convnet_params.pkl as safetensors, see book-weights/README.md), loaded into our
// nets: found under $SCRATCHNET_DATA/book-weights, then the cache, or given with --weights FILE.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DeepConvNet,
  RandomState,
  SimpleConvNet,
  decodeSafetensors,
  formatShape,
  type DType,
} from '../src/index.js';
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
  const { tensors } = decodeSafetensors(readFileSync(path), path);
  const rng = new RandomState(0); // the initial weights are replaced below
  const model = net === 'simple' ? new SimpleConvNet({ rng, dtype }) : new DeepConvNet({ rng, dtype });
  for (const [key, p] of Object.entries(model.params)) {
    const t = tensors[key];
    if (!t || t.shape.join() !== p.shape.join()) {
      throw new Error(
        `${path}: ${key} is ${t ? formatShape(t.shape) : 'missing'}, the net needs ${formatShape(p.shape)}`,
      );
    }
    p.data.set(t.data);
  }
  return model as K extends 'simple' ? SimpleConvNet : DeepConvNet;
}
