// Book ch06/batch_norm_test.py: five hidden layers of 100 ReLU units on 1000 training
// images, with and without batch normalization, for 16 initial weight scales from 1 to
// 1e-4; train accuracy per epoch (figures 6-18 and 6-19).
// Run: npx tsx examples/ch06/batch_norm_test.ts [--epochs 20]
import { parseArgs } from 'node:util';
import { Figure, MultiLayerNetExtend, RandomState, SGD, sliceRows, take, tile } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { outputDir, save } from '../output.js';

const { values } = parseArgs({
  options: { epochs: { type: 'string' }, seed: { type: 'string' } },
  strict: false,
});
const maxEpochs = Number(values.epochs ?? 20);
const rng = new RandomState(Number(values.seed ?? 0));
const all = await loadMnist({ dtype: 'float32' });
const [xTrain, tTrain] = [sliceRows(all.xTrain, 0, 1000), sliceRows(all.tTrain, 0, 1000)];
const [trainSize, batchSize] = [1000, 100];
const iterPerEpoch = Math.max(trainSize / batchSize, 1);

function train(weightInitStd: number): { plain: number[]; bn: number[] } {
  const make = (useBatchnorm: boolean) =>
    new MultiLayerNetExtend({
      inputSize: 784,
      hiddenSizeList: [100, 100, 100, 100, 100],
      outputSize: 10,
      weightInitStd,
      useBatchnorm,
      rng,
      dtype: 'float32',
    });
  const [bnNet, net] = [make(true), make(false)];
  const optimizer = new SGD(0.01);
  const acc = { plain: [] as number[], bn: [] as number[] };
  for (let i = 0; acc.plain.length < maxEpochs; i++) {
    const mask = rng.choice(trainSize, batchSize);
    const [x, t] = [take(xTrain, mask), take(tTrain, mask)];
    for (const n of [bnNet, net]) optimizer.update(n.params, n.gradient(x, t));
    if (i % iterPerEpoch === 0) {
      acc.plain.push(net.accuracy(xTrain, tTrain));
      acc.bn.push(bnNet.accuracy(xTrain, tTrain));
    }
  }
  return acc;
}

const scales = Array.from({ length: 16 }, (_, i) => 10 ** (-4 * (i / 15))); // np.logspace(0, -4, 16)
const results: { weightInitStd: number; plain: number[]; bn: number[] }[] = [];
const svgs: string[] = [];
const t0 = performance.now();
for (const [i, w] of scales.entries()) {
  const r = train(w);
  results.push({ weightInitStd: w, ...r });
  console.log(
    `${i + 1}/16 w=${w.toPrecision(3)}: final train acc without BN ${r.plain.at(-1)!.toFixed(3)}, with BN ${r.bn.at(-1)!.toFixed(3)} ` +
      `(${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const epochs = r.plain.map((_, e) => e);
  svgs.push(
    new Figure({
      title: `W: ${w.toPrecision(3)}`,
      xlabel: 'epochs',
      ylabel: 'accuracy',
      ylim: [0, 1],
      width: 320,
      height: 240,
    })
      .line(epochs, r.bn, { label: 'Batch Normalization' })
      .line(epochs, r.plain, { label: 'Normal (without BN)', dash: '6 4' })
      .toSVG(),
  );
}
const dir = outputDir('ch06');
save(dir, 'batch_norm_test.svg', tile(svgs, 4, 320, 240));
save(dir, 'batch_norm_test.json', JSON.stringify({ epochs: maxEpochs, results }) + '\n');
const wins = results.filter((r) => r.bn.at(-1)! > r.plain.at(-1)!).length;
console.log(`batch norm ends with the higher train accuracy at ${wins} of 16 weight scales`);
