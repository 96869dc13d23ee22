// C = A·B skipping the zeros of A (MNIST pixels are ~80% zeros), generic over T = f32 | f64.
// Exact only when B is all finite (0·Inf is NaN): the caller checks. Every element of C
// still sums its products in order of p, starting from 0, so results equal the dense
// kernel's. Addresses in bytes.
//
// B is first packed into panels of 32-byte rows (8 f32 or 4 f64 columns, zero-padded):
// one panel of the job's 784×50 weights is 25 KB and stays in L1 while every row of A
// runs over it, where B's own 200-byte rows would not. A is packed in blocks of ROWS rows
// as lists of (panel row offset, value), built four (two) elements at a time so groups of
// zeros are skipped whole. Two rows of A run together: four independent add chains.

const ROWS = 32;
export const PANEL = 32; // bytes per panel row: two v128

/** Bytes of scratch gemmSparse needs per thread for a given k and element size. */
export function sparseScratchBytes(k: i32, size: i32): i32 {
  // row starts (+12 to align), offsets and values (+16 slack each), the store buffer
  return (ROWS + 1) * 4 + 12 + ROWS * k * (4 + size) + 32 + PANEL;
}

/** Bytes of the panels packPanels writes for a k×n B. */
export function panelBytes(k: i32, n: i32, size: i32): i32 {
  const width = PANEL / size;
  return ((n + width - 1) / width) * k * PANEL;
}

function packPanels<T>(b: usize, k: i32, n: i32, out: usize): void {
  const size = <i32>sizeof<T>();
  const width = PANEL / size;
  const panels = (n + width - 1) / width;
  for (let q = 0; q < panels; q++) {
    const j0 = q * width;
    const w = min(width, n - j0);
    const dst = out + <usize>q * k * PANEL;
    for (let p = 0; p < k; p++) {
      const src = b + (<usize>p * n + j0) * size;
      const d = dst + <usize>p * PANEL;
      if (w == width) {
        v128.store(d, v128.load(src));
        v128.store(d, v128.load(src, 16), 16);
      } else {
        v128.store(d, v128.splat<T>(0));
        v128.store(d, v128.splat<T>(0), 16);
        for (let c = 0; c < w; c++) store<T>(d + c * size, load<T>(src + c * size));
      }
    }
  }
}

export function packPanelsF32(b: usize, k: i32, n: i32, out: usize): void {
  packPanels<f32>(b, k, n, out);
}

export function packPanelsF64(b: usize, k: i32, n: i32, out: usize): void {
  packPanels<f64>(b, k, n, out);
}

// For each 4-bit mask of nonzero f32 lanes, the byte shuffle that moves those lanes to the
// front (128: a zero byte). The same bytes are written by every instance on a shared memory.
const COMPACT = memory.data<u8>([
  128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 0, 1, 2, 3, 128, 128, 128,
  128, 128, 128, 128, 128, 128, 128, 128, 128, 4, 5, 6, 7, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  128, 128, 0, 1, 2, 3, 4, 5, 6, 7, 128, 128, 128, 128, 128, 128, 128, 128, 8, 9, 10, 11, 128, 128, 128, 128,
  128, 128, 128, 128, 128, 128, 128, 128, 0, 1, 2, 3, 8, 9, 10, 11, 128, 128, 128, 128, 128, 128, 128, 128, 4,
  5, 6, 7, 8, 9, 10, 11, 128, 128, 128, 128, 128, 128, 128, 128, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 128,
  128, 128, 128, 12, 13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 0, 1, 2, 3, 12,
  13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128, 4, 5, 6, 7, 12, 13, 14, 15, 128, 128, 128, 128, 128,
  128, 128, 128, 0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 128, 128, 128, 128, 8, 9, 10, 11, 12, 13, 14, 15,
  128, 128, 128, 128, 128, 128, 128, 128, 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 128, 128, 128, 128, 4, 5,
  6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 128, 128, 128, 128, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
  15,
]);

/** Appends row `ar`'s nonzeros to idx/val from position nnz; returns the new count. */
function packRow<T>(ar: usize, k: i32, idx: usize, val: usize, nnz: i32): i32 {
  const size = sizeof<T>();
  const lanes = 16 / <i32>size;
  let p = 0;
  // NaN counts as nonzero: NaN·b is NaN
  if (size == 4) {
    // four at a time: the nonzero lanes' values and offsets shuffled to the front and
    // stored whole (up to 12 bytes past the list's end are overwritten later, or slack)
    const step = i32x4(0, PANEL, 2 * PANEL, 3 * PANEL);
    for (; p + 4 <= k; p += 4) {
      const v = v128.load(ar + ((<usize>p) << 2));
      const bits = i32x4.bitmask(f32x4.ne(v, f32x4.splat(0)));
      if (bits == 0) continue;
      const shuffle = v128.load(COMPACT + ((<usize>bits) << 4));
      v128.store(val + ((<usize>nnz) << 2), i8x16.swizzle(v, shuffle));
      v128.store(idx + ((<usize>nnz) << 2), i8x16.swizzle(i32x4.add(i32x4.splat(p * PANEL), step), shuffle));
      nnz += popcnt<i32>(bits);
    }
  } else {
    for (; p + lanes <= k; p += lanes) {
      if (!v128.any_true(v128.ne<T>(v128.load(ar + <usize>p * size), v128.splat<T>(0)))) continue;
      for (let t = p; t < p + lanes; t++) {
        const v = load<T>(ar + <usize>t * size);
        store<i32>(idx + ((<usize>nnz) << 2), t * PANEL);
        store<T>(val + <usize>nnz * size, v);
        nnz += i32(v != 0);
      }
    }
  }
  for (; p < k; p++) {
    const v = load<T>(ar + <usize>p * size);
    store<i32>(idx + ((<usize>nnz) << 2), p * PANEL);
    store<T>(val + <usize>nnz * size, v);
    nnz += i32(v != 0);
  }
  return nnz;
}

