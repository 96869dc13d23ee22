// Elementwise kernels, generic over T = f32 | f64 (v128.add<T> and friends pick f32x4 or
// f64x2 at compile time). Twin of ../../reference/elementwise.ts for the ops listed in
// ../ops.ts; the op code is a runtime argument, branched on per vector (predictable).
// Addresses in bytes.

// Operand layouts in a rows×cols result: the whole matrix, one value, one row repeated
// down the rows (a bias), one value per row repeated across the columns (a keepdims sum).
const FULL = 0;
const SCALAR = 1;
const ROW = 2;
const COLUMN = 3;

@inline
function opVector<T>(op: i32, x: v128, y: v128): v128 {
  switch (op) {
    case 0:
      return v128.add<T>(x, y);
    case 1:
      return v128.sub<T>(x, y);
    case 2:
      return v128.mul<T>(x, y);
    case 3:
      return v128.div<T>(x, y);
    case 4:
      return v128.max<T>(x, y);
    case 5:
      return v128.min<T>(x, y);
    case 6:
      return v128.and(v128.eq<T>(x, y), v128.splat<T>(1));
    case 7:
      return v128.and(v128.ne<T>(x, y), v128.splat<T>(1));
    case 8:
      return v128.and(v128.lt<T>(x, y), v128.splat<T>(1));
    case 9:
      return v128.and(v128.le<T>(x, y), v128.splat<T>(1));
    case 10:
      return v128.and(v128.gt<T>(x, y), v128.splat<T>(1));
    default:
      return v128.and(v128.ge<T>(x, y), v128.splat<T>(1));
  }
}

@inline
function opScalar<T>(op: i32, x: T, y: T): T {
  switch (op) {
    case 0:
      return x + y;
    case 1:
      return x - y;
    case 2:
      return x * y;
    case 3:
      return x / y;
    case 4:
      return max<T>(x, y);
    case 5:
      return min<T>(x, y);
    case 6:
      return <T>(x == y);
    case 7:
      return <T>(x != y);
    case 8:
      return <T>(x < y);
    case 9:
      return <T>(x <= y);
    case 10:
      return <T>(x > y);
    default:
      return <T>(x >= y);
  }
}

@inline
function rowStart<T>(p: usize, mode: i32, r: i32, cols: i32): usize {
  if (mode == FULL) return p + <usize>r * cols * sizeof<T>();
  if (mode == COLUMN) return p + <usize>r * sizeof<T>();
  return p;
}

// One run of n results. The op is a literal in each inlined copy (see `run`), so the
// optimizer folds opVector's switch away and every op gets a loop of its own.
@inline
function loop<T>(op: i32, n: i32, a: usize, aSplat: bool, b: usize, bSplat: bool, out: usize): void {
  const lanes = 16 / <i32>sizeof<T>();
  let c = 0;
  if (aSplat) {
    const x = v128.splat<T>(load<T>(a));
    for (; c + lanes <= n; c += lanes) {
      const at = <usize>c * sizeof<T>();
      v128.store(out + at, opVector<T>(op, x, v128.load(b + at)));
    }
  } else if (bSplat) {
    const y = v128.splat<T>(load<T>(b));
    for (; c + lanes <= n; c += lanes) {
      const at = <usize>c * sizeof<T>();
      v128.store(out + at, opVector<T>(op, v128.load(a + at), y));
    }
  } else {
    for (; c + lanes <= n; c += lanes) {
      const at = <usize>c * sizeof<T>();
      v128.store(out + at, opVector<T>(op, v128.load(a + at), v128.load(b + at)));
    }
  }
  for (; c < n; c++) {
    const at = <usize>c * sizeof<T>();
    const x = load<T>(aSplat ? a : a + at);
    const y = load<T>(bSplat ? b : b + at);
    store<T>(out + at, opScalar<T>(op, x, y));
  }
}

