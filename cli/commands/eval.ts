// scratchnet eval MODEL: test accuracy and the confusion matrix of a saved model.
import { parseArgs } from 'node:util';
import {
  DeepConvNet,
  SimpleConvNet,
  StepScope,
  argmax,
  datasetInfo,
  loadMnist,
  sliceRows,
  type DType,
  type DatasetName,
} from '../../src/node.js';
import { readModel } from '../model-file.js';
import { UsageError, oneOf } from '../usage.js';

export async function evalCommand(args: string[]): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      data: { type: 'string' },
      dtype: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected one MODEL file');
  const [path] = positionals;
  const dtype =
    v.dtype === undefined ? undefined : oneOf<DType>('dtype', v.dtype, ['float32', 'float64'], 'float64');
  const { net, metadata } = readModel(path, dtype);
  const conv = net instanceof SimpleConvNet || net instanceof DeepConvNet;
  const fallback = metadata.dataset === 'fashion-mnist' ? 'fashion-mnist' : 'mnist';
  const dataset = oneOf<DatasetName>('dataset', v.dataset, ['mnist', 'fashion-mnist'], fallback);
  // conv nets take (N, 1, 28, 28) images, and go 50 at a time: im2col of all 10,000 test
  // images at once would take gigabytes, and with DeepConvNet in float64 the garbage of
  // 100-image batches already lifts peak RSS above 1 GiB (50: 0.83 GB, measured)
  const { xTest, tTest } = await loadMnist({ dataset, dataDir: v.data, dtype: net.dtype, flatten: !conv });
  const chunk = conv ? 50 : 10000;
  const classes = datasetInfo(dataset).classes.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  // each chunk's activations freed before the next, so the next reuses their memory (fresh
  // pages cost more than the passes that fill them)
  const scope = new StepScope([net]);
  for (let start = 0; start < xTest.shape[0]; start += chunk) {
    const stop = Math.min(start + chunk, xTest.shape[0]);
    scope.run(() => {
      const predicted = argmax(net.predict(sliceRows(xTest, start, stop)), 1);
      const labels = sliceRows(tTest, start, stop);
      for (let i = 0; i < predicted.size; i++) {
        const [truth, guess] = [labels.data[i], predicted.data[i]];
        confusion[truth][guess]++;
        if (truth === guess) correct++;
      }
    });
  }
  scope.close();
  const accuracy = correct / xTest.shape[0];
  if (v.json) {
    const total = xTest.shape[0];
    console.log(
      JSON.stringify({
        model: path,
        dataset,
        dtype: net.dtype,
        testAcc: accuracy,
        correct,
        total,
        confusion,
      }),
    );
    return 0;
  }
  const names = datasetInfo(dataset).classes;
  console.log(
    `${path} on the ${dataset} test set (${xTest.shape[0]} images, ${net.dtype}): ` +
      `accuracy ${accuracy.toFixed(4)} (${correct.toLocaleString('en-US')}/${xTest.shape[0].toLocaleString('en-US')} correct)`,
  );
  console.log('\nconfusion matrix (rows: true class, columns: predicted)');
  // classes by name where they have one (Fashion-MNIST), as predict prints them
  const named = names.some((n, i) => n !== String(i));
  const rowLabel = (i: number): string => (named ? `${i} ${names[i]}` : String(i).padStart(3));
  const lw = Math.max(...names.map((_, i) => rowLabel(i).length));
  const w = Math.max(5, ...confusion.flat().map((n) => String(n).length + 1), named ? 8 : 0);
  const column = (j: number): string => (named ? names[j].slice(0, w - 1) : String(j)).padStart(w);
  console.log(' '.repeat(lw + 1) + confusion.map((_, j) => column(j)).join(''));
  confusion.forEach((row, i) =>
    console.log(rowLabel(i).padEnd(lw) + ' ' + row.map((n) => String(n).padStart(w)).join('')),
  );
  return 0;
}
