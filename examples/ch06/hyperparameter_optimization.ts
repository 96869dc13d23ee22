// Book ch06/hyperparameter_optimization.py: random search of the learning rate
// (10^U(−6, −2)) and weight decay (10^U(−8, −4)) for a seven-layer net on 400 training
// images, judged on a validation split of 100; the best 20 trials plotted (figure 6-24).
// Run: npx tsx examples/ch06/hyperparameter_optimization.ts [--trials 100] [--epochs 50]
import { parseArgs } from 'node:util';
import { Figure, MultiLayerNet, RandomState, SGD, Trainer, sliceRows, take, tile } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { outputDir, save } from '../output.js';

const { values } = parseArgs({
  options: { trials: { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' } },
  strict: false,
});
const trials = Number(values.trials ?? 100);
const epochs = Number(values.epochs ?? 50);
const rng = new RandomState(Number(values.seed ?? 0));

const d = await loadMnist({ dtype: 'float32' });
// x_train[:500], shuffled (the book's shuffle_dataset), then 20% held out for validation
const perm = rng.permutation(500);
const [x, t] = [take(sliceRows(d.xTrain, 0, 500), perm), take(sliceRows(d.tTrain, 0, 500), perm)];
const validationNum = Math.floor(500 * 0.2);
const data = {
  xTest: sliceRows(x, 0, validationNum),
  tTest: sliceRows(t, 0, validationNum),
  xTrain: sliceRows(x, validationNum),
  tTrain: sliceRows(t, validationNum),
};

interface Trial {
  lr: number;
  weightDecay: number;
  valAcc: number[];
  trainAcc: number[];
}
const results: Trial[] = [];
const t0 = performance.now();
for (let i = 0; i < trials; i++) {
  const weightDecay = 10 ** rng.uniform(-8, -4).data[0];
  const lr = 10 ** rng.uniform(-6, -2).data[0];
  const net = new MultiLayerNet({
    inputSize: 784,
    hiddenSizeList: [100, 100, 100, 100, 100, 100],
    outputSize: 10,
    weightDecayLambda: weightDecay,
    rng,
    dtype: 'float32',
  });
  const trainer = new Trainer({ net, ...data, rng, epochs, batchSize: 100, optimizer: new SGD(lr) });
  const trial: Trial = { lr, weightDecay, valAcc: [], trainAcc: [] };
  trainer.on('epoch', (e) => {
    trial.valAcc.push(e.testAcc);
    trial.trainAcc.push(e.trainAcc);
  });
  await trainer.train();
  results.push(trial);
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `trial ${i + 1}/${trials}: val acc ${trial.valAcc.at(-1)!.toFixed(2)} | lr ${lr.toExponential(3)}, weight decay ${weightDecay.toExponential(3)} (${secs} s)`,
  );
}

const best = [...results].sort((a, b) => b.valAcc.at(-1)! - a.valAcc.at(-1)!).slice(0, 20);
console.log('=========== Hyper-Parameter Optimization Result ===========');
best.forEach((r, i) =>
  console.log(`Best-${i + 1}(val acc:${r.valAcc.at(-1)}) | lr:${r.lr}, weight decay:${r.weightDecay}`),
);
const svgs = best.map((r, i) => {
  const e = r.valAcc.map((_, k) => k);
  return new Figure({
    title: `Best-${i + 1}: lr ${r.lr.toExponential(1)}, λ ${r.weightDecay.toExponential(1)}`,
    ylim: [0, 1],
    width: 300,
    height: 200,
  })
    .line(e, r.valAcc, { color: '#1f77b4' })
    .line(e, r.trainAcc, { color: '#888', dash: '4 3' })
    .toSVG();
});
const dir = outputDir('ch06');
save(dir, 'hyperparameter_optimization.svg', tile(svgs, 5, 300, 200));
save(dir, 'hyperparameter_optimization.json', JSON.stringify({ trials, epochs, results }) + '\n');