function run<T>(op: i32, n: i32, a: usize, aSplat: bool, b: usize, bSplat: bool, out: usize): void {
  switch (op) {
    case 0:
      loop<T>(0, n, a, aSplat, b, bSplat, out);
      break;
    case 1:
      loop<T>(1, n, a, aSplat, b, bSplat, out);
      break;
    case 2:
      loop<T>(2, n, a, aSplat, b, bSplat, out);
      break;
    case 3:
      loop<T>(3, n, a, aSplat, b, bSplat, out);
      break;
    case 4:
      loop<T>(4, n, a, aSplat, b, bSplat, out);
      break;
    case 5:
      loop<T>(5, n, a, aSplat, b, bSplat, out);
      break;
    default:
      // comparisons: rarer, one loop for all six
      loop<T>(op, n, a, aSplat, b, bSplat, out);
  }
}

function binary<T>(op: i32, rows: i32, cols: i32, a: usize, am: i32, b: usize, bm: i32, out: usize): void {
  const aSplat = am == SCALAR || am == COLUMN;
  const bSplat = bm == SCALAR || bm == COLUMN;
  for (let r = 0; r < rows; r++) {
    const ap = rowStart<T>(a, am, r, cols);
    const bp = rowStart<T>(b, bm, r, cols);
    run<T>(op, cols, ap, aSplat, bp, bSplat, out + <usize>r * cols * sizeof<T>());
  }
}

export function binaryF32(
  op: i32,
  rows: i32,
  cols: i32,
  a: usize,
  am: i32,
  b: usize,
  bm: i32,
  out: usize,
): void {
  binary<f32>(op, rows, cols, a, am, b, bm, out);
}

export function binaryF64(
  op: i32,
  rows: i32,
  cols: i32,
  a: usize,
  am: i32,
  b: usize,
  bm: i32,
  out: usize,
): void {
  binary<f64>(op, rows, cols, a, am, b, bm, out);
}

/**
 * float32 elements with a float64 number that float32 cannot hold (a learning rate of
 * 0.1): computed in f64 and rounded once, as JavaScript and the reference do.
 */
export function binaryMixedF32(op: i32, n: i32, x: usize, s: f64, scalarFirst: i32, out: usize): void {
  // literal arguments into the inlined loop, as in `run`: the hot cases get loops of their own
  if (op == 2 && !scalarFirst) mixed(2, n, x, s, false, out);
  else if (op == 3 && !scalarFirst) mixed(3, n, x, s, false, out);
  else if (scalarFirst) mixed(op, n, x, s, true, out);
  else mixed(op, n, x, s, false, out);
}

@inline
function mixed(op: i32, n: i32, x: usize, s: f64, scalarFirst: bool, out: usize): void {
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + ((<usize>i) << 2));
    const lo = f64x2.promote_low_f32x4(v);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1));
    const rl = scalarFirst ? opVector<f64>(op, sv, lo) : opVector<f64>(op, lo, sv);
    const rh = scalarFirst ? opVector<f64>(op, sv, hi) : opVector<f64>(op, hi, sv);
    const r = v128.shuffle<i32>(f32x4.demote_f64x2_zero(rl), f32x4.demote_f64x2_zero(rh), 0, 1, 4, 5);
    v128.store(out + ((<usize>i) << 2), r);
  }
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + ((<usize>i) << 2));
    const r = scalarFirst ? opScalar<f64>(op, s, v) : opScalar<f64>(op, v, s);
    store<f32>(out + ((<usize>i) << 2), <f32>r);
  }
}

