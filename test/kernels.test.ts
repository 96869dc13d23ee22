// One suite for every kernel backend: each must match the reference on random inputs and
// shapes (1s, sizes that are not multiples of the block sizes, every transpose flag, both
// dtypes), writing every output element (outputs are poisoned with NaN first).
import { describe, expect, it } from 'vitest';
import {
  RandomState,
  backendNames,
  kernels,
  referenceKernels,
  setBackend,
  type FloatArray,
  type Kernels,
  type OptimizerStep,
} from '../src/index.js';
import { kernelModule } from '../src/kernels/wasm/module.js';
import { residentKernels } from './helpers/resident.js';

const rng = new RandomState(12345);
// wasm-resident: the wasm kernels on operands resident in the module's memory (read and
// written in place, nothing staged), where that memory is shared
const candidates = [
  ...backendNames().filter((b) => b !== 'reference'),
  ...(kernelModule?.shared ? ['wasm-resident'] : []),
];

function randomArray(n: number, dtype: 'float32' | 'float64', zeros = 0): FloatArray {
  const x = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const v = rng.randn(n).data;
  const u = rng.rand(n).data;
  for (let i = 0; i < n; i++) x[i] = u[i] < zeros ? 0 : v[i];
  return x;
}

function backend(name: string): Kernels {
  if (name === 'wasm-resident') return residentKernels(backend('wasm'));
  setBackend(name);
  const k = kernels();
  setBackend('js');
  return k;
}

function expectClose(
  got: FloatArray,
  want: FloatArray,
  dtype: 'float32' | 'float64',
  scale: number,
  what: string,
): void {
  // float64 1e-12 relative; float32 1e-5 relative to the magnitude of the sum's terms
  const tol = (dtype === 'float64' ? 1e-12 : 1e-5) * scale;
  for (let i = 0; i < want.length; i++) {
    const ok =
      Object.is(got[i], want[i]) || Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i]));
    if (!ok) throw new Error(`${what}: element ${i} is ${got[i]}, reference ${want[i]}`);
  }
}

// the same bits everywhere (Object.is: NaN equals NaN, 0 differs from −0)
function expectBits(got: FloatArray, want: FloatArray, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]))
      throw new Error(`${what}: element ${i} is ${got[i]}, reference ${want[i]}`);
  }
}

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [3, 1, 5],
  [4, 4, 4],
  [5, 9, 13],
  [17, 33, 8],
  [100, 78, 50],
  [31, 200, 10],
  [64, 64, 65],
  // above the wasm backend's small-product cutoff, with n % 4 = 3 and 2 (its vector tails)
  [40, 23, 30],
  [9, 6, 80],
];

