// The book's trained SimpleConvNet and DeepConvNet (../shared/datasets/book-weights, read as
// they are) score on MNIST exactly what the book reports: the proof that our Convolution and
// Pooling compute what the book's do. Needs the shared data; skipped with a reason without it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepConvNet, SimpleConvNet, deserializeNet, encodeSafetensors, zeros } from '../src/index.js';
import { loadMnist } from '../src/node.js';
import { found, needing } from './helpers/datasets.js';

const data = process.env.SCRATCHNET_DATA ?? '../shared/datasets';
const book = (name: string): string => join(data, 'book-weights', `${name}.safetensors`);
const present =
  found.mnist !== null && existsSync(book('simple_convnet')) && existsSync(book('deep_convnet'));
const title = 'the book’s trained conv nets on the MNIST test set';
const reason = present
  ? title
  : `${needing('mnist', title)} [skipped unless $SCRATCHNET_DATA/book-weights holds the book's two files]`;

/** Correct predictions over the 10,000 test images, 100 at a time as the book's accuracy(). */
async function correct(net: SimpleConvNet | DeepConvNet): Promise<number> {
  const { xTest, tTest } = await loadMnist({
    dataDir: join(data, 'mnist'),
    flatten: false,
    dtype: net.dtype,
  });
  return Math.round(net.accuracy(xTest, tTest, 100) * xTest.shape[0]);
}

describe.skipIf(!present)(reason, () => {
  it('SimpleConvNet (ch07/params.pkl): 9,890 of 10,000 in float64, within 3 in float32', async () => {
    const bytes = readFileSync(book('simple_convnet'));
    const { net, metadata } = deserializeNet(bytes, 'simple_convnet.safetensors');
    expect(net).toBeInstanceOf(SimpleConvNet);
    expect([net.dtype, metadata.model, metadata.source]).toEqual(['float64', 'simple-convnet', 'book']);
    expect(await correct(net as SimpleConvNet)).toBe(9890);
    const f32 = deserializeNet(bytes, 'simple_convnet.safetensors', { dtype: 'float32' }).net;
    expect(Math.abs((await correct(f32 as SimpleConvNet)) - 9890)).toBeLessThanOrEqual(3);
  }, 300_000);

  it('DeepConvNet (ch08/deep_convnet_params.pkl): 9,935 of 10,000 in float32 (±3)', async () => {
    // float64 gives exactly 9,935 too (scratchnet eval --dtype float64), at twice the time
    const { net } = deserializeNet(readFileSync(book('deep_convnet')), 'deep_convnet.safetensors', {
      dtype: 'float32',
    });
    expect(net).toBeInstanceOf(DeepConvNet);
    expect(Math.abs((await correct(net as DeepConvNet)) - 9935)).toBeLessThanOrEqual(3);
  }, 300_000);
});

describe('book-style files are recognised by their keys alone', () => {
  it('W1…W3 with a 4-D W1 is a SimpleConvNet, W1…W8 a DeepConvNet; shapes set the sizes', () => {
    const simple = encodeSafetensors({
      W1: zeros([6, 1, 3, 3]),
      b1: zeros([6]),
      W2: zeros([6 * 13 * 13, 7]),
      b2: zeros([7]),
      W3: zeros([7, 10]),
      b3: zeros([10]),
    });
    const s = deserializeNet(simple, 'simple').net as SimpleConvNet;
    expect(s).toBeInstanceOf(SimpleConvNet);
    expect(s.options).toMatchObject({
      inputDim: [1, 28, 28],
      convParam: { filterNum: 6, filterSize: 3, pad: 0, stride: 1 },
      hiddenSize: 7,
      outputSize: 10,
    });
    const deep = new DeepConvNet({
      rng: { randn: (...shape: number[]) => zeros(shape) } as never,
      hiddenSize: 8,
    });
    const d = deserializeNet(encodeSafetensors(deep.params), 'deep').net as DeepConvNet;
    expect(d).toBeInstanceOf(DeepConvNet);
    expect(d.options.hiddenSize).toBe(8);
    // a tensor that does not fit the architecture its neighbours imply is named
    const wrong = encodeSafetensors({ ...deep.params, W7: zeros([1000, 8]) });
    expect(() => deserializeNet(wrong, 'deep.safetensors')).toThrow(
      "deep.safetensors: parameter 'W7' has shape (1000,8), the architecture needs (1024,8)",
    );
  });
});
