// AssemblyScript source of the WebAssembly GEMM kernels (compiled by `npm run build:wasm`).
// Twin of src/kernels/reference/gemm.ts. C (m×n) = A (m×k) · B (k×n), row-major, packed,
// addresses in bytes. The JS side (../index.ts) packs transposes and applies alpha/beta.

// f32: 4 rows × 8 columns of C held in eight f32x4 registers while p runs over k.
export function gemmF32(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32): void {
  const n8 = n & ~7;
  const rowA = (<usize>k) << 2;
  const rowB = (<usize>n) << 2;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * rowA;
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0),
        c01 = f32x4.splat(0),
        c10 = f32x4.splat(0),
        c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0),
        c21 = f32x4.splat(0),
        c30 = f32x4.splat(0),
        c31 = f32x4.splat(0);
      let bp = b + ((<usize>j) << 2);
      let ap = a0;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load32_splat(ap);
        const x1 = v128.load32_splat(ap + rowA);
        const x2 = v128.load32_splat(ap + 2 * rowA);
        const x3 = v128.load32_splat(ap + 3 * rowA);
        c00 = f32x4.add(c00, f32x4.mul(x0, b0));
        c01 = f32x4.add(c01, f32x4.mul(x0, b1));
        c10 = f32x4.add(c10, f32x4.mul(x1, b0));
        c11 = f32x4.add(c11, f32x4.mul(x1, b1));
        c20 = f32x4.add(c20, f32x4.mul(x2, b0));
        c21 = f32x4.add(c21, f32x4.mul(x2, b1));
        c30 = f32x4.add(c30, f32x4.mul(x3, b0));
        c31 = f32x4.add(c31, f32x4.mul(x3, b1));
        bp += rowB;
        ap += 4;
      }
      const cp = c + (<usize>i * n + j) * 4;
      store<v128>(cp, c00);
      store<v128>(cp, c01, 16);
      store<v128>(cp + rowB, c10);
      store<v128>(cp + rowB, c11, 16);
      store<v128>(cp + 2 * rowB, c20);
      store<v128>(cp + 2 * rowB, c21, 16);
      store<v128>(cp + 3 * rowB, c30);
      store<v128>(cp + 3 * rowB, c31, 16);
    }
    for (let r = i; r < i + 4; r++) tailF32(a, b, c, r, n8, n, k);
  }
  for (; i < m; i++) tailF32(a, b, c, i, 0, n, k);
}

/** One row of C from column j0 on, four columns at a time, then one at a time. */
function tailF32(a: usize, b: usize, c: usize, i: i32, j0: i32, n: i32, k: i32): void {
  const rowB = (<usize>n) << 2;
  const ar = a + ((<usize>i * k) << 2);
  const cr = c + ((<usize>i * n) << 2);
  let j = j0;
  for (; j + 4 <= n; j += 4) {
    let acc = f32x4.splat(0);
    let bp = b + ((<usize>j) << 2);
    for (let p = 0; p < k; p++) {
      acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(ar + ((<usize>p) << 2)), v128.load(bp)));
      bp += rowB;
    }
    store<v128>(cr + ((<usize>j) << 2), acc);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    for (let p = 0; p < k; p++)
      s += load<f32>(ar + ((<usize>p) << 2)) * load<f32>(b + ((<usize>p * n + j) << 2));
    store<f32>(cr + ((<usize>j) << 2), s);
  }
}

/**
 * C = A·B skipping zeros of A. Each row's nonzeros are packed first, without branches
 * (B's row offset and the value, into `scratch`: 8·k bytes), then 16 columns of C at a
 * time are accumulated in four f32x4 registers across them: four independent chains,
 * so the adds' latency overlaps. Every element still sums its products in order of p.
 */
