// Resident tensors (issue 16): the allocator over the kernel module's memory, when storage is
// freed (dispose, tidy, the Trainer's steps, the garbage collector), views keeping their
// parents alive, the kernels' in-place paths against their copying ones, and the copying
// fallback where memory is unshared.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Convolution,
  Pooling,
  RandomState,
  Relu,
  Trainer,
  TwoLayerNet,
  add,
  keep,
  mul,
  oneHot,
  registerBackend,
  setBackend,
  sliceRows,
  tensor,
  tidy,
  where,
  less,
  zeros,
  type FloatArray,
  type Kernels,
  type Params,
  type Tensor,
} from '../src/index.js';
import { Heap, sizeClass } from '../src/kernels/wasm/heap.js';
import { wasmKernels } from '../src/kernels/wasm/index.js';
import { kernelModule, moduleHeap } from '../src/kernels/wasm/module.js';
import { BUDGET_BYTES, residentAddress } from '../src/kernels/wasm/resident.js';
import { residentKernels } from './helpers/resident.js';

const shared = kernelModule?.shared === true;
const run = promisify(execFile);
const script = (file: string, flags: string[] = []) =>
  run(process.execPath, [...flags, '--import', 'tsx', `test/resident/${file}`], { timeout: 60_000 }).then(
    ({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>,
  );

afterEach(() => setBackend('wasm'));

describe('the heap over the module memory', () => {
  it('rounds sizes to 16-byte size classes, four per doubling, wasting under a quarter above 64 B', () => {
    expect([1, 16, 17, 64, 65, 100, 128, 129, 1000, 1 << 20].map(sizeClass)).toEqual([
      16,
      16,
      32,
      64,
      80,
      112,
      128,
      160,
      1024,
      1 << 20,
    ]);
    for (let b = 1; b < 5000; b += 7) {
      const c = sizeClass(b);
      expect(c % 16).toBe(0);
      expect(c).toBeGreaterThanOrEqual(b);
      expect(c).toBeLessThan(b + Math.max(16, b / 4)); // 16-byte rounding below 64 B
    }
  });

  it('reuses a freed block for the next request of its class and grows the memory past its end', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new Heap(memory, 1024);
    const a = heap.alloc(100);
    const b = heap.alloc(100);
    expect([a, b]).toEqual([1024, 1024 + 112]);
    heap.release(a, 100);
    expect(heap.alloc(110)).toBe(a); // same class (112)
    expect(heap.alloc(100)).toBe(b + 112); // the free list is empty again: from the top
    expect(heap.inUse).toBe(3 * 112);
    const big = heap.alloc(200_000);
    expect(big % 16).toBe(0);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 200_000);
    heap.release(big, 200_000);
    expect(heap.inUse).toBe(3 * 112);
    expect(heap.peak).toBe(3 * 112 + sizeClass(200_000));
  });
});

