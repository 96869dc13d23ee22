// Shared by overfit_weight_decay and overfit_dropout: 300 training images, a seven-layer
// net, train vs test accuracy once per epoch (book ch06/overfit_*.py).
import {
  Figure,
  SGD,
  Trainer,
  sliceRows,
  type MnistData,
  type Net,
  type RandomState,
} from '../../src/index.js';
import { loadMnist } from '../../src/node.js';

export async function overfitData(): Promise<MnistData> {
  const d = await loadMnist({ dtype: 'float32' });
  return { ...d, xTrain: sliceRows(d.xTrain, 0, 300), tTrain: sliceRows(d.tTrain, 0, 300) };
}

export interface OverfitRun {
  label: string;
  trainAcc: number[];
  testAcc: number[];
}

export async function trainAndTrack(
  label: string,
  net: Net,
  data: MnistData,
  rng: RandomState,
  length: { iters: number } | { epochs: number },
): Promise<OverfitRun> {
  const trainer = new Trainer({ net, ...data, rng, ...length, batchSize: 100, optimizer: new SGD(0.01) });
  const run: OverfitRun = { label, trainAcc: [], testAcc: [] };
  const t0 = performance.now();
  trainer.on('epoch', (e) => {
    run.trainAcc.push(e.trainAcc);
    run.testAcc.push(e.testAcc);
    if (e.epoch % 50 === 0) {
      const secs = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(
        `${label}, epoch ${e.epoch}: train acc ${e.trainAcc.toFixed(4)}, test acc ${e.testAcc.toFixed(4)} (${secs} s)`,
      );
    }
  });
  await trainer.train();
  const [tr, te] = [run.trainAcc.at(-1)!, run.testAcc.at(-1)!];
  console.log(
    `${label}: final train acc ${tr.toFixed(4)}, test acc ${te.toFixed(4)}, gap ${(tr - te).toFixed(4)}`,
  );
  return run;
}

export function overfitFigure(run: OverfitRun): string {
  const epochs = run.trainAcc.map((_, i) => i);
  return new Figure({
    title: run.label,
    xlabel: 'epochs',
    ylabel: 'accuracy',
    ylim: [0, 1],
    width: 480,
    height: 340,
  })
    .line(epochs, run.trainAcc, { label: 'train' })
    .line(epochs, run.testAcc, { label: 'test', dash: '6 4' })
    .toSVG();
}