function unary<T>(op: i32, n: i32, x: usize, out: usize): void {
  const lanes = 16 / <i32>sizeof<T>();
  const zero = v128.splat<T>(0);
  let i = 0;
  for (; i + lanes <= n; i += lanes) {
    const at = <usize>i * sizeof<T>();
    const v = v128.load(x + at);
    let r: v128;
    switch (op) {
      case 0:
        r = v128.neg<T>(v);
        break;
      case 1:
        r = v128.abs<T>(v);
        break;
      case 2:
        r = v128.sqrt<T>(v);
        break;
      case 3:
        r = v128.mul<T>(v, v);
        break;
      case 4:
        // NaN passes through, as in np.maximum(0, x); -0 becomes +0 like the reference
        r = v128.bitselect(v, zero, v128.or(v128.gt<T>(v, zero), v128.ne<T>(v, v)));
        break;
      default:
        r = v128.and(v128.gt<T>(v, zero), v128.splat<T>(1));
    }
    v128.store(out + at, r);
  }
  for (; i < n; i++) {
    const at = <usize>i * sizeof<T>();
    const v = load<T>(x + at);
    let r: T;
    switch (op) {
      case 0:
        r = -v;
        break;
      case 1:
        r = abs<T>(v);
        break;
      case 2:
        r = sqrt<T>(v);
        break;
      case 3:
        r = v * v;
        break;
      case 4:
        r = v > 0 || v != v ? v : 0;
        break;
      default:
        r = <T>(v > 0);
    }
    store<T>(out + at, r);
  }
}

export function unaryF32(op: i32, n: i32, x: usize, out: usize): void {
  unary<f32>(op, n, x, out);
}

export function unaryF64(op: i32, n: i32, x: usize, out: usize): void {
  unary<f64>(op, n, x, out);
}

/** out = cond != 0 ? a : b over n elements; each operand FULL or SCALAR. */
function where<T>(n: i32, cond: usize, cm: i32, a: usize, am: i32, b: usize, bm: i32, out: usize): void {
  const lanes = 16 / <i32>sizeof<T>();
  const zero = v128.splat<T>(0);
  const cs = v128.splat<T>(load<T>(cond));
  const as = v128.splat<T>(load<T>(a));
  const bs = v128.splat<T>(load<T>(b));
  const cStep = <usize>(cm == FULL);
  const aStep = <usize>(am == FULL);
  const bStep = <usize>(bm == FULL);
  let i = 0;
  for (; i + lanes <= n; i += lanes) {
    const at = <usize>i * sizeof<T>();
    const c = cStep ? v128.load(cond + at) : cs;
    const x = aStep ? v128.load(a + at) : as;
    const y = bStep ? v128.load(b + at) : bs;
    v128.store(out + at, v128.bitselect(x, y, v128.ne<T>(c, zero)));
  }
  for (; i < n; i++) {
    const at = <usize>i * sizeof<T>();
    const c = load<T>(cond + at * cStep);
    store<T>(out + at, c != 0 ? load<T>(a + at * aStep) : load<T>(b + at * bStep));
  }
}

export function whereF32(
  n: i32,
  cond: usize,
  cm: i32,
  a: usize,
  am: i32,
  b: usize,
  bm: i32,
  out: usize,
): void {
  where<f32>(n, cond, cm, a, am, b, bm, out);
}

export function whereF64(
  n: i32,
  cond: usize,
  cm: i32,
  a: usize,
  am: i32,
  b: usize,
  bm: i32,
  out: usize,
): void {
  where<f64>(n, cond, cm, a, am, b, bm, out);
}

/** param −= f32(lr · grad) over n float32 elements, the product rounded before the subtraction. */
export function sgdStepF32(param: usize, grad: usize, n: i32, lr: f64): void {
  const rate = f64x2.splat(lr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = (<usize>i) << 2;
    const g = v128.load(grad + at);
    const lo = f64x2.mul(f64x2.promote_low_f32x4(g), rate);
    const hi = f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<i32>(g, g, 2, 3, 0, 1)), rate);
    const step = v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
    v128.store(param + at, f32x4.sub(v128.load(param + at), step));
  }
  for (; i < n; i++) {
    const at = (<usize>i) << 2;
    store<f32>(param + at, load<f32>(param + at) - <f32>(lr * <f64>load<f32>(grad + at)));
  }
}

export function sgdStepF64(param: usize, grad: usize, n: i32, lr: f64): void {
  const rate = f64x2.splat(lr);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const at = (<usize>i) << 3;
    v128.store(param + at, f64x2.sub(v128.load(param + at), f64x2.mul(v128.load(grad + at), rate)));
  }
  if (i < n) {
    const at = (<usize>i) << 3;
    store<f64>(param + at, load<f64>(param + at) - lr * load<f64>(grad + at));
  }
}
