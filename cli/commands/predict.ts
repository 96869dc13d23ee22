// scratchnet predict MODEL IMAGE.png: the three most likely classes for a picture.
import { parseArgs } from 'node:util';
import {
  DeepConvNet,
  NoDigitError,
  SimpleConvNet,
  datasetInfo,
  decodePng,
  digitToMnist,
  softmax,
  type Tensor,
} from '../../src/node.js';
import { readInput, readModel } from '../model-file.js';
import { UsageError } from '../usage.js';

/** The exit status when the picture holds no digit (documented in predict's usage). */
export const NO_DIGIT_EXIT = 3;

export async function predictCommand(args: string[]): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new UsageError('expected MODEL and IMAGE.png');
  const [modelPath, imagePath] = positionals;
  const { net, metadata } = readModel(modelPath);
  let x: Tensor;
  try {
    x = digitToMnist(decodePng(readInput(imagePath, 'IMAGE'), imagePath), net.dtype);
  } catch (e) {
    if (!(e instanceof NoDigitError)) throw e;
    if (v.json) console.log(JSON.stringify({ image: imagePath, top: [], noDigit: true }));
    console.error(`scratchnet predict: ${imagePath}: ${e.message}`);
    return NO_DIGIT_EXIT;
  }
  // a conv net sees the picture as one (1, 1, 28, 28) image
  const conv = net instanceof SimpleConvNet || net instanceof DeepConvNet;
  const probs = softmax(net.predict(conv ? x.reshape(1, 1, 28, 28) : x).reshape(-1));
  const classes = datasetInfo(metadata.dataset === 'fashion-mnist' ? 'fashion-mnist' : 'mnist').classes;
  const top = [...probs.data]
    .map((p, i) => ({ class: i, name: classes[i] ?? String(i), probability: p }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, 3);
  if (v.json) console.log(JSON.stringify({ image: imagePath, top }));
  else
    for (const t of top) console.log(`${t.name.padEnd(12)} ${(100 * t.probability).toFixed(2).padStart(6)}%`);
  return 0;
}
