// Book ch08/misclassified_mnist.py: the book's trained DeepConvNet (99.35%) on the 10,000 MNIST
// test images, 100 at a time; the first 20 it gets wrong drawn with their true label and the
// net's answer, as the book's figure shows them (many are hard for people too).
// Run: npx tsx examples/ch08/misclassified_mnist.ts [--dtype float64|float32] [--weights FILE]
import { parseArgs } from 'node:util';
import { argmax, imageGrid, sliceRows, type DType } from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { loadBookNet } from '../book-weights.js';
import { outputDir, save } from '../output.js';

const { values } = parseArgs({ options: { dtype: { type: 'string' } }, strict: false });
const dtype = (values.dtype ?? 'float64') as DType;
const { xTest, tTest } = await loadMnist({ flatten: false, dtype });
const network = loadBookNet('deep', dtype);

console.log('calculating test accuracy ... ');
const t0 = performance.now();
const classified: number[] = [];
const batchSize = 100;
for (let i = 0; i < xTest.shape[0] / batchSize; i++) {
  const tx = sliceRows(xTest, i * batchSize, (i + 1) * batchSize);
  const y = argmax(network.predict(tx, false), 1);
  classified.push(...y.data);
}
const labels = Array.from(tTest.data);
const correct = classified.filter((y, i) => y === labels[i]).length;
console.log(`test accuracy:${correct / labels.length}   (${correct} of ${labels.length} correct, ${dtype})`);
console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const maxView = 20;
const wrong = classified.flatMap((y, i) => (y === labels[i] ? [] : [i])).slice(0, maxView);
const misPairs = wrong.map((i, k) => `${k + 1}: (${labels[i]}, ${classified[i]})`);
console.log('======= misclassified result =======');
console.log('{view index: (label, inference), ...}');
console.log(`{${misPairs.join(', ')}}`);

const images = wrong.map((i) => ({
  data: xTest.data.subarray(i * 784, (i + 1) * 784),
  width: 28,
  height: 28,
  caption: `${labels[i]} → ${classified[i]}`,
}));
save(
  outputDir('ch08'),
  'misclassified_mnist.svg',
  imageGrid(images, { cols: 5, scale: 3, gap: 8, title: 'true label → DeepConvNet\u2019s answer' }),
);