export function gemmSparseF32(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const idx = scratch;
  const val = scratch + ((<usize>k) << 2);
  for (let i = 0; i < m; i++) {
    const ar = a + ((<usize>i * k) << 2);
    const cr = c + ((<usize>i * n) << 2);
    let nnz = 0;
    let p = 0;
    // four at a time, skipping groups of zeros whole (NaN counts as nonzero: NaN·b is NaN)
    for (; p + 4 <= k; p += 4) {
      if (!v128.any_true(f32x4.ne(v128.load(ar + ((<usize>p) << 2)), f32x4.splat(0)))) continue;
      for (let t = p; t < p + 4; t++) {
        const av = load<f32>(ar + ((<usize>t) << 2));
        store<i32>(idx + ((<usize>nnz) << 2), (t * n) << 2);
        store<f32>(val + ((<usize>nnz) << 2), av);
        nnz += i32(av != 0);
      }
    }
    for (; p < k; p++) {
      const av = load<f32>(ar + ((<usize>p) << 2));
      store<i32>(idx + ((<usize>nnz) << 2), (p * n) << 2);
      store<f32>(val + ((<usize>nnz) << 2), av);
      nnz += i32(av != 0);
    }
    let j = 0;
    for (; j + 16 <= n; j += 16) {
      let acc0 = f32x4.splat(0);
      let acc1 = f32x4.splat(0);
      let acc2 = f32x4.splat(0);
      let acc3 = f32x4.splat(0);
      const bj = b + ((<usize>j) << 2);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load32_splat(val + ((<usize>q) << 2));
        const bp = bj + <usize>load<i32>(idx + ((<usize>q) << 2));
        acc0 = f32x4.add(acc0, f32x4.mul(x, v128.load(bp)));
        acc1 = f32x4.add(acc1, f32x4.mul(x, v128.load(bp, 16)));
        acc2 = f32x4.add(acc2, f32x4.mul(x, v128.load(bp, 32)));
        acc3 = f32x4.add(acc3, f32x4.mul(x, v128.load(bp, 48)));
      }
      const cp = cr + ((<usize>j) << 2);
      store<v128>(cp, acc0);
      store<v128>(cp, acc1, 16);
      store<v128>(cp, acc2, 32);
      store<v128>(cp, acc3, 48);
    }
    for (; j + 4 <= n; j += 4) {
      let acc = f32x4.splat(0);
      const bj = b + ((<usize>j) << 2);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load32_splat(val + ((<usize>q) << 2));
        acc = f32x4.add(acc, f32x4.mul(x, v128.load(bj + <usize>load<i32>(idx + ((<usize>q) << 2)))));
      }
      store<v128>(cr + ((<usize>j) << 2), acc);
    }
    // The last n % 4 columns as one vector: lanes past the row's end read the next row of B
    // (or what follows B; the caller reserves it) and are computed but never stored.
    const rest = n - j;
    if (rest > 0) {
      let acc = f32x4.splat(0);
      const bj = b + ((<usize>j) << 2);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load32_splat(val + ((<usize>q) << 2));
        acc = f32x4.add(acc, f32x4.mul(x, v128.load(bj + <usize>load<i32>(idx + ((<usize>q) << 2)))));
      }
      const cp = cr + ((<usize>j) << 2);
      store<f32>(cp, f32x4.extract_lane(acc, 0));
      if (rest > 1) store<f32>(cp, f32x4.extract_lane(acc, 1), 4);
      if (rest > 2) store<f32>(cp, f32x4.extract_lane(acc, 2), 8);
    }
  }
}

// f64: 4 rows × 4 columns of C in eight f64x2 registers.
export function gemmF64(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32): void {
  const n4 = n & ~3;
  const rowA = (<usize>k) << 3;
  const rowB = (<usize>n) << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * rowA;
    for (let j = 0; j < n4; j += 4) {
      let c00 = f64x2.splat(0),
        c01 = f64x2.splat(0),
        c10 = f64x2.splat(0),
        c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0),
        c21 = f64x2.splat(0),
        c30 = f64x2.splat(0),
        c31 = f64x2.splat(0);
      let bp = b + ((<usize>j) << 3);
      let ap = a0;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load64_splat(ap);
        const x1 = v128.load64_splat(ap + rowA);
        const x2 = v128.load64_splat(ap + 2 * rowA);
        const x3 = v128.load64_splat(ap + 3 * rowA);
        c00 = f64x2.add(c00, f64x2.mul(x0, b0));
        c01 = f64x2.add(c01, f64x2.mul(x0, b1));
        c10 = f64x2.add(c10, f64x2.mul(x1, b0));
        c11 = f64x2.add(c11, f64x2.mul(x1, b1));
        c20 = f64x2.add(c20, f64x2.mul(x2, b0));
        c21 = f64x2.add(c21, f64x2.mul(x2, b1));
        c30 = f64x2.add(c30, f64x2.mul(x3, b0));
        c31 = f64x2.add(c31, f64x2.mul(x3, b1));
        bp += rowB;
        ap += 8;
      }
      const cp = c + (<usize>i * n + j) * 8;
      store<v128>(cp, c00);
      store<v128>(cp, c01, 16);
      store<v128>(cp + rowB, c10);
      store<v128>(cp + rowB, c11, 16);
      store<v128>(cp + 2 * rowB, c20);
      store<v128>(cp + 2 * rowB, c21, 16);
      store<v128>(cp + 3 * rowB, c30);
      store<v128>(cp + 3 * rowB, c31, 16);
    }
    for (let r = i; r < i + 4; r++) tailF64(a, b, c, r, n4, n, k);
  }
  for (; i < m; i++) tailF64(a, b, c, i, 0, n, k);
}

