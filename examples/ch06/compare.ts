// Shared by the MNIST comparisons (book ch06/optimizer_compare_mnist.py and
// weight_init_compare.py): several nets trained side by side on the same batches.
import {
  Figure,
  smoothCurve,
  take,
  type Net,
  type Optimizer,
  type RandomState,
  type Tensor,
} from '../../src/index.js';
import { outputDir, save } from '../output.js';

export interface Contender {
  name: string;
  net: Net;
  optimizer: Optimizer;
}

export function trainSideBySide(
  contenders: Contender[],
  xTrain: Tensor,
  tTrain: Tensor,
  rng: RandomState,
  { iters, batchSize }: { iters: number; batchSize: number },
): Record<string, number[]> {
  const losses: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) {
    const mask = rng.choice(xTrain.shape[0], batchSize);
    const [x, t] = [take(xTrain, mask), take(tTrain, mask)];
    for (const c of contenders) {
      c.optimizer.update(c.net.params, c.net.gradient(x, t));
      losses[c.name].push(c.net.loss(x, t));
    }
    if (i % 100 === 0) {
      const secs = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(`===========iteration:${i} (${secs} s)===========`);
      for (const c of contenders) console.log(`${c.name}:${losses[c.name][i]}`);
    }
  }
  return losses;
}

/** Writes the smoothed loss curves (SVG) and the raw losses (JSON), and prints the final level. */
export function report(
  name: string,
  title: string,
  ylim: [number, number],
  contenders: Contender[],
  losses: Record<string, number[]>,
  settings: Record<string, number>,
): void {
  const fig = new Figure({ title, xlabel: 'iterations', ylabel: 'loss', ylim });
  for (const c of contenders)
    fig.line(
      losses[c.name].map((_, i) => i),
      smoothCurve(losses[c.name]),
      { label: c.name },
    );
  const dir = outputDir('ch06');
  save(dir, `${name}.svg`, fig.toSVG());
  save(dir, `${name}.json`, JSON.stringify({ ...settings, losses }) + '\n');
  const tail = (xs: number[]): number => xs.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, xs.length);
  for (const c of contenders) {
    console.log(
      `${c.name.padEnd(9)} mean loss over the last 100 iterations: ${tail(losses[c.name]).toFixed(4)}`,
    );
  }
}
