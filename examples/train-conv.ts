// Shared by ch07/train_convnet.ts and ch08/train_deepnet.ts: the book's common/trainer.py setup
// for its conv nets (Adam lr 0.001, batch 100, accuracy on 1,000 train and test images after
// each epoch, then the test accuracy on all 10,000), a figure and the saved parameters.
import { parseArgs } from 'node:util';
import {
  Adam,
  Figure,
  Trainer,
  serializeNet,
  sliceRows,
  type DType,
  type DeepConvNet,
  type RandomState,
  type SimpleConvNet,
} from '../src/index.js';
import { loadMnist } from '../src/node.js';
import { outputDir, save } from './output.js';

export interface ConvRunOptions {
  epochs: number;
  /** the first N training images only (default all 60,000) */
  trainSize?: number;
  dtype: DType;
}

/** --epochs (default 20), --train-size (default all), --dtype (default float32). */
export function convRunOptions(): ConvRunOptions {
  const { values } = parseArgs({
    options: { epochs: { type: 'string' }, 'train-size': { type: 'string' }, dtype: { type: 'string' } },
    strict: false,
  });
  // float32 by default: the book's accuracies in about half the time of float64
  const dtype = String(values.dtype ?? 'float32');
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new Error(`--dtype must be float32 or float64, got ${dtype}`);
  const trainSize = values['train-size'];
  return {
    epochs: Number(values.epochs ?? 20),
    trainSize: trainSize === undefined ? undefined : Number(trainSize),
    dtype,
  };
}

export interface ConvRunOutput {
  chapter: string;
  /** the book's save_params file name, as safetensors */
  params: string;
  figure: string;
}

export async function trainConvNet(
  network: SimpleConvNet | DeepConvNet,
  rng: RandomState,
  o: ConvRunOptions,
  out: ConvRunOutput,
): Promise<void> {
  const data = await loadMnist({ flatten: false, dtype: o.dtype });
  // the book's comment: 処理に時間のかかる場合はデータを削減 (cut the data if it takes too long)
  const trainSize = o.trainSize ?? data.xTrain.shape[0];
  const trainer = new Trainer({
    net: network,
    xTrain: sliceRows(data.xTrain, 0, trainSize),
    tTrain: sliceRows(data.tTrain, 0, trainSize),
    xTest: data.xTest,
    tTest: data.tTest,
    rng,
    epochs: o.epochs,
    batchSize: 100,
    optimizer: new Adam(0.001),
    evalSamples: 1000, // the book's evaluate_sample_num_per_epoch
  });
  const t0 = performance.now();
  let [lossSum, lossCount] = [0, 0];
  trainer.on('iteration', (e) => {
    lossSum += e.loss;
    lossCount += 1;
  });
  const [trainAcc, testAcc]: number[][] = [[], []];
  trainer.on('epoch', (e) => {
    trainAcc.push(e.trainAcc);
    testAcc.push(e.testAcc);
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    console.log(
      `=== epoch:${e.epoch + 1}, train acc:${e.trainAcc}, test acc:${e.testAcc} === ` +
        `(mean loss ${(lossSum / lossCount).toFixed(4)}, ${secs} s)`,
    );
    [lossSum, lossCount] = [0, 0];
  });
  const result = await trainer.train();
  console.log('=============== Final Test Accuracy ===============');
  const acc = network.accuracy(data.xTest, data.tTest);
  console.log(`test acc:${acc}   (${Math.round(acc * data.xTest.shape[0])} of ${data.xTest.shape[0]})`);
  const minutes = ((performance.now() - t0) / 60000).toFixed(1);
  console.log(`${result.iterations} iterations, ${o.dtype}, ${minutes} min`);

  const dir = outputDir(out.chapter);
  // scratchnet's model file: `scratchnet eval` and --weights of the other examples read it
  save(dir, out.params, serializeNet(network, { epochs: o.epochs, testAcc: acc }));
  console.log('Saved Network Parameters!');
  const x = trainAcc.map((_, i) => i);
  save(
    dir,
    out.figure,
    new Figure({ xlabel: 'epochs', ylabel: 'accuracy', ylim: [0, 1] })
      .line(x, trainAcc, { label: 'train', marker: 3 })
      .line(x, testAcc, { label: 'test', marker: 3, dash: '6 4' })
      .toSVG(),
  );
}
