// SoftmaxWithLoss's kernels on WebAssembly (src/kernels/wasm/losses.ts) against the reference,
// bit for bit: first the module's exponential against this engine's Math.exp on millions of
// values across its ranges (if a V8 changes its libm, this is the test that says so), then
// y and the loss on random scores (both dtypes, odd shapes, NaN and ±Infinity, edge labels),
// with operands in ordinary memory (staged) and resident in the module's memory.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RandomState, referenceKernels, type FloatArray, type Kernels } from '../src/index.js';
import { expMatchesEngine } from '../src/kernels/wasm/losses.js';
import { heap, kernelModule, layout } from '../src/kernels/wasm/module.js';
import { wasmKernels } from '../src/kernels/wasm/index.js';
import { residentKernels } from './helpers/resident.js';

const wasm = kernelModule?.exports;
const backends: [string, Kernels][] = wasmKernels
  ? [
      ['wasm', wasmKernels],
      ...(kernelModule!.shared ? [['wasm-resident', residentKernels(wasmKernels)] as [string, Kernels]] : []),
    ]
  : [];

describe.skipIf(!wasm)("the module's exponential equals Math.exp", () => {
  // a small deterministic generator: the values are the same on every run
  let seed = 20261206;
  const uniform = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const signed = (): number => (uniform() < 0.5 ? -1 : 1);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const ranges: [string, () => number][] = [
    ['the softmax range [−40, 0]', () => -40 * uniform()],
    ['[−1, 1]', () => 2 * uniform() - 1],
    ['[−750, 750] (overflow above 709.78, underflow below −745.13)', () => 750 * (2 * uniform() - 1)],
    ['near the overflow threshold', () => 709.782712893384 + (uniform() - 0.5) * 1e-3],
    ['near the underflow threshold', () => -745.1332191019411 + (uniform() - 0.5) * 1e-3],
    ['near −708 (subnormal results, 2^k in two steps)', () => -708 + 4 * (uniform() - 0.5)],
    [
      'near ±ln 2 / 2 and ±1.5 ln 2 (the reductions)',
      () => signed() * (uniform() < 0.5 ? 0.3466 : 1.0397) * (1 + (uniform() - 0.5) * 1e-3),
    ],
    [
      'every magnitude from 2^−1080 to 2^20 (tiny, subnormal)',
      () => signed() * 2 ** (1100 * uniform() - 1080),
    ],
    [
      'random bit patterns (NaNs, infinities, huge)',
      () => {
        words[0] = uniform() * 2 ** 32;
        words[1] = uniform() * 2 ** 32;
        return bits[0];
      },
    ],
    [
      'float32 differences x − max, rounded',
      () => Math.fround(Math.fround(8 * (uniform() - 0.5)) - Math.fround(8 + 8 * uniform())),
    ],
  ];
  const specials = [
    0,
    -0,
    1,
    -1,
    Infinity,
    -Infinity,
    NaN,
    2 ** -28,
    -(2 ** -28),
    2 ** -1074,
    709.78,
    -745.13,
  ];
  const n = 1 << 16;
  const batches = 4; // 2^18 values per range, 2.6 million in all

  it.each(ranges)('%s', (_, draw) => {
    const [xAt, outAt] = layout(8, [n, n]);
    const view = heap(new Float64Array(0)) as Float64Array;
    const x = view.subarray(xAt / 8, xAt / 8 + n);
    const out = view.subarray(outAt / 8, outAt / 8 + n);
    let wrong = 0;
    let first = '';
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < n; i++) x[i] = draw();
      x.set(specials, b * 16);
      wasm!.expF64(xAt, outAt, n);
      for (let i = 0; i < n; i++) {
        const want = Math.exp(x[i]);
        if (Object.is(out[i], want)) continue;
        wrong++;
        first ||= `exp(${x[i]}) gives ${out[i]}, Math.exp ${want}`;
      }
    }
    expect(first, `${wrong} of ${n * batches} differ`).toBe('');
  });

  it('so the wasm backend uses it', () => {
    expect(expMatchesEngine()).toBe(true);
  });
});

function scores(rng: RandomState, f32: boolean, rows: number, cols: number, scale: number): FloatArray {
  const v = rng.randn(rows * cols).data;
  const x = f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = v[i] * scale;
  return x;
}

