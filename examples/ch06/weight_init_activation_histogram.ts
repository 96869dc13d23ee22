// Book ch06/weight_init_activation_histogram.py: 1000 random inputs through five layers of
// 100 units; histograms of each layer's activations for weights of std 1, 0.01, Xavier
// (√(1/n)) and He (√(2/n)), with sigmoid, tanh and ReLU (figures 6-10 to 6-14).
// Run: npx tsx examples/ch06/weight_init_activation_histogram.ts
import {
  Figure,
  RandomState,
  dot,
  mean,
  mul,
  relu,
  sigmoid,
  square,
  sub,
  tanh,
  tile,
  type Tensor,
} from '../../src/index.js';
import { outputDir, save } from '../output.js';

const activations: Record<string, (x: Tensor) => Tensor> = { sigmoid, tanh, relu };
const scales: [string, number][] = [
  ['std 1', 1],
  ['std 0.01', 0.01],
  ['Xavier', Math.sqrt(1 / 100)],
  ['He', Math.sqrt(2 / 100)],
];
const BINS = 30;

function histogram(values: ArrayLike<number>, lo: number, hi: number): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue; // like plt.hist(..., range=(lo, hi))
    counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))]++;
  }
  return counts;
}

const results: Record<string, Record<string, number[][]>> = {};
const svgs: string[] = [];
for (const [actName, f] of Object.entries(activations)) {
  results[actName] = {};
  const [lo, hi] = actName === 'tanh' ? [-1, 1] : [0, 1];
  for (const [scaleName, scale] of scales) {
    const rng = new RandomState(0);
    let x = rng.randn(1000, 100);
    const layers: number[][] = [];
    const stds: number[] = [];
    for (let i = 0; i < 5; i++) {
      x = f(dot(x, mul(rng.randn(100, 100), scale)));
      layers.push(histogram(x.data, lo, hi));
      stds.push(Math.sqrt(mean(square(sub(x, mean(x))))));
    }
    results[actName][scaleName] = layers;
    results[actName][`${scaleName}: std per layer`] = [stds];
    const fig = new Figure({
      title: `${actName}, ${scaleName}`,
      xlabel: 'activation',
      ylabel: 'count',
      width: 420,
      height: 300,
    });
    const centers = Array.from({ length: BINS }, (_, b) => lo + ((b + 0.5) * (hi - lo)) / BINS);
    layers.forEach((counts, i) => fig.line(centers, counts, { label: `layer ${i + 1}` }));
    svgs.push(fig.toSVG());
    console.log(
      `${actName.padEnd(8)} ${scaleName.padEnd(8)} std of activations, layers 1-5: ${stds.map((v) => v.toFixed(3)).join(' ')}`,
    );
  }
}
const dir = outputDir('ch06');
save(dir, 'weight_init_activation_histogram.svg', tile(svgs, 4, 420, 300));
save(dir, 'weight_init_activation_histogram.json', JSON.stringify({ bins: BINS, results }) + '\n');
