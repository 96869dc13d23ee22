// Book ch06/overfit_weight_decay.py: a seven-layer net (6 × 100 ReLU) on 300 training
// images overfits (figure 6-20); weight decay λ = 0.1 narrows the gap (figure 6-21).
// Run: npx tsx examples/ch06/overfit_weight_decay.ts
import { MultiLayerNet, RandomState, tile } from '../../src/index.js';
import { outputDir, save } from '../output.js';
import { overfitData, overfitFigure, trainAndTrack } from './overfit.js';

const data = await overfitData();
const runs = [];
for (const lambda of [0, 0.1]) {
  const rng = new RandomState(0);
  const net = new MultiLayerNet({
    inputSize: 784,
    hiddenSizeList: [100, 100, 100, 100, 100, 100],
    outputSize: 10,
    weightDecayLambda: lambda,
    rng,
    dtype: 'float32',
  });
  // the book's loop: 201 evaluations, one every 3 iterations, from iteration 0 to 600
  runs.push(
    await trainAndTrack(
      lambda === 0 ? 'no weight decay (figure 6-20)' : 'weight decay λ = 0.1 (figure 6-21)',
      net,
      data,
      rng,
      { iters: 601 },
    ),
  );
}
const dir = outputDir('ch06');
save(dir, 'overfit_weight_decay.svg', tile(runs.map(overfitFigure), 2, 480, 340));
save(dir, 'overfit_weight_decay.json', JSON.stringify(runs) + '\n');