// same bits (Object.is: NaN equals NaN, 0 differs from −0)
function expectBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]))
      throw new Error(`${what}: element ${i} is ${got[i]}, reference ${want[i]}`);
  }
}

describe.skipIf(backends.length === 0).each(backends)(
  '%s softmaxCrossEntropy equals the reference bit for bit',
  (_, k) => {
    const rng = new RandomState(16);
    // 1×1; columns not a multiple of 2 or 4; NumPy's pairwise blocks (8, 128); the book's 100×10; a
    // row longer than the staging chunk of 65536 elements; many rows
    const shapes = [
      [1, 1],
      [1, 2],
      [3, 1],
      [2, 3],
      [5, 7],
      [100, 10],
      [7, 129],
      [3, 300],
      [2, 70000],
      [3000, 10],
    ];
    const cases = shapes.flatMap(([r, c]) => ['float32', 'float64'].map((d) => [d, r, c] as const));
    it.each(cases)(
      '%s %i×%i, scales 1, 30, 1000, NaN and ±Infinity scores, edge labels',
      (dtype, rows, cols) => {
        const f32 = dtype === 'float32';
        for (const scale of [1, 30, 1000]) {
          const x = scores(rng, f32, rows, cols, scale);
          if (scale === 30 && rows * cols > 4) {
            x[cols + 1] = NaN; // a NaN row
            x[x.length - 1] = Infinity; // the last row: NaN where x − max is ∞ − ∞
            x[0] = -Infinity;
          }
          if (scale === 1000 && rows > 2) x.fill(-Infinity, 2 * cols, 3 * cols); // a row of −∞: NaN
          const labels = Array.from({ length: rows }, (_, r) =>
            r % 3 === 0 ? 0 : r % 3 === 1 ? cols - 1 : r % cols,
          );
          for (const delta of [1e-7, 0]) {
            const want = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
            const got = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
            const lossWant = referenceKernels.softmaxCrossEntropy(x, rows, cols, labels, delta, want);
            const loss = k.softmaxCrossEntropy(x, rows, cols, labels, delta, got);
            expectBits(got, want, `y of ${dtype} ${rows}×${cols} × ${scale}`);
            expectBits([loss], [lossWant], `the loss of ${dtype} ${rows}×${cols} × ${scale}`);
          }
        }
      },
    );

    it.each(cases)('%s %i×%i backward, dout 1, 2.5 and 1/3, NaN and ±Infinity in y', (dtype, rows, cols) => {
      const f32 = dtype === 'float32';
      const y = scores(rng, f32, rows, cols, 1);
      if (rows * cols > 4) [y[1], y[2], y[3]] = [NaN, Infinity, -0];
      const labels = Array.from({ length: rows }, (_, r) => (r % 2 === 0 ? 0 : cols - 1));
      for (const dout of [1, 2.5, 1 / 3]) {
        const want = f32 ? new Float32Array(y.length) : new Float64Array(y.length);
        const got = want.map(() => NaN);
        referenceKernels.softmaxCrossEntropyGrad(y, rows, cols, labels, dout, want);
        k.softmaxCrossEntropyGrad(y, rows, cols, labels, dout, got);
        expectBits(got, want, `dx of ${dtype} ${rows}×${cols}, dout ${dout}`);
      }
    });

    it.each(['float32', 'float64'])('%s in place (y is x), labels as a float array', (dtype) => {
      const f32 = dtype === 'float32';
      const x = scores(rng, f32, 37, 10, 30);
      const labels = f32 ? new Float32Array(37) : new Float64Array(37);
      labels.forEach((_, r) => (labels[r] = (r * 7) % 10));
      const want = x.slice();
      const lossWant = referenceKernels.softmaxCrossEntropy(x, 37, 10, labels, 1e-7, want);
      const y = x.slice();
      const loss = k.softmaxCrossEntropy(y, 37, 10, labels, 1e-7, y);
      expectBits(y, want, 'y');
      expect(loss).toBe(lossWant);
    });
  },
);

it.skipIf(!wasm)(
  'without shared memory (a page that is not cross-origin isolated) the staged path gives the same bits',
  async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/resident/softmax-unshared.ts'],
      {
        timeout: 60_000,
      },
    );
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(r).toEqual({ backend: 'wasm', shared: false, wasmExp: true, differ: 0 });
  },
  60_000,
);
