// scratchnet predict MODEL IMAGE.png: the three most likely classes for a picture.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { datasetInfo, deserializeNet, loadDigitImage, softmax } from '../../src/node.js';
import { UsageError } from '../usage.js';

export async function predictCommand(args: string[]): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new UsageError('expected MODEL and IMAGE.png');
  const [modelPath, imagePath] = positionals;
  const { net, metadata } = deserializeNet(readFileSync(modelPath), modelPath);
  const x = await loadDigitImage(imagePath, net.dtype);
  const probs = softmax(net.predict(x).reshape(-1));
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
