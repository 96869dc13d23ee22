// Data sets resident in the kernel module's memory (issue 16): lasting storage outside the
// temporaries' budget, falling back to ordinary memory when the memory cannot grow; the
// WebAssembly row gather between resident arrays against the reference, bit for bit; a
// loaded MNIST tensor resident; evaluation reading a resident data set in place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  RandomState,
  TwoLayerNet,
  Tensor,
  evaluateAccuracy,
  referenceKernels,
  setBackend,
  take,
  zeros,
  FILE_NAMES,
  mnistFromIdx,
  parseIdx,
  type FloatArray,
  type IdxArray,
  type MnistPart,
} from '../src/index.js';
import { loadMnist, readIdxGz } from '../src/node.js';
import { inModule } from '../src/kernels/wasm/gather.js';
import { Heap, sizeClass } from '../src/kernels/wasm/heap.js';
import { wasmKernels } from '../src/kernels/wasm/index.js';
import { kernelModule, moduleHeap } from '../src/kernels/wasm/module.js';
import {
  BUDGET_BYTES,
  LASTING_BYTES,
  allocateResident,
  freeStorage,
  residentAddress,
} from '../src/kernels/wasm/resident.js';
import { allocateLasting } from '../src/tensor/dtype.js';
import { found, idx, needing, writeSyntheticMnist } from './helpers/datasets.js';

const shared = kernelModule?.shared === true;
const rng = new RandomState(16);

afterEach(() => {
  vi.restoreAllMocks();
  setBackend('wasm');
});

/** n random elements (a few exact zeros, as images have) in resident storage. */
function residentRandom(f32: boolean, n: number): FloatArray {
  const x = allocateResident(f32, n, false)!;
  expect(residentAddress(x)).toBeGreaterThanOrEqual(0);
  const r = rng.randn(n).data;
  for (let i = 0; i < n; i++) x[i] = i % 5 === 0 ? 0 : r[i];
  return x;
}

const bits = (x: FloatArray): number[] =>
  Array.from(x instanceof Float32Array ? new Uint32Array(x.buffer, x.byteOffset, x.length) : x);

describe('the heap when the memory cannot grow', () => {
  it('throws the RangeError and stays as it was: nothing counted, the top unmoved', () => {
    const heap = new Heap(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 1024);
    const a = heap.alloc(100);
    expect(() => heap.alloc(200_000)).toThrow(RangeError);
    expect([heap.inUse, heap.peak, heap.end]).toEqual([112, 112, 1024 + 112]);
    expect(heap.alloc(100)).toBe(a + 112);
  });
});

describe.runIf(shared)('lasting storage (a data set) in the module memory', () => {
  it('is resident above the 16 MB and the budget that bound temporaries, freed by freeStorage', () => {
    const inUse = moduleHeap!.inUse;
    // MNIST's training images in float64: 376 MB, past the budget of temporaries
    const n = 60000 * 784;
    expect(n * 8).toBeGreaterThan(BUDGET_BYTES);
    expect(allocateResident(false, n, false)).toBeNull(); // as a temporary: ordinary memory
    const x = allocateResident(false, n, false, true)!;
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(n);
    expect(residentAddress(x)).toBeGreaterThan(0);
    expect(moduleHeap!.inUse - inUse).toBe(sizeClass(n * 8));
    // temporaries are still resident: the data set is not counted against their budget
    const temporary = zeros([1000], 'float32');
    expect(residentAddress(temporary.data)).toBeGreaterThan(0);
    temporary.dispose();
    expect(freeStorage(x)).toBe(true);
    expect(moduleHeap!.inUse).toBe(inUse);
  });

  it('is ordinary memory past its own limit and when memory.grow fails, never an error', () => {
    expect(allocateResident(false, LASTING_BYTES / 8 + 2, false, true)).toBeNull();
    vi.spyOn(moduleHeap!, 'alloc').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    expect(allocateResident(true, 1000, false, true)).toBeNull();
    expect(allocateResident(true, 1000, true)).toBeNull();
    const x = allocateLasting('float64', 1000);
    expect(x).toBeInstanceOf(Float64Array);
    expect(residentAddress(x)).toBe(-1);
  });

  it('is ordinary memory on a backend that keeps tensors in ordinary memory', () => {
    setBackend('js');
    expect(residentAddress(allocateLasting('float32', 1000))).toBe(-1);
  });
});

