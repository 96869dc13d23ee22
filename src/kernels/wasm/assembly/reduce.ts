// Reductions in the module: sums down a strided axis (the bias gradient, a sum over the
// batch: axis 0 of (N, n)) and argmax/argmin along contiguous rows (an evaluation's predicted
// classes). Bit-identical to js/reduce.ts and the reference: each sum starts from its first
// element as a double, adds the others in order and rounds once; each arg reduction keeps
// the first extreme, and the first NaN wins (np.argmax). Addresses in bytes.

// x (outer, len, inner) summed over len into out (outer, inner), inner ≥ 1
function sumStrided<T>(x: usize, outer: i32, len: i32, inner: i32, out: usize): void {
  const size = <usize>sizeof<T>();
  const rowBytes = <usize>inner * size;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * len * rowBytes;
    const ob = out + <usize>o * rowBytes;
    let i = 0;
    // eight columns at a time in four f64x2 accumulators
    for (; i + 8 <= inner; i += 8) {
      let p = base + <usize>i * size;
      let a0 = load2<T>(p, 0),
        a1 = load2<T>(p, 2),
        a2 = load2<T>(p, 4),
        a3 = load2<T>(p, 6);
      for (let l = 1; l < len; l++) {
        p += rowBytes;
        a0 = f64x2.add(a0, load2<T>(p, 0));
        a1 = f64x2.add(a1, load2<T>(p, 2));
        a2 = f64x2.add(a2, load2<T>(p, 4));
        a3 = f64x2.add(a3, load2<T>(p, 6));
      }
      const q = ob + <usize>i * size;
      store2<T>(q, 0, a0);
      store2<T>(q, 2, a1);
      store2<T>(q, 4, a2);
      store2<T>(q, 6, a3);
    }
    for (; i < inner; i++) {
      let p = base + <usize>i * size;
      let acc = <f64>load<T>(p);
      for (let l = 1; l < len; l++) {
        p += rowBytes;
        acc += <f64>load<T>(p);
      }
      store<T>(ob + <usize>i * size, <T>acc);
    }
  }
}

// two elements from column `c` of the row at p, as doubles
@inline
function load2<T>(p: usize, c: i32): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(p + <usize>c * 4));
  return v128.load(p + <usize>c * 8);
}

// two doubles rounded once to T, stored at column `c` of the row at q
@inline
function store2<T>(q: usize, c: i32, v: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(q + <usize>c * 4, f32x4.demote_f64x2_zero(v), 0);
  else v128.store(q + <usize>c * 8, v);
}

// the index of each row's first maximum (max = 1) or minimum (0) of len elements, written as T
function argRows<T>(max: i32, x: usize, rows: i32, len: i32, out: usize): void {
  const size = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * len * size;
    let best = load<T>(row);
    let at = 0;
    for (let l = 1; l < len && best == best; l++) {
      const v = load<T>(row + <usize>l * size);
      if ((max ? v > best : v < best) || v != v) {
        best = v;
        at = l;
      }
    }
    store<T>(out + <usize>r * size, <T>at);
  }
}

export function sumStridedF32(x: usize, outer: i32, len: i32, inner: i32, out: usize): void {
  sumStrided<f32>(x, outer, len, inner, out);
}

export function sumStridedF64(x: usize, outer: i32, len: i32, inner: i32, out: usize): void {
  sumStrided<f64>(x, outer, len, inner, out);
}

export function argRowsF32(max: i32, x: usize, rows: i32, len: i32, out: usize): void {
  argRows<f32>(max, x, rows, len, out);
}

export function argRowsF64(max: i32, x: usize, rows: i32, len: i32, out: usize): void {
  argRows<f64>(max, x, rows, len, out);
}
