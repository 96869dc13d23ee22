// The kernel interface: the only place that does index arithmetic over typed arrays.
// Every backend (reference, and later wasm/threads) implements it; kernels write into
// caller-provided outputs and take shapes and strides as plain numbers.

/** The typed arrays tensors store their elements in. */
export type FloatArray = Float32Array | Float64Array;

/** The elementwise functions of one operand every backend implements. */
export type UnaryOp =
  'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sign' | 'square' | 'tanh' | 'sigmoid' | 'relu' | 'step';

/** The elementwise operations of two operands every backend implements (comparisons give 1 or 0). */
export type BinaryOp =
  'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** The reductions every backend implements. */
export type ReduceOp = 'sum' | 'max' | 'min';
/** The index-of-extreme reductions every backend implements. */
export type ArgReduceOp = 'argmax' | 'argmin';

/** C = alpha · op(A) · op(B) + beta · C, all row-major; op(X) is X or Xᵀ. */
export interface GemmArgs {
  /** Read A transposed. */
  transA: boolean;
  /** Read B transposed. */
  transB: boolean;
  /** rows of op(A) and C */
  m: number;
  /** columns of op(B) and C */
  n: number;
  /** columns of op(A), rows of op(B) */
  k: number;
  /** Scales the product. */
  alpha: number;
  /** A, row-major. */
  a: FloatArray;
  /** row stride of A as stored */
  lda: number;
  /** B, row-major. */
  b: FloatArray;
  /** Row stride of B as stored. */
  ldb: number;
  /** Scales C's old contents (0: C is only written). */
  beta: number;
  /** C, the output, row-major. */
  c: FloatArray;
  /** Row stride of C. */
  ldc: number;
  /**
   * n values added to every row of C once the product is stored (rounded): Affine's
   * x·W + b in one call, equal to the product followed by {@link add}.
   */
  bias?: FloatArray;
}

/**
 * A convolution's geometry, as the book's im2col sees it: input (n, c, h, w), filter
 * fh×fw, stride, zero padding on every side, output outH×outW.
 */
export interface ConvGeometry {
  /** Images in the batch. */
  n: number;
  /** Channels. */
  c: number;
  /** Input height. */
  h: number;
  /** Input width. */
  w: number;
  /** Filter height. */
  fh: number;
  /** Filter width. */
  fw: number;
  /** Step between filter positions. */
  stride: number;
  /** Zero padding on every side. */
  pad: number;
  /** Output height, ⌊(h + 2·pad − fh) / stride⌋ + 1. */
  outH: number;
  /** Output width, ⌊(w + 2·pad − fw) / stride⌋ + 1. */
  outW: number;
}

/**
 * One parameter's update by one of the book's optimizers (§6.1, common/optimizer.py), for
 * {@link Kernels.optimizerStep}: the rule, its settings and the state it keeps per parameter
 * (arrays `A` of the parameter's length; the tensor tier passes tensors). For Adam, `lrT` is
 * the step size with the bias corrections folded in, the book's `lr_t`.
 */
export type OptimizerStep<A = FloatArray> =
  | {
      /** Momentum (§6.1.4): v = momentum·v − lr·g; W += v. */
      rule: 'momentum';
      /** The learning rate. */
      lr: number;
      /** α, the fraction of the velocity kept. */
      momentum: number;
      /** The velocities. */
      v: A;
    }
  | {
      /** Nesterov (common/optimizer.py): v *= momentum; v −= lr·g; W += momentum²·v; W −= (1 + momentum)·lr·g. */
      rule: 'nesterov';
      /** The learning rate. */
      lr: number;
      /** α, the fraction of the velocity kept. */
      momentum: number;
      /** The velocities. */
      v: A;
    }
  | {
      /** AdaGrad (§6.1.5): h += g·g; W −= lr·g / (√h + 1e-7). */
      rule: 'adagrad';
      /** The learning rate. */
      lr: number;
      /** The sums of squared gradients. */
      h: A;
    }
  | {
      /** RMSprop (common/optimizer.py): h *= ρ; h += (1 − ρ)·g·g; W −= lr·g / (√h + 1e-7). */
      rule: 'rmsprop';
      /** The learning rate. */
      lr: number;
      /** ρ, the fraction of h kept. */
      decayRate: number;
      /** The running averages of squared gradients. */
      h: A;
    }
  | {
      /** Adam (§6.1.6): m += (1 − β1)·(g − m); v += (1 − β2)·(g² − v); W −= lr_t·m / (√v + 1e-7). */
      rule: 'adam';
      /** The book's lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ) at step t. */
      lrT: number;
      /** β1, the decay of the first moment. */
      beta1: number;
      /** β2, the decay of the second moment. */
      beta2: number;
      /** The first moments. */
      m: A;
      /** The second moments. */
      v: A;
    };

