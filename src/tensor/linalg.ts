// Matrix products: `dot` with NumPy's semantics for 1-D and 2-D operands, `gemm` with
// transpose flags and an output for layers that must not copy, and 2-D `transpose`.
import { kernels } from '../kernels/index.js';
import { allocateResult, resultDType } from './dtype.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * `np.dot` for 1-D and 2-D operands (book §3.3): vector·vector is a 0-d tensor, matrix·vector and
 * vector·matrix are vectors, matrix·matrix is a matrix. Mixed dtypes give float64.
 *
 * @example
 * ```ts
 * const x = tensor([1.0, 0.5]);
 * const W1 = tensor([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]);
 * dot(x, W1).toArray(); // [0.2, 0.5, 0.8] (book §3.4.2)
 * ```
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0 || a.ndim > 2 || b.ndim > 2) {
    throw new Error(
      `dot: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}: only 1-D and 2-D operands are supported`,
    );
  }
  const a2 = a.ndim === 1 ? a.reshape(1, a.shape[0]) : a;
  const b2 = b.ndim === 1 ? b.reshape(b.shape[0], 1) : b;
  if (a2.shape[1] !== b2.shape[0]) {
    const ka = a.ndim - 1;
    throw new Error(
      `dot: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ` +
        `${a.shape[ka]} (dim ${ka}) != ${b2.shape[0]} (dim 0)`,
    );
  }
  const r = gemm(a2, b2);
  const shape = [...(a.ndim === 2 ? [a.shape[0]] : []), ...(b.ndim === 2 ? [b.shape[1]] : [])];
  return r.reshape(...shape);
}

/** Options of {@link gemm}: BLAS-style transposes, scaling, an output to accumulate into and a bias. */
export interface GemmOptions {
  /** Use aᵀ in place of a (no copy is made). */
  transA?: boolean;
  /** Use bᵀ in place of b (no copy is made). */
  transB?: boolean;
  /** Scales the product (default 1). */
  alpha?: number;
  /** With `out`: out = alpha·op(a)·op(b) + beta·out (default 0; ignored without `out`). */
  beta?: number;
  /** A 2-D tensor of the result's shape to write into instead of allocating one. */
  out?: Tensor;
  /**
   * A 1-D tensor added to every row of the result once the product is stored: x·W + b in one
   * call, as `add(product, b, product)` gives it (the result keeps the product's dtype).
   */
  bias?: Tensor;
}

/**
 * `op(a)·op(b)` for 2-D a and b, where op transposes without copying (BLAS's GEMM). The
 * layers use it for `x·W + b` and for backward's `dout·Wᵀ` and `xᵀ·dout` (book §5.6.2).
 *
 * @example
 * ```ts
 * const dW = gemm(x, dout, { transA: true }); // xᵀ·dout without building xᵀ
 * ```
 */
export function gemm(a: Tensor, b: Tensor, opts: GemmOptions = {}): Tensor {
  const { transA = false, transB = false, alpha = 1, beta = 0 } = opts;
  const name = `gemm${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}`;
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new Error(
      `${name}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}: operands must be 2-D`,
    );
  }
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== kb) {
    throw new Error(
      `${name}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ` +
        `${k} (dim ${transA ? 0 : 1}) != ${kb} (dim ${transB ? 1 : 0})`,
    );
  }
  const out = opts.out ?? new Tensor(allocateResult(resultDType(a.dtype, b.dtype), m * n), [m, n]);
  if (out.ndim !== 2 || out.shape[0] !== m || out.shape[1] !== n) {
    throw new Error(`${name}: output of shape ${formatShape(out.shape)} does not match result (${m},${n})`);
  }
  const { bias } = opts;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== n)) {
    throw new Error(
      `${name}: bias of shape ${formatShape(bias.shape)} does not match the result's ${n} columns`,
    );
  }
  kernels().gemm({
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a: a.data,
    lda: a.shape[1],
    b: b.data,
    ldb: b.shape[1],
    beta: opts.out ? beta : 0,
    c: out.data,
    ldc: n,
    bias: bias?.data,
  });
  return out;
}

/** `x.T` for a 2-D x (a copy); 1-D and 0-d tensors are returned as they are, like NumPy. */
export function transpose(x: Tensor): Tensor {
  if (x.ndim < 2) return x;
  if (x.ndim > 2) throw new Error(`transpose: only 2-D tensors are supported, got ${formatShape(x.shape)}`);
  const [rows, cols] = [x.shape[1], x.shape[0]];
  const out = new Tensor(allocateResult(x.dtype, x.size), [rows, cols]);
  kernels().transpose2d(x.data, rows, cols, out.data);
  return out;
}

/**
 * Swaps the last two axes of x viewed as (batch, rows, cols): (batch, cols, rows), a copy.
 * The convolution layers' `transpose(0, 3, 1, 2)` of the book, one image at a time.
 * @example transposeBatched(x, n, outH * outW, filterNum) // (N·OH·OW, FN) → (N, FN, OH·OW)
 */
export function transposeBatched(x: Tensor, batch: number, rows: number, cols: number): Tensor {
  if (batch * rows * cols !== x.size) {
    throw new Error(
      `transposeBatched: ${batch}×${rows}×${cols} does not match ${formatShape(x.shape)} (${x.size} elements)`,
    );
  }
  const out = new Tensor(allocateResult(x.dtype, x.size), [batch, cols, rows]);
  kernels().transposeBatched(x.data, batch, cols, rows, out.data);
  return out;
}
