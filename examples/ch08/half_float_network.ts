// Book ch08/half_float_network.py (8.3.4): the book's trained DeepConvNet keeps its accuracy in
// 16-bit floats. Three runs on the test images: float64; the book's experiment (weights and
// input rounded to float16: the book's NumPy code then computes in float64, as its im2col
// allocates float64); and half precision throughout (every layer's output rounded too).
// Run: npx tsx examples/ch08/half_float_network.ts [--samples 10000] [--weights FILE]
import { parseArgs } from 'node:util';
import {
  Affine,
  Convolution,
  DEEP_CONV_PARAMS,
  Dropout,
  Pooling,
  RandomState,
  Relu,
  accuracyOf,
  roundFloat16,
  sliceRows,
  type Layer,
  type Params,
  type Tensor,
} from '../../src/index.js';
import { loadMnist } from '../../src/node.js';
import { loadBookNet } from '../book-weights.js';

const { values } = parseArgs({ options: { samples: { type: 'string' } }, strict: false });
const sampled = Number(values.samples ?? 10000); // 高速化のため (to save time), as the book
const data = await loadMnist({ flatten: false, dtype: 'float64' });
const xTest = sliceRows(data.xTest, 0, sampled);
const tTest = sliceRows(data.tTest, 0, sampled);
const network = loadBookNet('deep', 'float64');

/** DeepConvNet's layers (book ch08/deep_convnet.py) over `p`, to round between them. */
function deepConvLayers(p: Params): Layer[] {
  const layers: Layer[] = [];
  DEEP_CONV_PARAMS.forEach((c, i) => {
    layers.push(
      new Convolution(p[`W${i + 1}`], p[`b${i + 1}`], { stride: c.stride, pad: c.pad }),
      new Relu(),
    );
    if (i % 2 === 1) layers.push(new Pooling({ poolH: 2, poolW: 2, stride: 2 }));
  });
  const rng = new RandomState(0); // Dropout at test time only scales by 0.5: no draws
  layers.push(new Affine(p.W7, p.b7), new Relu(), new Dropout({ ratio: 0.5, rng }));
  layers.push(new Affine(p.W8, p.b8), new Dropout({ ratio: 0.5, rng }));
  return layers;
}

/** Accuracy 100 images at a time, `roundInput` applied to each batch, `roundOutput` after every layer. */
function accuracy(layers: Layer[], roundInput: Round, roundOutput: Round): number {
  let correct = 0;
  for (let i = 0; i < sampled; i += 100) {
    const stop = Math.min(i + 100, sampled);
    let x = roundInput(sliceRows(xTest, i, stop));
    for (const layer of layers) x = roundOutput(layer.forward(x, false));
    correct += accuracyOf(x, sliceRows(tTest, i, stop)) * (stop - i);
  }
  return correct / sampled;
}

type Round = (x: Tensor) => Tensor;
const keep: Round = (x) => x;
const layers64 = deepConvLayers(network.params);
// the copy of the architecture must score exactly what the net itself does
const check = sliceRows(xTest, 0, 100);
const fromNet = network.predict(check, false).data;
const fromCopy = layers64.reduce((x, l) => l.forward(x, false), check).data;
if (fromNet.some((v, i) => v !== fromCopy[i])) throw new Error('half_float_network: the layer copy differs');

const report = (what: string, acc: number): void => {
  console.log(`${what}: ${acc}   (${Math.round(acc * sampled)} of ${sampled} correct)`);
};
console.log('calculate accuracy (float64) ... ');
report('float64', accuracy(layers64, keep, keep));

// float16に型変換 (convert to float16): x_test.astype(np.float16), each param.astype(np.float16)
const params16: Params = Object.fromEntries(
  Object.entries(network.params).map(([k, p]) => [k, roundFloat16(p)]),
);
const layers16 = deepConvLayers(params16);
console.log('calculate accuracy (float16) ... ');
report("float16 weights and input (the book's experiment)", accuracy(layers16, roundFloat16, keep));
report('float16 weights, input and every layer output', accuracy(layers16, roundFloat16, roundFloat16));