/** Stores the first w of the panel row (lo, hi) at `to`, through `tmp` when w < the panel width. */
function storeRow<T>(to: usize, lo: v128, hi: v128, w: i32, tmp: usize): void {
  if (w == PANEL / <i32>sizeof<T>()) {
    v128.store(to, lo);
    v128.store(to, hi, 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let c = 0; c < w; c++) store<T>(to + <usize>c * sizeof<T>(), load<T>(tmp + <usize>c * sizeof<T>()));
}

function gemmSparse<T>(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const size = sizeof<T>();
  const width = PANEL / <i32>size;
  const count = (n + width - 1) / width;
  const rowPtr = scratch;
  const idx = (scratch + (ROWS + 1) * 4 + 15) & ~15;
  const val = idx + <usize>ROWS * k * 4 + 16;
  const tmp = val + <usize>ROWS * k * size + 16;
  for (let i0 = 0; i0 < m; i0 += ROWS) {
    const rows = min(ROWS, m - i0);
    let nnz = 0;
    for (let r = 0; r < rows; r++) {
      store<i32>(rowPtr + ((<usize>r) << 2), nnz);
      nnz = packRow<T>(a + <usize>(i0 + r) * k * size, k, idx, val, nnz);
    }
    store<i32>(rowPtr + ((<usize>rows) << 2), nnz);
    for (let q = 0; q < count; q++) {
      const bp = panels + <usize>q * k * PANEL;
      const j0 = q * width;
      const w = min(width, n - j0);
      let r = 0;
      for (; r + 2 <= rows; r += 2) {
        const s0 = load<i32>(rowPtr + ((<usize>r) << 2));
        const s1 = load<i32>(rowPtr + ((<usize>r + 1) << 2));
        const e1 = load<i32>(rowPtr + ((<usize>r + 2) << 2));
        const both = min(s1 - s0, e1 - s1);
        let c00 = v128.splat<T>(0),
          c01 = v128.splat<T>(0),
          c10 = v128.splat<T>(0),
          c11 = v128.splat<T>(0);
        for (let t = 0; t < both; t++) {
          const q0 = s0 + t;
          const q1 = s1 + t;
          const x0 = v128.splat<T>(load<T>(val + <usize>q0 * size));
          const p0 = bp + <usize>load<i32>(idx + ((<usize>q0) << 2));
          const x1 = v128.splat<T>(load<T>(val + <usize>q1 * size));
          const p1 = bp + <usize>load<i32>(idx + ((<usize>q1) << 2));
          c00 = v128.add<T>(c00, v128.mul<T>(x0, v128.load(p0)));
          c01 = v128.add<T>(c01, v128.mul<T>(x0, v128.load(p0, 16)));
          c10 = v128.add<T>(c10, v128.mul<T>(x1, v128.load(p1)));
          c11 = v128.add<T>(c11, v128.mul<T>(x1, v128.load(p1, 16)));
        }
        for (let q0 = s0 + both; q0 < s1; q0++) {
          const x0 = v128.splat<T>(load<T>(val + <usize>q0 * size));
          const p0 = bp + <usize>load<i32>(idx + ((<usize>q0) << 2));
          c00 = v128.add<T>(c00, v128.mul<T>(x0, v128.load(p0)));
          c01 = v128.add<T>(c01, v128.mul<T>(x0, v128.load(p0, 16)));
        }
        for (let q1 = s1 + both; q1 < e1; q1++) {
          const x1 = v128.splat<T>(load<T>(val + <usize>q1 * size));
          const p1 = bp + <usize>load<i32>(idx + ((<usize>q1) << 2));
          c10 = v128.add<T>(c10, v128.mul<T>(x1, v128.load(p1)));
          c11 = v128.add<T>(c11, v128.mul<T>(x1, v128.load(p1, 16)));
        }
        const to = c + (<usize>(i0 + r) * n + j0) * size;
        storeRow<T>(to, c00, c01, w, tmp);
        storeRow<T>(to + <usize>n * size, c10, c11, w, tmp);
      }
      if (r < rows) {
        const s0 = load<i32>(rowPtr + ((<usize>r) << 2));
        const e0 = load<i32>(rowPtr + ((<usize>r + 1) << 2));
        let c00 = v128.splat<T>(0),
          c01 = v128.splat<T>(0);
        for (let q0 = s0; q0 < e0; q0++) {
          const x0 = v128.splat<T>(load<T>(val + <usize>q0 * size));
          const p0 = bp + <usize>load<i32>(idx + ((<usize>q0) << 2));
          c00 = v128.add<T>(c00, v128.mul<T>(x0, v128.load(p0)));
          c01 = v128.add<T>(c01, v128.mul<T>(x0, v128.load(p0, 16)));
        }
        storeRow<T>(c + (<usize>(i0 + r) * n + j0) * size, c00, c01, w, tmp);
      }
    }
  }
}

/** C (m×n) = A (m×k) · B, with B given as packPanelsF32's panels. */
export function gemmSparseF32(
  a: usize,
  panels: usize,
  c: usize,
  m: i32,
  n: i32,
  k: i32,
  scratch: usize,
): void {
  gemmSparse<f32>(a, panels, c, m, n, k, scratch);
}

export function gemmSparseF64(
  a: usize,
  panels: usize,
  c: usize,
  m: i32,
  n: i32,
  k: i32,
  scratch: usize,
): void {
  gemmSparse<f64>(a, panels, c, m, n, k, scratch);
}