describe.runIf(shared)('the WebAssembly row gather between resident arrays', () => {
  it.each([true, false])('equals the reference bit for bit (float32: %s)', (f32) => {
    const shapes: [rows: number, rowSize: number, count: number][] = [
      [1, 1, 1],
      [7, 1, 20], // rowSize 1 (labels), repeated indices
      [50, 3, 17],
      [60, 784, 100], // the book's batch
      [9, 13, 9],
      [300, 65, 256],
      [5, 2, 0], // empty: nothing gathered, by the reference's path
    ];
    for (const [rows, rowSize, count] of shapes) {
      const x = residentRandom(f32, rows * rowSize);
      const indices = Array.from(rng.choice(rows, count));
      if (count > 2) indices[count - 1] = indices[0]; // a row twice
      const want = f32 ? new Float32Array(count * rowSize) : new Float64Array(count * rowSize);
      referenceKernels.gatherRows(x, rowSize, indices, want);
      const out = count > 0 ? allocateResident(f32, count * rowSize, false)! : want.slice();
      out.fill(NaN);
      expect(inModule(x, rowSize, Int32Array.from(indices), out)).toBe(count > 0);
      if (count === 0) continue;
      expect(bits(out)).toEqual(bits(want));
      // through the backend and take(), with indices in any ArrayLike
      out.fill(NaN);
      wasmKernels!.gatherRows(x, rowSize, Float64Array.from(indices), out);
      expect(bits(out)).toEqual(bits(want));
      const t = take(new Tensor(x, [rows, rowSize]), indices);
      expect(residentAddress(t.data)).toBeGreaterThanOrEqual(0);
      expect(bits(t.data)).toEqual(bits(want));
    }
  });

  it('leaves to the other paths what it cannot do: ordinary operands, mixed types, bad indices', () => {
    const x = residentRandom(true, 40);
    const out = allocateResident(true, 8, false)!;
    expect(inModule(new Float32Array(40), 4, [1, 2], out)).toBe(false);
    expect(inModule(x, 4, [1, 2], new Float32Array(8))).toBe(false);
    expect(inModule(x, 4, [1, 2], allocateResident(false, 8, false)!)).toBe(false);
    for (const bad of [-1, 10, 1.5, NaN]) expect(inModule(x, 4, [1, bad], out)).toBe(false);
    expect(inModule(x, 4, [9, 0], out)).toBe(true);
  });

  it('keeps take()’s errors for bad indices exactly as the reference backend gives them', () => {
    const x = new Tensor(residentRandom(true, 40), [10, 4]);
    const messages = (): string[] =>
      [[10], [-1], [1.5], [NaN]].map((indices) => {
        try {
          take(x, indices);
          return 'no error';
        } catch (e) {
          return (e as Error).message;
        }
      });
    const wasm = messages();
    setBackend('reference');
    expect(wasm).toEqual(messages());
    expect(wasm[0]).toBe('take: index 10 is out of bounds for axis 0 with size 10');
  });
});

describe.runIf(shared)('evaluation over a resident data set', () => {
  // bytes copied by TypedArray.prototype.set into the module's memory while f runs
  function bytesCopiedIn(f: () => void): number {
    const proto = Object.getPrototypeOf(Float32Array.prototype) as { set: (...a: unknown[]) => void };
    const original = proto.set;
    let bytes = 0;
    vi.spyOn(proto, 'set').mockImplementation(function (this: FloatArray, ...args: unknown[]) {
      if (this.buffer === kernelModule!.memory.buffer)
        bytes += (args[0] as ArrayLike<number>).length * this.BYTES_PER_ELEMENT;
      original.apply(this, args);
    });
    f();
    vi.restoreAllMocks();
    return bytes;
  }

  it('reads the images in place: no copy of the data set into the module', () => {
    const [n, k] = [3000, 784];
    const net = new TwoLayerNet({ inputSize: k, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });
    const t = new Tensor(
      Float32Array.from({ length: n }, (_, i) => i % 10),
      [n],
    );
    const images = (data: FloatArray): Tensor => {
      for (let i = 0; i < data.length; i++) data[i] = i % 3 === 0 ? (i % 255) / 255 : 0;
      return new Tensor(data, [n, k]);
    };
    const resident = images(allocateLasting('float32', n * k));
    const ordinary = images(new Float32Array(n * k));
    expect(residentAddress(resident.data)).toBeGreaterThanOrEqual(0);
    let [a, b] = [NaN, NaN];
    const copiedOrdinary = bytesCopiedIn(() => (a = evaluateAccuracy(net, ordinary, t, 1000)));
    const copiedResident = bytesCopiedIn(() => (b = evaluateAccuracy(net, resident, t, 1000)));
    expect(b).toBe(a);
    expect(copiedOrdinary).toBeGreaterThanOrEqual(n * k * 4); // the test can see the copy
    expect(copiedResident).toBeLessThan((n * k * 4) / 20); // the weights, not the images
  });
});

