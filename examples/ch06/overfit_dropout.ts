// Book ch06/overfit_dropout.py: the same overfitting setup trained by the Trainer for 301
// epochs, without and with dropout (ratio 0.2) (figures 6-22 and 6-23).
// Run: npx tsx examples/ch06/overfit_dropout.ts [--epochs 301]
import { parseArgs } from 'node:util';
import { MultiLayerNetExtend, RandomState, tile } from '../../src/index.js';
import { outputDir, save } from '../output.js';
import { overfitData, overfitFigure, trainAndTrack } from './overfit.js';

const { values } = parseArgs({ options: { epochs: { type: 'string' } }, strict: false });
const epochs = Number(values.epochs ?? 301);
const data = await overfitData();
const runs = [];
for (const useDropout of [false, true]) {
  const rng = new RandomState(0);
  const net = new MultiLayerNetExtend({
    inputSize: 784,
    hiddenSizeList: [100, 100, 100, 100, 100, 100],
    outputSize: 10,
    useDropout,
    dropoutRatio: 0.2,
    rng,
    dtype: 'float32',
  });
  runs.push(
    await trainAndTrack(
      useDropout ? 'dropout 0.2 (figure 6-23)' : 'no dropout (figure 6-22)',
      net,
      data,
      rng,
      { epochs },
    ),
  );
}
const dir = outputDir('ch06');
save(dir, 'overfit_dropout.svg', tile(runs.map(overfitFigure), 2, 480, 340));
save(dir, 'overfit_dropout.json', JSON.stringify(runs) + '\n');