/**
 * The kernel interface, the only place that does index arithmetic over typed arrays: every backend
 * (`reference`, `js`, `wasm`) implements it, writing into caller-provided outputs, with shapes and
 * strides as plain numbers. The readable {@link referenceKernels} are the definition; the tensor ops call
 * whichever backend {@link setBackend} chose. A new backend can start from a spread of the reference.
 *
 * @example
 * ```ts
 * registerBackend({ ...referenceKernels, name: 'mine', gemm: myGemm });
 * setBackend('mine');
 * ```
 */
export interface Kernels {
  /** The name {@link setBackend} selects it by. */
  readonly name: string;
  /** C = alpha · op(A) · op(B) + beta · C (plus `bias` on every row); see {@link GemmArgs}. */
  gemm(args: GemmArgs): void;
  /**
   * Optional: storage for `size` float32 (`f32`) or float64 elements in the backend's own
   * memory, which its kernels then read and write in place (the `wasm` backend's resident
   * tensors), zero-filled if `zeroed`; null or absent: ordinary memory. `lasting`: storage
   * made once and kept long (a loaded data set), not an op's temporary.
   */
  allocate?(f32: boolean, size: number, zeroed: boolean, lasting?: boolean): FloatArray | null;
  /** out[i] = op(x[i]); x and out have the same length (may be the same array). */
  unary(op: UnaryOp, x: FloatArray, out: FloatArray): void;
  /**
   * out (contiguous, `shape`) = op(a, b), where a and b are read through strides
   * (a stride of 0 broadcasts). Comparisons write 1 or 0.
   */
  binary(
    op: BinaryOp,
    shape: readonly number[],
    a: FloatArray,
    aStrides: readonly number[],
    b: FloatArray,
    bStrides: readonly number[],
    out: FloatArray,
  ): void;
  /** out = cond != 0 ? a : b, all read through strides like `binary`. */
  where(
    shape: readonly number[],
    cond: FloatArray,
    condStrides: readonly number[],
    a: FloatArray,
    aStrides: readonly number[],
    b: FloatArray,
    bStrides: readonly number[],
    out: FloatArray,
  ): void;
  /** x viewed as [outer, len, inner]; out[o, i] = reduce over len. */
  reduce(op: ReduceOp, x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void;
  /** Like `reduce`, writing the index of the first extreme (NaN wins, as in NumPy). */
  argReduce(op: ArgReduceOp, x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void;
  /** out (rows×cols) = xᵀ for x (cols×rows). */
  transpose2d(x: FloatArray, rows: number, cols: number, out: FloatArray): void;
  /** For each of `batch` blocks: out block (rows×cols) = xᵀ of x block (cols×rows). */
  transposeBatched(x: FloatArray, batch: number, rows: number, cols: number, out: FloatArray): void;
  /** out[r, :] = x[indices[r], :] with rows of `rowSize` elements. */
  gatherRows(x: FloatArray, rowSize: number, indices: ArrayLike<number>, out: FloatArray): void;
  /** out[r] = x[r, indices[r]] for x of rows×cols (NumPy's x[arange(n), t]). */
  takeAlongRows(x: FloatArray, cols: number, indices: ArrayLike<number>, out: FloatArray): void;
  /** out (n×classes) = one-hot rows for integer labels. */
  oneHot(labels: ArrayLike<number>, classes: number, out: FloatArray): void;
  /**
   * param −= lr·grad in place (same length), lr·grad rounded to param's type first: what
   * NumPy's `param -= lr * grad` does, and the SGD update in one pass.
   */
  sgdStep(param: FloatArray, grad: FloatArray, lr: number): void;
  /**
   * One optimizer update of `param` in place, its state (`step`'s arrays) updated in place too,
   * from `grad`, all of one type and length and sharing no memory: the operations of the book's
   * common/optimizer.py in its order, each result rounded to param's type (a number such as lr
   * is applied in float64 first), so the result equals the tensor ops' one by one, bit for bit.
   */
  optimizerStep(param: FloatArray, grad: FloatArray, step: OptimizerStep): void;
  /**
   * The book's im2col: col (n·outH·outW rows, c·fh·fw columns) holds, for each output
   * position, the input patch it sees (zeros where the patch overhangs the padding).
   */
  im2col(x: FloatArray, g: ConvGeometry, col: FloatArray): void;
  /**
   * The book's col2im, im2col's adjoint: out (n, c, h, w) = the sum of every patch row of
   * col back where it came from, contributions added in order of (fh, fw) as in the book.
   */
  col2im(col: FloatArray, g: ConvGeometry, out: FloatArray): void;
  /**
   * The Convolution layer's forward (book §7.4.3) without a col matrix in the caller's memory:
   * out (n, fn, outH, outW) = im2col(x) · W (fn, c·fh·fw)ᵀ + b, laid out as the book's
   * `out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)`; each sum runs over (c, ky, kx) in
   * order, then b is added.
   */
  convForward(
    x: FloatArray,
    W: FloatArray,
    b: FloatArray,
    g: ConvGeometry,
    fn: number,
    out: FloatArray,
  ): void;
  /**
   * The Convolution layer's backward for dout (n, fn, outH, outW): dW (fn, c·fh·fw) = the book's
   * (colᵀ·dout)ᵀ, db (fn) = dout summed over n, outH, outW, and unless dx is null dx (n, c, h, w)
   * = col2im(dout·W). Sums may be grouped differently from the reference (by images).
   */
  convBackward(
    x: FloatArray,
    W: FloatArray,
    dout: FloatArray,
    g: ConvGeometry,
    fn: number,
    dW: FloatArray,
    db: FloatArray,
    dx: FloatArray | null,
  ): void;
  /**
   * Max pooling over fh×fw windows of x (n, c, h, w) (the book's Pooling): out (n, c, outH,
   * outW) = each window's maximum, padding counted as zeros; argmax = the flat index into x
   * of the first maximum (np.argmax's tie rule), −1 where it lies in the padding.
   */
  maxPool(x: FloatArray, g: ConvGeometry, out: FloatArray, argmax: Int32Array): void;
  /** Pooling's backward: dx (n, c, h, w) = 0, then dx[argmax[i]] += dout[i] for argmax[i] ≥ 0. */
  maxPoolBackward(dout: FloatArray, argmax: Int32Array, g: ConvGeometry, dx: FloatArray): void;
  /**
   * SoftmaxWithLoss's forward: y (rows×cols) = softmax of each row of x, returning the
   * batch mean of −log(y[r, labels[r]] + delta), rounded as softmax then crossEntropyError
   * compute it op by op.
   */
  softmaxCrossEntropy(
    x: FloatArray,
    rows: number,
    cols: number,
    labels: ArrayLike<number>,
    delta: number,
    y: FloatArray,
  ): number;
  /** SoftmaxWithLoss's backward: out = dout · (y − one-hot(labels)) / rows. */
  softmaxCrossEntropyGrad(
    y: FloatArray,
    rows: number,
    cols: number,
    labels: ArrayLike<number>,
    dout: number,
    out: FloatArray,
  ): void;
}
