// The computation test/browser.test.ts runs twice, in headless Chromium (through
// ../../src/browser.ts, with Web Workers) and in Node, to compare bit for bit: products
// split over two threads and over one, and a few training steps.
import {
  RandomState,
  SGD,
  TwoLayerNet,
  gemm,
  less,
  setThreads,
  tensor,
  where,
  type Tensor,
} from '../../src/index.js';
import { poisonStaging } from '../helpers/poison.js';

export interface Workload {
  /** for each product: its elements with two threads equal those with one, bit for bit */
  splitEqualsSingle: boolean[];
  /** each product's elements (two threads) */
  products: number[][];
  /** losses of five SGD steps of TwoLayerNet on random data with 80% zeros */
  losses: number[];
}

const sparse = (rng: RandomState, rows: number, cols: number, zeros: number): Tensor =>
  where(less(rng.rand(rows, cols), zeros), 0, rng.randn(rows, cols)).astype('float32');

export function runWorkload(threads: number): Workload {
  const rng = new RandomState(7);
  const products: number[][] = [];
  const splitEqualsSingle: boolean[] = [];
  // big enough to be split into bands: the zero-skipping kernel, then the dense one
  for (const [m, k, n, zeros] of [
    [300, 784, 50, 0.8],
    [700, 200, 64, 0],
  ]) {
    const [a, b] = [sparse(rng, m, k, zeros), sparse(rng, k, n, 0)];
    setThreads(1);
    poisonStaging();
    const one = gemm(a, b).data;
    setThreads(threads);
    poisonStaging();
    const split = gemm(a, b).data;
    splitEqualsSingle.push(one.every((v, i) => Object.is(v, split[i])));
    products.push([...split]);
  }
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });
  const optimizer = new SGD(0.1);
  const losses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const x = sparse(rng, 100, 784, 0.8);
    const t = tensor(Array.from(rng.randint(0, 10, 100)));
    optimizer.update(net.params, net.gradient(x, t));
    losses.push(net.loss(x, t));
  }
  return { splitEqualsSingle, products, losses };
}