function tailF64(a: usize, b: usize, c: usize, i: i32, j0: i32, n: i32, k: i32): void {
  const ar = a + ((<usize>i * k) << 3);
  const cr = c + ((<usize>i * n) << 3);
  for (let j = j0; j < n; j++) {
    let s: f64 = 0;
    for (let p = 0; p < k; p++)
      s += load<f64>(ar + ((<usize>p) << 3)) * load<f64>(b + ((<usize>p * n + j) << 3));
    store<f64>(cr + ((<usize>j) << 3), s);
  }
}

/** As gemmSparseF32, 8 columns at a time in four f64x2 registers; `scratch`: 12·k bytes. */
export function gemmSparseF64(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const idx = scratch;
  const val = scratch + ((<usize>k) << 2);
  for (let i = 0; i < m; i++) {
    const ar = a + ((<usize>i * k) << 3);
    const cr = c + ((<usize>i * n) << 3);
    let nnz = 0;
    let p = 0;
    for (; p + 2 <= k; p += 2) {
      if (!v128.any_true(f64x2.ne(v128.load(ar + ((<usize>p) << 3)), f64x2.splat(0)))) continue;
      for (let t = p; t < p + 2; t++) {
        const av = load<f64>(ar + ((<usize>t) << 3));
        store<i32>(idx + ((<usize>nnz) << 2), (t * n) << 3);
        store<f64>(val + ((<usize>nnz) << 3), av);
        nnz += i32(av != 0);
      }
    }
    for (; p < k; p++) {
      const av = load<f64>(ar + ((<usize>p) << 3));
      store<i32>(idx + ((<usize>nnz) << 2), (p * n) << 3);
      store<f64>(val + ((<usize>nnz) << 3), av);
      nnz += i32(av != 0);
    }
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let acc0 = f64x2.splat(0);
      let acc1 = f64x2.splat(0);
      let acc2 = f64x2.splat(0);
      let acc3 = f64x2.splat(0);
      const bj = b + ((<usize>j) << 3);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load64_splat(val + ((<usize>q) << 3));
        const bp = bj + <usize>load<i32>(idx + ((<usize>q) << 2));
        acc0 = f64x2.add(acc0, f64x2.mul(x, v128.load(bp)));
        acc1 = f64x2.add(acc1, f64x2.mul(x, v128.load(bp, 16)));
        acc2 = f64x2.add(acc2, f64x2.mul(x, v128.load(bp, 32)));
        acc3 = f64x2.add(acc3, f64x2.mul(x, v128.load(bp, 48)));
      }
      const cp = cr + ((<usize>j) << 3);
      store<v128>(cp, acc0);
      store<v128>(cp, acc1, 16);
      store<v128>(cp, acc2, 32);
      store<v128>(cp, acc3, 48);
    }
    for (; j + 2 <= n; j += 2) {
      let acc = f64x2.splat(0);
      const bj = b + ((<usize>j) << 3);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load64_splat(val + ((<usize>q) << 3));
        acc = f64x2.add(acc, f64x2.mul(x, v128.load(bj + <usize>load<i32>(idx + ((<usize>q) << 2)))));
      }
      store<v128>(cr + ((<usize>j) << 3), acc);
    }
    if (j < n) {
      // one column left: a two-lane vector as in gemmSparseF32's tail, the second lane unused
      let acc = f64x2.splat(0);
      const bj = b + ((<usize>j) << 3);
      for (let q = 0; q < nnz; q++) {
        const x = v128.load64_splat(val + ((<usize>q) << 3));
        acc = f64x2.add(acc, f64x2.mul(x, v128.load(bj + <usize>load<i32>(idx + ((<usize>q) << 2)))));
      }
      store<f64>(cr + ((<usize>j) << 3), f64x2.extract_lane(acc, 0));
    }
  }
}