describe('the Node loader inflating image files into their tensors’ storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-resident-data-'));
  const files = writeSyntheticMnist(dir, { train: 30, test: 7, seed: 3 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const names = Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.path])) as Record<
    MnistPart,
    string
  >;
  const parts = Object.fromEntries(
    Object.entries(files).map(([p, f]) => [p, parseIdx(gunzipSync(f.bytes), f.path)]),
  ) as Record<MnistPart, IdxArray>;

  it.each([
    ['wasm', 'float32', true],
    ['wasm', 'float64', true],
    ['wasm', 'float64', false],
    ['js', 'float32', true],
  ] as const)(
    'gives what mnistFromIdx gives on the same bytes (%s, %s, normalize %s)',
    async (backend, dtype, normalize) => {
      setBackend(backend);
      const opts = { dataDir: dir, dtype, normalize, download: false };
      const d = await loadMnist(opts);
      const want = mnistFromIdx(parts, names, opts);
      for (const key of ['xTrain', 'tTrain', 'xTest', 'tTest'] as const) {
        expect(d[key].shape).toEqual(want[key].shape);
        expect(d[key].dtype).toBe(dtype);
        expect(bits(d[key].data)).toEqual(bits(want[key].data));
      }
      expect(residentAddress(d.xTrain.data) >= 0).toBe(shared && backend === 'wasm');
    },
  );

  it('keeps readIdxGz’s error for an image file whose data is cut short', async () => {
    const short = mkdtempSync(join(tmpdir(), 'scratchnet-resident-data-'));
    try {
      writeSyntheticMnist(short, { train: 4, test: 2 });
      const path = join(short, FILE_NAMES.trainImages);
      const bytes = idx(2051, [4, 28, 28], new Uint8Array(3 * 784)); // one image short
      writeFileSync(path, gzipSync(bytes));
      const message = (() => {
        try {
          readIdxGz(path);
          return 'no error';
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(message).toContain('truncated data');
      await expect(loadMnist({ dataDir: short, download: false })).rejects.toThrow(message);
    } finally {
      rmSync(short, { recursive: true, force: true });
    }
  });
});

describe.runIf(shared)('a loaded data set', () => {
  it(needing('mnist', 'holds its images in the module memory, freed by dispose()'), async (ctx) => {
    if (!found.mnist) return ctx.skip();
    const d = await loadMnist({ dtype: 'float32' });
    for (const x of [d.xTrain, d.xTest]) expect(residentAddress(x.data)).toBeGreaterThan(0);
    expect(d.xTrain.shape).toEqual([60000, 784]);
    // x_train[0, 151:156]: the first image's first lit pixels, 3, 18, 18, 18, divided by 255
    const pixels = [0, 3, 18, 18, 18].map((p) => Math.fround(p / 255));
    expect([...d.xTrain.data.subarray(151, 156)]).toEqual(pixels);
    const mask = [0, 59999, 0, 12345];
    const want = new Float32Array(4 * 784);
    referenceKernels.gatherRows(d.xTrain.data, 784, mask, want);
    expect(bits(take(d.xTrain, mask).data)).toEqual(bits(want));
    const before = moduleHeap!.inUse;
    d.xTrain.dispose();
    d.xTest.dispose();
    expect(before - moduleHeap!.inUse).toBe(sizeClass(60000 * 784 * 4) + sizeClass(10000 * 784 * 4));
  });
});