describe.each(candidates)('backend %s matches the reference', (name) => {
  const k = backend(name);

  it.each(['float32', 'float64'] as const)('gemm, all transpose flags, dense and sparse A, %s', (dtype) => {
    for (const [m, n, kk] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const zeros of [0, 0.8]) {
            for (const beta of [0, 0.5]) {
              const a = randomArray(m * kk, dtype, zeros);
              const b = randomArray(kk * n, dtype);
              const c0 = randomArray(m * n, dtype);
              const args = {
                transA,
                transB,
                m,
                n,
                k: kk,
                alpha: 1.5,
                a,
                lda: transA ? m : kk,
                b,
                ldb: transB ? kk : n,
                beta,
              };
              const want = c0.slice();
              referenceKernels.gemm({ ...args, c: want, ldc: n });
              const got = c0.slice();
              if (beta === 0) got.fill(NaN);
              k.gemm({ ...args, c: got, ldc: n });
              expectClose(
                got,
                want,
                dtype,
                Math.sqrt(kk) * 4,
                `gemm ${m}x${n}x${kk} tA=${transA} tB=${transB} zeros=${zeros} beta=${beta}`,
              );
            }
          }
        }
      }
    }
  });

  it.each(['float32', 'float64'] as const)(
    'gemm with a bias equals this backend’s product followed by the bias added, bit for bit, %s',
    (dtype) => {
      const other = dtype === 'float32' ? 'float64' : 'float32';
      for (const [m, n, kk] of [
        [3, 5, 7],
        [100, 50, 78],
        [37, 10, 50],
        [1500, 9, 700],
      ]) {
        for (const [zeros, transA, alpha, beta, biasType] of [
          [0, false, 1, 0, dtype],
          [0.8, false, 1, 0, dtype],
          [0.8, true, 1, 0, dtype],
          [0, false, 1.5, 0.5, dtype],
          [0.8, false, 1, 0, other],
        ] as const) {
          const a = randomArray(m * kk, dtype, zeros);
          const b = randomArray(kk * n, dtype);
          const bias = randomArray(n, biasType);
          const c0 = randomArray(m * n, dtype);
          const args = {
            transA,
            transB: false,
            m,
            n,
            k: kk,
            alpha,
            a,
            lda: transA ? m : kk,
            b,
            ldb: n,
            beta,
          };
          const want = c0.slice();
          k.gemm({ ...args, c: want, ldc: n });
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[i * n + j] += bias[j];
          const got = c0.slice();
          k.gemm({ ...args, c: got, ldc: n, bias });
          const what = `${m}x${n}x${kk} zeros ${zeros} transA ${transA} alpha ${alpha} bias ${biasType}`;
          expect([...got], what).toEqual([...want]);
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'gemm on sparse A for every width from 2 to 70 columns (every register tile and tail), %s',
    (dtype) => {
      for (let n = 2; n <= 70; n++) {
        const [m, kk] = [37, 61];
        const a = randomArray(m * kk, dtype, 0.8);
        const b = randomArray(kk * n, dtype);
        const args = { transA: false, transB: false, m, n, k: kk, alpha: 1, a, lda: kk, b, ldb: n, beta: 0 };
        const want = randomArray(m * n, dtype);
        referenceKernels.gemm({ ...args, c: want, ldc: n });
        const got = want.slice().fill(NaN);
        k.gemm({ ...args, c: got, ldc: n });
        expectClose(got, want, dtype, Math.sqrt(kk) * 4, `sparse gemm ${m}x${n}x${kk}`);
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'gemm on sparse A keeps NaN and Infinity of A and writes -0 products like the dense loop, %s',
    (dtype) => {
      // 90% zeros takes the zero-skipping kernels; the special values sit in groups of zeros
      const [m, n, kk] = [37, 21, 97];
      const a = randomArray(m * kk, dtype, 0.9);
      a.fill(0, 40, 80);
      [a[41], a[62], a[300], a[m * kk - 1]] = [NaN, Infinity, -Infinity, -0];
      const b = randomArray(kk * n, dtype);
      const args = { transA: false, transB: false, m, n, k: kk, alpha: 1, a, lda: kk, b, ldb: n, beta: 0 };
      const want = new Float64Array(m * n);
      const got = (dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n)).fill(NaN);
      referenceKernels.gemm({ ...args, c: want, ldc: n });
      k.gemm({ ...args, c: got, ldc: n });
      for (let i = 0; i < m * n; i++) {
        const ok = Number.isNaN(want[i])
          ? Number.isNaN(got[i])
          : got[i] === want[i] ||
            Math.abs(got[i] - want[i]) <=
              (dtype === 'float32' ? 1e-5 : 1e-12) * Math.max(1, Math.abs(want[i])) * kk;
        if (!ok) throw new Error(`element ${i}: ${got[i]}, reference ${want[i]}`);
      }
      expect(want.filter(Number.isNaN).length).toBeGreaterThanOrEqual(n);
    },
  );

  it.each(['float32', 'float64'] as const)(
    'sgdStep equals param − (lr·grad rounded first), bit for bit, %s',
    (dtype) => {
      for (const n of [7, 300, 1027, 70001]) {
        for (const lr of [0.1, 0.5, 1e-3]) {
          const param = randomArray(n, dtype);
          const grad = randomArray(n, dtype, 0.2);
          grad[3] = NaN;
          const [want, got] = [param.slice(), param.slice()];
          referenceKernels.sgdStep(want, grad, lr);
          k.sgdStep(got, grad, lr);
          expect([...got], `n ${n} lr ${lr}`).toEqual([...want]);
          // and the definition: the two-step update through a param-typed temporary
          const step = dtype === 'float32' ? Float32Array.from(grad, (g) => lr * g) : grad.map((g) => lr * g);
          const twoStep = param.map((p, i) => p - step[i]);
          expect([...want]).toEqual([...twoStep]);
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'optimizerStep: every rule, param and state in place, bit for bit, %s',
    (dtype) => {
      // the tails of the SIMD loops (n % 4 and n % 2), the staging cutoff (256) and a chunk
      // boundary (65536); three steps, so the state is not zero
      for (const n of [1, 2, 3, 5, 7, 256, 257, 258, 259, 1027, 70001]) {
        for (const rule of ['momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const) {
          const param = randomArray(n, dtype);
          const [want, got] = [param.slice(), param.slice()];
          const stateOf = () => [randomArray(n, dtype, 0.5), randomArray(n, dtype).map(Math.abs)];
          const [s0, s1] = stateOf();
          const [wantState, gotState] = [
            [s0.slice(), s1.slice()],
            [s0.slice(), s1.slice()],
          ];
          for (let iter = 1; iter <= 3; iter++) {
            const grad = randomArray(n, dtype, 0.2);
            if (n > 5) grad[5] = NaN;
            const lr = [0.1, 0.01, 1e-3][iter - 1];
            const step = (s: FloatArray[]): OptimizerStep =>
              rule === 'adam'
                ? {
                    rule,
                    lrT: (lr * Math.sqrt(1 - 0.999 ** iter)) / (1 - 0.9 ** iter),
                    beta1: 0.9,
                    beta2: 0.999,
                    m: s[0],
                    v: s[1],
                  }
                : rule === 'adagrad'
                  ? { rule, lr, h: s[1] }
                  : rule === 'rmsprop'
                    ? { rule, lr, decayRate: 0.99, h: s[1] }
                    : { rule, lr, momentum: 0.9, v: s[0] };
            referenceKernels.optimizerStep(want, grad, step(wantState));
            k.optimizerStep(got, grad, step(gotState));
            const what = `${rule}, n ${n}, step ${iter}`;
            expectBits(got, want, `${what}: param`);
            expectBits(gotState[0], wantState[0], `${what}: state 0`);
            expectBits(gotState[1], wantState[1], `${what}: state 1`);
          }
          // the update did something: the parameter moved (away from the NaN at 5)
          if (n > 6) expect(want.some((w, i) => i !== 5 && w !== param[i])).toBe(true);
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'gemm keeps NaN and Infinity of B even where A is zero, for every transpose flag, %s',
    (dtype) => {
      // n = 9 puts the last column in a vector tail; each special value is tried alone
      for (const [m, n, kk] of [
        [8, 8, 64],
        [8, 9, 64],
      ]) {
        for (const [spot, value] of [
          [3, Infinity],
          [kk * n - 1, NaN],
          [kk * n - 1, -Infinity],
        ]) {
          for (const zeros of [0.3, 0.9]) {
            for (const transA of [false, true]) {
              for (const transB of [false, true]) {
                const a = randomArray(m * kk, dtype, zeros);
                const b = randomArray(kk * n, dtype);
                b[spot] = value;
                const args = {
                  transA,
                  transB,
                  m,
                  n,
                  k: kk,
                  alpha: 1,
                  a,
                  lda: transA ? m : kk,
                  b,
                  ldb: transB ? kk : n,
                  beta: 0,
                };
                const want = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
                const got = want.slice().fill(-1);
                referenceKernels.gemm({ ...args, c: want, ldc: n });
                k.gemm({ ...args, c: got, ldc: n });
                const what = `${m}x${n}x${kk} B[${spot}]=${value} zeros ${zeros} transA ${transA} transB ${transB}`;
                expectClose(got, want, dtype, Math.sqrt(kk) * 4, what);
                expect(want.some((v) => !Number.isFinite(v))).toBe(true);
              }
            }
          }
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'elementwise at sizes the SIMD paths take: every op and layout, bit for bit, %s',
    (dtype) => {
      // NaN, ±Inf and ±0 among the values, so NaN propagation and signed zeros are checked too
      const special = (n: number): FloatArray => {
        const x = randomArray(n, dtype, 0.1);
        const values = [NaN, Infinity, -Infinity, -0, 0, 1];
        for (let i = 0; i < n; i += 13) x[i] = values[(i / 13) % values.length];
        return x;
      };
      const same = (got: FloatArray, want: FloatArray, what: string): void => {
        for (let i = 0; i < want.length; i++)
          if (!Object.is(got[i], want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i])))
            throw new Error(`${what}: element ${i} is ${got[i]}, reference ${want[i]}`);
      };
      const alloc = (n: number): FloatArray =>
        dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (const [rows, cols] of [
        [37, 23],
        [300, 1],
        [1, 1027],
        [100, 50],
        [64, 8],
        // more than one staged chunk (2^16 elements)
        [300, 257],
      ]) {
        const n = rows * cols;
        const x = special(n);
        for (const op of ['neg', 'abs', 'sqrt', 'square', 'relu', 'step', 'exp'] as const) {
          const [want, got] = [alloc(n), alloc(n).fill(NaN)];
          referenceKernels.unary(op, x, want);
          k.unary(op, x, got);
          same(got, want, `${op} ${rows}x${cols}`);
        }
        const lr = Float64Array.of(0.1); // a float64 number float32 cannot hold
        const layouts: [string, number[], FloatArray, number[], FloatArray][] = [
          ['same shape', [cols, 1], special(n), [cols, 1], special(n)],
          ['scalar b', [cols, 1], special(n), [0, 0], special(1)],
          ['scalar a', [0, 0], special(1), [cols, 1], special(n)],
          ['inexact float64 scalar b', [cols, 1], special(n), [0, 0], lr],
          ['inexact float64 scalar a', [0, 0], lr, [cols, 1], special(n)],
          ['row broadcast', [cols, 1], special(n), [0, 1], special(cols)],
          ['row broadcast a', [0, 1], special(cols), [cols, 1], special(n)],
          ['column broadcast', [cols, 1], special(n), [1, 0], special(rows)],
          ['column broadcast a', [1, 0], special(rows), [cols, 1], special(n)],
        ];
        for (const [layout, as, a, bs, b] of layouts) {
          for (const op of [
            'add',
            'sub',
            'mul',
            'div',
            'maximum',
            'minimum',
            'eq',
            'ne',
            'lt',
            'ge',
          ] as const) {
            const [want, got] = [alloc(n), alloc(n).fill(NaN)];
            referenceKernels.binary(op, [rows, cols], a, as, b, bs, want);
            k.binary(op, [rows, cols], a, as, b, bs, got);
            same(got, want, `${op} ${layout} ${rows}x${cols}`);
          }
        }
        // in place, as the optimizers update parameters
        const [p, g] = [special(n), special(n)];
        const want = alloc(n);
        referenceKernels.binary('sub', [n], p, [1], g, [1], want);
        k.binary('sub', [n], p, [1], g, [1], p);
        same(p, want, `sub in place ${n}`);
        const mask = special(n).map((v) => (v > 0 ? 1 : 0));
        for (const [as, a, bs, b] of [
          [[1], special(n), [0], Float64Array.of(0)],
          [[0], lr, [1], special(n)],
          [[1], special(n), [1], special(n)],
        ] as [number[], FloatArray, number[], FloatArray][]) {
          const [want, got] = [alloc(n), alloc(n).fill(NaN)];
          referenceKernels.where([n], mask, [1], a, as, b, bs, want);
          k.where([n], mask, [1], a, as, b, bs, got);
          same(got, want, `where ${as} ${bs} ${n}`);
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)('elementwise, reductions and gathers, %s', (dtype) => {
    const x = randomArray(6 * 7, dtype);
    for (const op of ['exp', 'relu', 'sigmoid', 'sign', 'tanh', 'sqrt', 'square', 'log', 'abs'] as const) {
      const [want, got] = [x.slice().fill(0), x.slice().fill(NaN)];
      referenceKernels.unary(op, x, want);
      k.unary(op, x, got);
      expectClose(got, want, dtype, 1, op);
    }
    // every layout the fast paths special-case, and some they leave to the reference
    const layouts: [string, number[], number[], FloatArray, number[], FloatArray][] = [
      ['same shape', [6, 7], [7, 1], randomArray(42, dtype), [7, 1], randomArray(42, dtype)],
      ['scalar b', [6, 7], [7, 1], randomArray(42, dtype), [0, 0], randomArray(1, dtype)],
      ['scalar a', [6, 7], [0, 0], randomArray(1, dtype), [7, 1], randomArray(42, dtype)],
      ['row broadcast', [6, 7], [7, 1], randomArray(42, dtype), [0, 1], randomArray(7, dtype)],
      ['row broadcast a', [6, 7], [0, 1], randomArray(7, dtype), [7, 1], randomArray(42, dtype)],
      ['column broadcast', [6, 7], [7, 1], randomArray(42, dtype), [1, 0], randomArray(6, dtype)],
      ['outer product', [6, 7], [1, 0], randomArray(6, dtype), [0, 1], randomArray(7, dtype)],
      ['3-D', [2, 3, 7], [21, 7, 1], randomArray(42, dtype), [0, 0, 1], randomArray(7, dtype)],
      ['0-d', [], [], randomArray(1, dtype), [], randomArray(1, dtype)],
    ];
    for (const [layout, shape, as, a, bs, b] of layouts) {
      const size = shape.reduce((p, d) => p * d, 1);
      for (const op of [
        'add',
        'sub',
        'mul',
        'div',
        'pow',
        'maximum',
        'minimum',
        'eq',
        'ne',
        'lt',
        'le',
        'gt',
        'ge',
      ] as const) {
        const [want, got] = [new Float64Array(size), new Float64Array(size).fill(NaN)];
        referenceKernels.binary(op, shape, a, as, b, bs, want);
        k.binary(op, shape, a, as, b, bs, got);
        expectClose(got, want, 'float64', 1, `${op} ${layout}`);
      }
    }
    // where: the mask, a, b in the output's layout or as scalars (fast path), or broadcast (reference)
    const mask = randomArray(42, dtype).map((v) => (v > 0 ? 1 : 0));
    const cases: [number[], number[], FloatArray, number[], FloatArray][] = [
      [[7, 1], [7, 1], randomArray(42, dtype), [0, 0], randomArray(1, dtype)],
      [[7, 1], [0, 0], randomArray(1, dtype), [7, 1], randomArray(42, dtype)],
      [[7, 1], [7, 1], randomArray(42, dtype), [7, 1], randomArray(42, dtype)],
      [[7, 1], [0, 1], randomArray(7, dtype), [1, 0], randomArray(6, dtype)],
    ];
    for (const [cs, as, a, bs, b] of cases) {
      const [want, got] = [new Float64Array(42), new Float64Array(42).fill(NaN)];
      referenceKernels.where([6, 7], mask, cs, a, as, b, bs, want);
      k.where([6, 7], mask, cs, a, as, b, bs, got);
      expectClose(got, want, 'float64', 1, `where ${as} ${bs}`);
    }
    for (const [outer, len, inner] of [
      [1, 42, 1],
      [6, 7, 1],
      [1, 6, 7],
      [2, 3, 7],
    ] as const) {
      for (const op of ['sum', 'max', 'min'] as const) {
        const [want, got] = [x.slice(0, outer * inner).fill(0), x.slice(0, outer * inner).fill(NaN)];
        referenceKernels.reduce(op, x, outer, len, inner, want);
        k.reduce(op, x, outer, len, inner, got);
        // same order of operations per output: bit-identical, NaN included
        expect([...got], `${op} ${outer}x${len}x${inner}`).toEqual([...want]);
        const withNaN = x.slice();
        withNaN[len > 1 ? inner : 0] = NaN;
        const [w2, g2] = [x.slice(0, outer * inner).fill(0), x.slice(0, outer * inner).fill(7)];
        referenceKernels.reduce(op, withNaN, outer, len, inner, w2);
        k.reduce(op, withNaN, outer, len, inner, g2);
        expect([...g2], `${op} with NaN`).toEqual([...w2]);
      }
    }
    const rows = [5, 0, 5, 2];
    const [want, got] = [new Float64Array(4 * 7), new Float64Array(4 * 7).fill(NaN)];
    referenceKernels.gatherRows(x, 7, rows, want);
    k.gatherRows(x, 7, rows, got);
    expect([...got]).toEqual([...want]);
  });

  it.each(['float32', 'float64'] as const)(
    'sums over a strided axis and argmax/argmin along rows, large enough for the module, %s',
    (dtype) => {
      // ties, -0, ±Infinity and a NaN in some rows: the same bits and the same first index
      for (const [outer, len, inner] of [
        [1, 100, 50],
        [3, 5, 9],
        [2, 40, 17],
        [100, 10, 1],
        [7, 3, 1],
        [1, 1, 64],
      ] as const) {
        const n = outer * len * inner;
        const x = randomArray(n, dtype);
        for (let i = 0; i < n; i += 13) x[i] = x[Math.max(0, i - 1)]; // ties
        x[n >> 1] = -0;
        x[n >> 2] = Infinity;
        x[(3 * n) >> 2] = -Infinity;
        const withNaN = x.slice();
        withNaN[Math.min(n - 1, 2 * inner + 1)] = NaN;
        for (const input of [x, withNaN]) {
          const label = `${outer}x${len}x${inner}${input === x ? '' : ' with NaN'}`;
          for (const op of ['sum', 'max', 'min'] as const) {
            const [want, got] = [
              input.slice(0, outer * inner).fill(0),
              input.slice(0, outer * inner).fill(NaN),
            ];
            referenceKernels.reduce(op, input, outer, len, inner, want);
            k.reduce(op, input, outer, len, inner, got);
            expect([...got], `${op} ${label}`).toEqual([...want]);
          }
          for (const op of ['argmax', 'argmin'] as const) {
            const [want, got] = [
              input.slice(0, outer * inner).fill(0),
              input.slice(0, outer * inner).fill(NaN),
            ];
            referenceKernels.argReduce(op, input, outer, len, inner, want);
            k.argReduce(op, input, outer, len, inner, got);
            expect([...got], `${op} ${label}`).toEqual([...want]);
          }
        }
      }
    },
  );

  it.each(['float32', 'float64'] as const)('convolution forward and backward, odd shapes, %s', (dtype) => {
    // (n, c, h, w, fn, fh, fw, stride, pad): 1s, odd sizes, stride and pad ≠ default, several
    // channels, batches that are not whole blocks of 4 images, outputs not whole panels of 8
    const geometries = [
      [1, 1, 1, 1, 1, 1, 1, 1, 0],
      [1, 1, 5, 5, 1, 5, 5, 1, 0],
      [2, 3, 7, 5, 5, 3, 2, 2, 1],
      [5, 2, 9, 11, 7, 3, 3, 1, 1],
      [3, 4, 8, 8, 6, 3, 3, 1, 2],
      [6, 1, 12, 12, 30, 5, 5, 1, 0],
      [4, 3, 6, 7, 9, 4, 4, 3, 2],
      [9, 16, 7, 7, 13, 3, 3, 1, 1],
    ];
    for (const [n, c, h, w, fn, fh, fw, stride, pad] of geometries) {
      const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
      const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
      const g = { n, c, h, w, fh, fw, stride, pad, outH, outW };
      const what = `conv fn ${fn} ${JSON.stringify(g)} ${dtype}`;
      const q = c * fh * fw;
      const x = randomArray(n * c * h * w, dtype);
      const W = randomArray(fn * q, dtype);
      const b = randomArray(fn, dtype);
      const count = n * fn * outH * outW;
      const [want, got] = [randomArray(count, dtype), randomArray(count, dtype).fill(NaN)];
      referenceKernels.convForward(x, W, b, g, fn, want);
      k.convForward(x, W, b, g, fn, got);
      expectClose(got, want, dtype, q, `${what} forward`);
      const dout = randomArray(count, dtype);
      const grads = (): [FloatArray, FloatArray, FloatArray] => [
        W.slice().fill(NaN),
        b.slice().fill(NaN),
        x.slice().fill(NaN),
      ];
      const [dWWant, dbWant, dxWant] = grads();
      const [dWGot, dbGot, dxGot] = grads();
      referenceKernels.convBackward(x, W, dout, g, fn, dWWant, dbWant, dxWant);
      k.convBackward(x, W, dout, g, fn, dWGot, dbGot, dxGot);
      const terms = n * outH * outW;
      expectClose(dWGot, dWWant, dtype, terms, `${what} dW`);
      expectClose(dbGot, dbWant, dtype, terms, `${what} db`);
      expectClose(dxGot, dxWant, dtype, fn * fh * fw, `${what} dx`);
      // without dx: the same dW and db
      const [dW2, db2] = grads();
      k.convBackward(x, W, dout, g, fn, dW2, db2, null);
      expect([...dW2], `${what} dW without dx`).toEqual([...dWGot]);
      expect([...db2], `${what} db without dx`).toEqual([...dbGot]);
    }
  });

  it.each(['float32', 'float64'] as const)(
    'im2col, col2im and batched transposes, odd shapes, %s',
    (dtype) => {
      // (n, c, h, w, fh, fw, stride, pad): 1s, odd sizes, stride and pad ≠ default, the book's layer
      const geometries = [
        [1, 1, 1, 1, 1, 1, 1, 0],
        [2, 3, 7, 5, 3, 2, 2, 1],
        [3, 4, 9, 11, 3, 3, 1, 2],
        [5, 1, 28, 28, 5, 5, 1, 0],
      ];
      for (const [n, c, h, w, fh, fw, stride, pad] of geometries) {
        const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
        const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
        const g = { n, c, h, w, fh, fw, stride, pad, outH, outW };
        const what = `${JSON.stringify(g)} ${dtype}`;
        const x = randomArray(n * c * h * w, dtype);
        const cols = n * outH * outW * c * fh * fw;
        const [col, colGot] = [randomArray(cols, dtype), randomArray(cols, dtype).fill(NaN)];
        referenceKernels.im2col(x, g, col);
        k.im2col(x, g, colGot);
        expect([...colGot], `im2col ${what}`).toEqual([...col]);
        const dcol = randomArray(cols, dtype);
        const [back, backGot] = [x.slice().fill(0), x.slice().fill(NaN)];
        referenceKernels.col2im(dcol, g, back);
        k.col2im(dcol, g, backGot);
        // each pixel sums its patches in the same order: the same bits
        expect([...backGot], `col2im ${what}`).toEqual([...back]);
      }
      // (batch, rows, cols): small ones take the reference path, from 4096 elements the kernel's
      for (const [batch, rows, cols] of [
        [1, 1, 1],
        [3, 5, 7],
        [7, 24 * 24, 30],
        [2, 13, 257],
      ]) {
        const x = randomArray(batch * rows * cols, dtype);
        const [want, got] = [x.slice().fill(0), x.slice().fill(NaN)];
        referenceKernels.transposeBatched(x, batch, rows, cols, want);
        k.transposeBatched(x, batch, rows, cols, got);
        expect([...got], `transposeBatched ${batch}×${rows}×${cols} ${dtype}`).toEqual([...want]);
      }
      // 2-D, across several of the module's 16 KB bands of output rows (the dW product's 784×100)
      for (const [rows, cols] of [
        [784, 100],
        [101, 203],
        [5003, 3],
      ]) {
        const x = randomArray(rows * cols, dtype);
        const [want, got] = [x.slice().fill(0), x.slice().fill(NaN)];
        referenceKernels.transpose2d(x, rows, cols, want);
        k.transpose2d(x, rows, cols, got);
        expect([...got], `transpose2d ${rows}×${cols} ${dtype}`).toEqual([...want]);
      }
    },
  );

  it.each(['float32', 'float64'] as const)(
    'max pooling and its backward, odd shapes, ties and NaN, %s',
    (dtype) => {
      // (n, c, h, w, fh, fw, stride, pad)
      const geometries = [
        [1, 1, 1, 1, 1, 1, 1, 0],
        [2, 3, 7, 5, 2, 2, 2, 0],
        [3, 5, 9, 11, 3, 2, 1, 1],
        [2, 30, 24, 24, 2, 2, 2, 0],
        [1, 7, 13, 6, 3, 3, 2, 2],
        [4, 2, 5, 5, 5, 5, 3, 1],
      ];
      for (const [n, c, h, w, fh, fw, stride, pad] of geometries) {
        const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
        const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
        const g = { n, c, h, w, fh, fw, stride, pad, outH, outW };
        const what = `pool ${JSON.stringify(g)} ${dtype}`;
        const x = randomArray(n * c * h * w, dtype, 0.3); // zeros make ties
        x[Math.floor(x.length / 2)] = NaN;
        const count = n * c * outH * outW;
        const make = (): FloatArray =>
          dtype === 'float32' ? new Float32Array(count) : new Float64Array(count);
        const [want, got] = [make(), make().fill(NaN)];
        const [wantArg, gotArg] = [new Int32Array(count), new Int32Array(count).fill(-7)];
        referenceKernels.maxPool(x, g, want, wantArg);
        k.maxPool(x, g, got, gotArg);
        expect([...got], what).toEqual([...want]);
        expect([...gotArg], what).toEqual([...wantArg]);
        const dout = randomArray(count, dtype);
        const size = n * c * h * w;
        const [dx, dxGot] = [x.slice().fill(0), x.slice().fill(NaN)];
        referenceKernels.maxPoolBackward(dout, wantArg, g, dx);
        k.maxPoolBackward(dout, wantArg, g, dxGot);
        expect(dxGot.length).toBe(size);
        expect([...dxGot], what).toEqual([...dx]);
      }
    },
  );
});

it('a backend is always active and the unknown ones are refused', () => {
  expect(backendNames()).toContain('reference');
  expect(() => setBackend('cuda')).toThrow(
    /unknown kernel backend 'cuda' \(available: reference, js(, wasm)?\)/,
  );
});
