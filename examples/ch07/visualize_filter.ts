// Book ch07/visualize_filter.py (figure 7-24): the 30 first-layer filters (5×5) of SimpleConvNet
// as images, at random initialisation, after a short training run here, and as the book's
// trained network has them: training turns noise into edge and blob detectors.
// Run: npx tsx examples/ch07/visualize_filter.ts [--iters 300] [--weights out/ch07/params.safetensors]
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Adam, RandomState, SimpleConvNet, Trainer, imageGrid, tile, type Tensor } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { bookWeightsPath, loadBookNet } from '../book-weights.js';
import { outputDir, save } from '../output.js';

const { values } = parseArgs({ options: { iters: { type: 'string' } }, strict: false });
const iters = Number(values.iters ?? 300);

/** The book's filter_show: W (FN, C, FH, FW), channel 0 of each filter, 8 per row. */
function filterShow(W: Tensor, title: string): string {
  const [FN, C, FH, FW] = W.shape;
  const images = Array.from({ length: FN }, (_, i) => ({
    data: W.data.subarray(i * C * FH * FW, i * C * FH * FW + FH * FW),
    width: FW,
    height: FH,
  }));
  return imageGrid(images, { cols: 8, scale: 10, gap: 4, title });
}

const rng = new RandomState(0);
const network = new SimpleConvNet({ rng, dtype: 'float32' });
// ランダム初期化後の重み (the weights after random initialisation)
const panels = [filterShow(network.params.W1.clone(), 'random initialisation (std 0.01)')];

const data = await loadMnist({ flatten: false, dtype: 'float32' });
const trainer = new Trainer({
  net: network,
  ...data,
  rng,
  iters,
  optimizer: new Adam(0.001),
  evalSamples: 1000,
});
const result = await trainer.train();
console.log(
  `trained ${result.iterations} iterations (${result.wallSeconds.toFixed(1)} s): ` +
    `test acc on 1,000 images ${result.final.testAcc}`,
);
panels.push(filterShow(network.params.W1, `after ${iters} iterations of Adam here`));

// 学習後の重み (the weights after learning): the book's trained network
const path = bookWeightsPath('simple');
const book = loadBookNet('simple');
const ours = !path.endsWith('simple_convnet.safetensors'); // --weights out/ch07/params.safetensors
panels.push(
  filterShow(
    book.params.W1,
    ours ? `trained: ${basename(path)}` : "the book's trained SimpleConvNet (98.9%)",
  ),
);
console.log(`W1 ${book.params.W1.shape.join('×')} from ${path}`);

save(outputDir('ch07'), 'visualize_filter.svg', tile(panels, 1, 436, 242));
