// Shared by the MNIST comparisons (book ch06/optimizer_compare_mnist.py and
// weight_init_compare.py): several nets trained side by side on the same batches.
import type { RandomState } from '../../src/index.js';
import { take, type Net, type Optimizer, type Tensor } from '../../src/index.js';

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