describe.runIf(shared)('resident storage (shared memory)', () => {
  it('is where the wasm backend allocates tensors, zero-filled even in a reused block', () => {
    const t = zeros([100], 'float32');
    const at = residentAddress(t.data);
    expect(at).toBeGreaterThan(0);
    t.data.fill(7);
    t.dispose();
    const u = zeros([100], 'float32');
    expect(residentAddress(u.data)).toBe(at);
    expect([...u.data].every((v) => v === 0)).toBe(true);
    setBackend('reference');
    expect(residentAddress(zeros([100]).data)).toBe(-1);
  });

  it('dispose frees the storage once (idempotent) and any later use, through views too, throws', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    const view = t.reshape(4);
    t.dispose();
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(() => t.data).toThrow(
      'Tensor (2,2) float64 was used after it was disposed (by dispose(), tidy() or the Trainer at the end of a step)',
    );
    expect(() => add(view, 1)).toThrow(/Tensor \(4,\) float64 was used after it was disposed/);
    // disposing a sliceRows view retires the view only
    const parent = zeros([4, 3]);
    const rows = sliceRows(parent, 1, 3);
    rows.dispose();
    expect(() => rows.data).toThrow(/used after it was disposed/);
    expect(parent.isDisposed).toBe(false);
    expect(Array.from(parent.data)).toEqual(new Array(12).fill(0));
  });

  it('tidy frees the temporaries made inside, keeps what it returns and what keep() marks; scopes nest', () => {
    const x = tensor([1, 2, 3]);
    let temp!: Tensor;
    let kept!: Tensor;
    let innerTemp!: Tensor;
    const before = moduleHeap!.inUse;
    const out = tidy(() => {
      temp = mul(x, 2);
      kept = keep(add(x, 10));
      const fromInner = tidy(() => {
        innerTemp = add(x, 100);
        return { y: mul(innerTemp, 2) };
      });
      expect(innerTemp.isDisposed).toBe(true);
      expect(fromInner.y.isDisposed).toBe(false);
      return [add(temp, fromInner.y)];
    });
    expect(temp.isDisposed).toBe(true);
    expect(x.isDisposed).toBe(false);
    expect(Array.from(kept.data)).toEqual([11, 12, 13]);
    expect(Array.from(out[0].data)).toEqual([204, 208, 212]);
    // the returned tensor and the kept one remain
    expect(moduleHeap!.inUse - before).toBe(2 * sizeClass(24));
    expect(() => tidy(async () => zeros([1]))).toThrow('tidy: the function must not be async');
  });

  it('past the budget new tensors are ordinary memory until some resident storage is freed', () => {
    const block = 1 << 20; // 1 MB each: 262,144 float32
    const held: Tensor[] = [];
    while (held.length <= BUDGET_BYTES / block && residentAddress(held.at(-1)?.data ?? zeros([1]).data) >= 0)
      held.push(zeros([block / 4], 'float32'));
    const last = held.at(-1)!;
    expect(residentAddress(last.data)).toBe(-1); // ordinary memory, still a working tensor
    expect(last.data.length).toBe(block / 4);
    expect(held.length).toBeLessThanOrEqual(BUDGET_BYTES / block + 1);
    for (const t of held) t.dispose();
    expect(residentAddress(zeros([block / 4], 'float32').data)).toBeGreaterThan(0);
  });

  it('the kernels give the same bits on resident operands (in place) as on copied ones', () => {
    const rng = new RandomState(5);
    const k = wasmKernels!;
    const r = residentKernels(k);
    const same = (f: (kk: Kernels, out: FloatArray) => void, out: FloatArray) => {
      const [copied, inPlace] = [out.slice(), out.slice()];
      f(k, copied);
      f(r, inPlace);
      expect(Array.from(inPlace)).toEqual(Array.from(copied));
    };
    for (const dtype of ['float32', 'float64'] as const) {
      for (const [m, n, kk] of [
        [100, 50, 784],
        [37, 10, 50],
        [1500, 9, 70],
      ]) {
        const a = where(less(rng.rand(m, kk), 0.7), 0, rng.randn(m, kk)).astype(dtype).data;
        const b = rng.randn(kk, n).astype(dtype).data;
        const bias = rng.randn(n).astype(dtype).data;
        const bt = rng.randn(n, kk).astype(dtype).data;
        const at = rng.randn(kk, m).astype(dtype).data;
        const c = rng.randn(m * n).astype(dtype).data;
        const g = { m, n, k: kk, alpha: 1, beta: 0, lda: kk, ldb: n, ldc: n, transA: false, transB: false };
        same((kx, out) => kx.gemm({ ...g, a, b, c: out, bias }), c);
        same(
          (kx, out) => kx.gemm({ ...g, a: at, lda: m, transA: true, b: bt, ldb: kk, transB: true, c: out }),
          c,
        );
        same((kx, out) => kx.gemm({ ...g, a, b, c: out, alpha: 1.5, beta: 0.5 }), c);
        same((kx, out) => kx.binary('mul', [m, n], out, [n, 1], bias, [0, 1], out), c);
        same((kx, out) => kx.unary('relu', c, out), c);
        same((kx, out) => kx.sgdStep(out, c, 0.1), c.slice().reverse());
      }
      // the convolution kernels: the book's layer on a batch of 6 (not whole blocks of 4)
      const g = { n: 6, c: 3, h: 12, w: 12, fh: 5, fw: 5, stride: 1, pad: 1, outH: 10, outW: 10 };
      const x = rng.randn(6 * 3 * 12 * 12).astype(dtype).data;
      const W = rng.randn(7 * 3 * 5 * 5).astype(dtype).data;
      const b = rng.randn(7).astype(dtype).data;
      const dout = rng.randn(6 * 7 * 10 * 10).astype(dtype).data;
      same((kx, out) => kx.convForward(x, W, b, g, 7, out), dout);
      same((kx, out) => kx.convBackward(x, W, dout, g, 7, out, b.slice(), x.slice()), W);
      same((kx, out) => kx.convBackward(x, W, dout, g, 7, W.slice(), out, null), b);
      same((kx, out) => kx.convBackward(x, W, dout, g, 7, W.slice(), b.slice(), out), x);
      const pool = { ...g, c: 3, fh: 2, fw: 2, stride: 2, pad: 0, outH: 6, outW: 6 };
      const argmax = new Int32Array(6 * 3 * 6 * 6);
      same((kx, out) => kx.maxPool(x, pool, out, argmax), dout.subarray(0, argmax.length));
      same((kx, out) => kx.maxPoolBackward(dout, argmax, pool, out), x);
      const col = rng.randn(6 * 10 * 10 * 3 * 5 * 5).astype(dtype).data;
      same((kx, out) => kx.im2col(x, g, out), col);
      same((kx, out) => kx.col2im(col, g, out), x);
      same((kx, out) => kx.transposeBatched(dout, 6, 7, 100, out), dout);
    }
  });

  it('the conv layers’ reused outputs are resident, so the kernels write them in place', () => {
    const rng = new RandomState(4);
    const x = rng.randn(5, 2, 9, 9).astype('float32');
    const conv = new Convolution(mul(rng.randn(3, 2, 3, 3), 0.1).astype('float32'), zeros([3], 'float32'), {
      pad: 1,
      reuseOutput: true,
    });
    const relu = new Relu({ reuseOutput: true });
    const pool = new Pooling({ poolH: 2, poolW: 2, stride: 2, reuseOutput: true });
    const pass = () => {
      const y = pool.forward(relu.forward(conv.forward(x)));
      const dx = conv.backward(relu.backward(pool.backward(y)));
      return [y, dx, conv.grads.W, conv.grads.b];
    };
    const first = pass();
    for (const t of first) expect(residentAddress(t.data)).toBeGreaterThanOrEqual(0);
    // the second pass writes into the same tensors (the gradients are new each time)
    const second = pass();
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it('the Trainer reuses the same storage every step, and keeps state a layer replaces each step', async () => {
    // the book's job in miniature: 300 images of which 80% zeros, 10 classes
    const rng = new RandomState(2);
    const xTrain = where(less(rng.rand(300, 784), 0.8), 0, rng.rand(300, 784)).astype('float32');
    const labels = tensor(Array.from(rng.randint(0, 10, 300)));
    const tTrain = oneHot(labels, 10, 'float32');
    class CountingNet extends TwoLayerNet {
      /** replaced by a new tensor every step, as the book's BatchNormalization replaces its running mean */
      seen = zeros([1], 'float32');
      override gradient(x: Tensor, t: Tensor): Params {
        this.seen = add(this.seen, 1);
        return super.gradient(x, t);
      }
    }
    const train = async (backend: string) => {
      setBackend(backend);
      const r = new RandomState(0);
      const net = new CountingNet({
        inputSize: 784,
        hiddenSize: 50,
        outputSize: 10,
        rng: r,
        dtype: 'float32',
      });
      const trainer = new Trainer({
        net,
        xTrain,
        tTrain,
        xTest: xTrain,
        tTest: tTrain,
        rng: r,
        iters: 40,
        batchSize: 30,
      });
      const tops: number[] = [];
      trainer.on('iteration', () => tops.push(moduleHeap!.end));
      const result = await trainer.train();
      return { loss: result.loss, tops, seen: net.seen.item() };
    };
    const resident = await train('wasm');
    // the top of the heap stops rising after the first steps: blocks are reused
    expect(resident.tops.at(-1)).toBe(resident.tops[3]);
    expect(resident.seen).toBe(40);
    // the same losses, bit for bit, as the wasm kernels copying ordinary arrays
    registerBackend({ ...wasmKernels!, name: 'wasm-copying', allocate: undefined });
    const copying = await train('wasm-copying');
    expect(resident.loss).toEqual(copying.loss);
  });

  it('a view made by the library keeps its parent’s block alive; a raw subarray does not', async () => {
    const r = await script('gc-views.ts', ['--expose-gc']);
    const block = sizeClass(1000 * 16 * 4);
    expect(r).toEqual({
      withViews: block, // the raw view's parent is collected, the library view's is not
      viewIntact: true,
      afterLibraryView: 0,
      end: 0,
      rawView: null,
    });
  }, 60_000);
});

it('without shared memory (a page that is not cross-origin isolated) tensors stay ordinary and kernels copy', async () => {
  const r = await script('unshared.ts');
  expect(r.backend).toBe('wasm');
  expect(r.shared).toBe(false);
  expect(r.resident).toBe(false);
  expect(r.maxDiff).toBeLessThan(1e-4);
}, 60_000);
