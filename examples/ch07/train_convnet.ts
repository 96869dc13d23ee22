// Book ch07/train_convnet.py: SimpleConvNet (30 filters 5×5, hidden 100) trained for 20 epochs
// with Adam (lr 0.001), batch 100, train and test accuracy on 1,000 images after each epoch,
// then the test accuracy on all 10,000 (book: 98.9%); figure of the accuracies, parameters saved.
// Run: npx tsx examples/ch07/train_convnet.ts [--epochs 20] [--train-size 60000] [--dtype float32|float64]
import { parseArgs } from 'node:util';
import {
  Adam,
  Figure,
  RandomState,
  SimpleConvNet,
  Trainer,
  encodeSafetensors,
  sliceRows,
  type DType,
} from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { outputDir, save } from '../output.js';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string' },
    'train-size': { type: 'string' },
    dtype: { type: 'string' },
  },
  strict: false,
});
const epochs = Number(values.epochs ?? 20);
// float32 by default: the same accuracies as the book's float64, in about half the time
const dtype = (values.dtype ?? 'float32') as DType;
const data = await loadMnist({ flatten: false, dtype });
// the book's comment: "処理に時間のかかる場合はデータを削減" (cut the data if it takes too long)
const trainSize = Number(values['train-size'] ?? data.xTrain.shape[0]);
const xTrain = sliceRows(data.xTrain, 0, trainSize);
const tTrain = sliceRows(data.tTrain, 0, trainSize);

const rng = new RandomState(0);
const network = new SimpleConvNet({
  inputDim: [1, 28, 28],
  convParam: { filterNum: 30, filterSize: 5, pad: 0, stride: 1 },
  hiddenSize: 100,
  outputSize: 10,
  weightInitStd: 0.01,
  rng,
  dtype,
});
const trainer = new Trainer({
  net: network,
  xTrain,
  tTrain,
  xTest: data.xTest,
  tTest: data.tTest,
  rng,
  epochs,
  batchSize: 100,
  optimizer: new Adam(0.001),
  evalSamples: 1000, // the book's evaluate_sample_num_per_epoch
});
const t0 = performance.now();
let lossSum = 0;
let lossCount = 0;
trainer.on('iteration', (e) => {
  lossSum += e.loss;
  lossCount += 1;
});
const trainAcc: number[] = [];
const testAcc: number[] = [];
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
console.log(`test acc:${network.accuracy(data.xTest, data.tTest)}`);
console.log(`(${result.iterations} iterations in ${result.wallSeconds.toFixed(1)} s, ${dtype})`);

const dir = outputDir('ch07');
// the book's network.save_params("params.pkl"), in the layout of the book's weights files
save(
  dir,
  'params.safetensors',
  encodeSafetensors(network.params, { net: 'SimpleConvNet', epochs: String(epochs) }),
);
const x = trainAcc.map((_, i) => i);
save(
  dir,
  'train_convnet.svg',
  new Figure({ xlabel: 'epochs', ylabel: 'accuracy', ylim: [0, 1] })
    .line(x, trainAcc, { label: 'train', marker: 3 })
    .line(x, testAcc, { label: 'test', marker: 3, dash: '6 4' })
    .toSVG(),
);
