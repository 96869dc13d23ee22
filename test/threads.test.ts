// Worker threads of the wasm backend: a product split over threads equals the one-thread
// product bit for bit, so training gives the same losses with any thread count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RandomState,
  SimpleConvNet,
  Trainer,
  TwoLayerNet,
  kernels,
  mul,
  referenceKernels,
  reluMap,
  setBackend,
  setThreads,
  sliceRows,
  tensor,
  threadCount,
  where,
  workersReady,
  type FloatArray,
  type Tensor,
} from '../src/index.js';
import { loadMnist, startNodeWorkers } from '../src/node.js';
import { setAdaptiveSplitting } from '../src/kernels/wasm/pool.js';
import { poisonStaging } from './helpers/poison.js';
import { found, needing } from './helpers/datasets.js';

const rng = new RandomState(7);
const bytesOf = (a: FloatArray): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

beforeAll(async () => {
  // whatever the cores, run three threads (two workers), so uneven chunks are tested too
  startNodeWorkers(3);
  await workersReady();
  // every product large enough is split, however busy the machine (speed is not tested here)
  setAdaptiveSplitting(false);
});

afterAll(() => setAdaptiveSplitting(true));

describe('worker threads', () => {
  it('are running (the pool is what the rest of this file tests)', () => {
    setThreads(Infinity);
    expect(threadCount()).toBeGreaterThanOrEqual(3);
  });

  it.each(['float32', 'float64'] as const)(
    'split products equal the one-thread products bit for bit, dense and sparse, %s',
    (dtype) => {
      setBackend('wasm');
      const make = (n: number, zeros: number): FloatArray => {
        const v = rng.randn(n).data;
        const u = rng.rand(n).data;
        const x = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = u[i] < zeros ? 0 : v[i];
        return x;
      };
      // big enough to be split (2^23 multiply-adds); odd row counts so the chunks are uneven
      for (const [m, n, k, zeros, transA] of [
        [257, 50, 784, 0.8, false],
        [803, 37, 301, 0, false],
        [784, 50, 250, 0.8, true],
        [329, 64, 512, 0.6, true],
        // taller than one staged block of A (2^20 elements): the blocks' seams
        [1500, 10, 784, 0.8, false],
        [600, 12, 2000, 0, true],
        // tall: split from 2^21 (evaluation's second product)
        [5001, 10, 50, 0, false],
      ] as const) {
        const a = make(m * k, zeros);
        const b = make(k * n, 0);
        const args = { transA, transB: false, m, n, k, alpha: 1, a, lda: transA ? m : k, b, ldb: n, beta: 0 };
        const product = (threads: number): FloatArray => {
          setThreads(threads);
          const c = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
          poisonStaging();
          kernels().gemm({ ...args, c: c.fill(NaN), ldc: n });
          return c;
        };
        const one = product(1);
        for (const threads of [2, 3])
          expect(product(threads), `${m}x${n}x${k} ${threads} threads`).toEqual(one);
        const want = new Float64Array(m * n);
        referenceKernels.gemm({ ...args, c: want, ldc: n });
        const tol = dtype === 'float32' ? 1e-5 : 1e-12;
        one.forEach((v, i) => {
          if (!(Math.abs(v - want[i]) <= tol * k * Math.max(1, Math.abs(want[i]))))
            throw new Error(`${m}x${n}x${k} element ${i}: ${v}, reference ${want[i]}`);
        });
      }
      setThreads(Infinity);
    },
  );

  it.each(['float32', 'float64'] as const)(
    'convolution forward and backward split by images equal the one-thread results bit for bit, %s',
    (dtype) => {
      setBackend('wasm');
      // 13 images: bands of whole blocks of 4 images, uneven over 2 and 3 threads; big enough to split
      const [n, c, h, w, fn, f] = [13, 3, 28, 28, 30, 5];
      const g = { n, c, h, w, fh: f, fw: f, stride: 1, pad: 1, outH: 26, outW: 26 };
      const make = (size: number): FloatArray => {
        const v = rng.randn(size).data;
        return dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v);
      };
      const [x, W, b] = [make(n * c * h * w), make(fn * c * f * f), make(fn)];
      const dout = make(n * fn * 26 * 26);
      const run = (threads: number): FloatArray[] => {
        setThreads(threads);
        poisonStaging();
        const [out, dW, db, dx] = [dout.slice(), W.slice(), b.slice(), x.slice()].map((a) => a.fill(NaN));
        kernels().convForward(x, W, b, g, fn, out);
        kernels().convBackward(x, W, dout, g, fn, dW, db, dx);
        return [out, dW, db, dx];
      };
      const bytes = (arrays: FloatArray[]): Buffer =>
        Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
      const one = run(1);
      for (const threads of [2, 3])
        expect(bytes(run(threads)).equals(bytes(one)), `${threads} threads`).toBe(true);
      expect(one.some((a) => a.some(Number.isNaN))).toBe(false);
      setThreads(Infinity);
    },
  );

  it.each(['float32', 'float64'] as const)(
    'elementwise passes split over threads equal the one-thread results bit for bit, %s',
    (dtype) => {
      setBackend('wasm');
      // large enough to be split (2^18 elements), not a multiple of the chunks; resident operands
      const n = (1 << 18) + 4097;
      const x = rng.randn(n).astype(dtype);
      const dout = rng.randn(n).astype(dtype);
      const run = (threads: number): Tensor[] => {
        setThreads(threads);
        const y = reluMap(x);
        const z = mul(x, 1); // in place: the output is the input
        return [y, where(y, dout, 0), where(x, 0.25, dout), reluMap(z, z)];
      };
      const one = run(1);
      expect(one[0].data.some((v) => v > 0) && one[0].data.includes(0)).toBe(true);
      expect(one[1].data.every((v, i) => v === (one[0].data[i] !== 0 ? dout.data[i] : 0))).toBe(true);
      for (const threads of [2, 3])
        run(threads).forEach((t, i) =>
          expect(bytesOf(t.data).equals(bytesOf(one[i].data)), `${threads} threads, result ${i}`).toBe(true),
        );
      setThreads(Infinity);
    },
  );

  it('hundreds of split jobs back to back, of different sizes, each give the one-thread result', () => {
    setBackend('wasm');
    // jobs alternate between sizes with different chunk counts: a worker that read one job's
    // arguments late must never run a chunk of the next with them
    const xs = [(1 << 18) + 13, (1 << 19) + 4099, 1 << 18].map((n) => rng.randn(n).astype('float32'));
    setThreads(1);
    const want = xs.map((x) => bytesOf(reluMap(x).data));
    setThreads(3);
    const outs = xs.map((x) => reluMap(x));
    for (let i = 0; i < 300; i++) {
      const j = (i * 7) % 3;
      outs[j].data.fill(NaN);
      reluMap(xs[j], outs[j]);
      if (!bytesOf(outs[j].data).equals(want[j])) throw new Error(`job ${i} (size ${xs[j].size}) differs`);
    }
    setThreads(Infinity);
  });

  it.each(['float32', 'float64'] as const)(
    'max pooling forward and backward split by images equal the one-thread results bit for bit, %s',
    (dtype) => {
      setBackend('wasm');
      // 37 images (≥ 2^18 input elements: split); 2×2 stride 2 (float32's SIMD path), an
      // overlapping 3×3 stride 1 and a padded one (the general path), odd sizes
      for (const [fh, stride, pad] of [
        [2, 2, 0],
        [3, 1, 0],
        [3, 2, 1],
      ]) {
        const [n, c, h, w] = [37, 5, 39, 37];
        const [outH, outW] = [h, w].map((s) => Math.floor((s + 2 * pad - fh) / stride) + 1);
        const g = { n, c, h, w, fh, fw: fh, stride, pad, outH, outW };
        const make = (size: number): FloatArray =>
          dtype === 'float32' ? Float32Array.from(rng.randn(size).data) : rng.randn(size).data.slice();
        const x = make(n * c * h * w);
        const dout = make(n * c * outH * outW);
        const run = (threads: number): [FloatArray, FloatArray, Int32Array] => {
          setThreads(threads);
          poisonStaging();
          const [out, dx] = [dout.slice(), x.slice()].map((a) => a.fill(NaN));
          const argmax = new Int32Array(dout.length).fill(-7);
          kernels().maxPool(x, g, out, argmax);
          kernels().maxPoolBackward(dout, argmax, g, dx);
          return [out, dx, argmax];
        };
        const bytes = (r: [FloatArray, FloatArray, Int32Array]): Buffer =>
          Buffer.concat([bytesOf(r[0]), bytesOf(r[1]), Buffer.from(r[2].buffer)]);
        const one = run(1);
        for (const threads of [2, 3])
          expect(bytes(run(threads)).equals(bytes(one)), `${fh}/${stride}/${pad}, ${threads} threads`).toBe(
            true,
          );
        // and the maxima are the reference's (exact in either dtype)
        const want = new Float64Array(dout.length);
        referenceKernels.maxPool(Float64Array.from(x), g, want, new Int32Array(dout.length));
        expect(bytesOf(Float64Array.from(one[0])).equals(bytesOf(want))).toBe(true);
      }
      setThreads(Infinity);
    },
  );

  it('a SimpleConvNet gradient (every split kernel of a training step) is the same with 1, 2 and 3 threads', () => {
    setBackend('wasm');
    const x = rng.rand(100, 1, 28, 28).astype('float32');
    const labels = tensor(Array.from({ length: 100 }, (_, i) => (i * 7) % 10));
    const run = (threads: number): FloatArray[] => {
      setThreads(threads);
      const net = new SimpleConvNet({ rng: new RandomState(5), dtype: 'float32' });
      const grads = net.gradient(x, labels);
      return Object.keys(net.params).map((key) => grads[key].data.slice());
    };
    const one = run(1);
    expect(one.every((g) => g.every(Number.isFinite) && g.some((v) => v !== 0))).toBe(true);
    for (const threads of [2, 3])
      run(threads).forEach((g, i) =>
        expect(bytesOf(g).equals(bytesOf(one[i])), `${threads} threads, gradient ${i}`).toBe(true),
      );
    setThreads(Infinity);
  });

  it(needing('mnist', 'training gives the same losses and weights with 1 and 2 threads'), async (ctx) => {
    if (!found.mnist) return ctx.skip();
    setBackend('wasm');
    const data = await loadMnist({ dtype: 'float32' });
    const small = { ...data, xTest: sliceRows(data.xTest, 0, 2000), tTest: sliceRows(data.tTest, 0, 2000) };
    const run = async (threads: number): Promise<{ loss: number[]; w1: number[]; acc: number }> => {
      setThreads(threads);
      const rng = new RandomState(3);
      const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });
      // batches of 300: products big enough to be split in training too, not only in evaluation
      const r = await new Trainer({
        net,
        ...small,
        rng,
        iters: 60,
        batchSize: 300,
        evalSamples: 2000,
      }).train();
      return { loss: r.loss, w1: [...net.params.W1.data], acc: r.final.testAcc };
    };
    const one = await run(1);
    const two = await run(2);
    setThreads(Infinity);
    expect(two.loss).toEqual(one.loss);
    expect(two.w1).toEqual(one.w1);
    expect(two.acc).toBe(one.acc);
    expect(one.loss[59]).toBeLessThan(one.loss[0]);
  });
});
