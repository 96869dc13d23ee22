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
