// C = A·B skipping the zeros of A (MNIST pixels are ~80% zeros), generic over T = f32 | f64.
// Exact only when B is all finite (0·Inf is NaN): the caller checks. Every element of C
// still sums its products in order of p, starting from 0, so results equal the dense
// kernel's. Addresses in bytes.
//
// B is packed into wide panels: up to eight vectors' columns (32 f32, 16 f64) per panel,
// rows WIDE bytes apart. Each row of C holds one panel's columns in registers while its
// nonzeros stream past, two or three instructions (load, then madd: one fused multiply-add
// in the relaxed-SIMD build, a multiply and an add otherwise) per vector of B: the
// kernel is bound by instruction throughput, so the wider the register tile the fewer
// instructions per nonzero go to the loop and the entry. A is packed in blocks of ROWS
// rows as entries of (panel row offset, value), built four elements at a time with SIMD.

import { madd } from './madd';

const ROWS = 32;
const WIDE = 128; // bytes per wide panel row of this kernel: eight v128

/** Bytes of scratch gemmSparse needs per thread for a given k and element size. */
export function sparseScratchBytes(k: i32, size: i32): i32 {
  // row starts (+12 to align), entries (+32 slack), the store buffer
  return (ROWS + 1) * 4 + 12 + ROWS * k * (size == 4 ? 8 : 16) + 32 + WIDE;
}

/** Bytes of the wide panels packWide writes for a k×n B. */
export function widePanelBytes(k: i32, n: i32, size: i32): i32 {
  const width = WIDE / size;
  return ((n + width - 1) / width) * k * WIDE;
}

// B in panels of up to eight vectors' columns, each row of a panel WIDE bytes apart (the
// last panel's rows hold only its columns, rounded up to whole vectors with zeros).
// Returns 1 when every element of B is finite (skipping zeros of A is exact only then).
function packWide<T>(b: usize, k: i32, n: i32, out: usize): i32 {
  const size = sizeof<T>();
  const lanes = 16 / <i32>size;
  const width = WIDE / <i32>size;
  const panels = (n + width - 1) / width;
  const zero = v128.splat<T>(0);
  // x − x is 0 for finite x and NaN for ±Inf and NaN
  let finite = v128.splat<i32>(-1);
  let tail: T = 0;
  for (let q = 0; q < panels; q++) {
    const j0 = q * width;
    const w = min(width, n - j0);
    const dst = out + <usize>q * k * WIDE;
    for (let p = 0; p < k; p++) {
      const src = b + (<usize>p * n + j0) * size;
      const d = dst + <usize>p * WIDE;
      let c = 0;
      for (; c + lanes <= w; c += lanes) {
        const v = v128.load(src + <usize>c * size);
        finite = v128.and(finite, v128.eq<T>(v128.sub<T>(v, v), zero));
        v128.store(d + <usize>c * size, v);
      }
      if (c < w) {
        v128.store(d + <usize>c * size, zero);
        for (; c < w; c++) {
          const v = load<T>(src + <usize>c * size);
          tail += v - v;
          store<T>(d + <usize>c * size, v);
        }
      }
    }
  }
  return i32(v128.all_true<i32>(finite) && tail == 0);
}

export function packWideF32(b: usize, k: i32, n: i32, out: usize): i32 {
  return packWide<f32>(b, k, n, out);
}

export function packWideF64(b: usize, k: i32, n: i32, out: usize): i32 {
  return packWide<f64>(b, k, n, out);
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

// A's nonzeros are listed as entries of (byte offset of B's panel row, value): 8 bytes for
// f32, 16 for f64 (the value 8-byte aligned), one pointer walking both.
@inline
function entryBytes<T>(): i32 {
  return sizeof<T>() == 4 ? 8 : 16;
}

// The lanes of v that `bits` marks, zipped with their offsets, stored as entries from
// position nnz (up to 24 bytes past the new end are overwritten later, or slack).
@inline
function compact4(v: v128, bits: i32, offsets: v128, ent: usize, nnz: i32): i32 {
  const shuffle = v128.load(COMPACT + ((<usize>bits) << 4));
  const values = i8x16.swizzle(v, shuffle);
  const packed = i8x16.swizzle(offsets, shuffle);
  const at = ent + ((<usize>nnz) << 3);
  v128.store(at, v128.shuffle<i32>(packed, values, 0, 4, 1, 5));
  v128.store(at, v128.shuffle<i32>(packed, values, 2, 6, 3, 7), 16);
  return nnz + popcnt<i32>(bits);
}

// The f64 lanes of v that `bits` marks (two bits), each as a 16-byte entry (offset, pad,
// value) from position nnz: both entries are always stored, the first where the second then
// goes if the first lane is zero (up to one entry past the new end is overwritten later, or slack).
@inline
function compact2(v: v128, bits: i32, offsets: v128, ent: usize, nnz: i32): i32 {
  const at = ent + ((<usize>nnz) << 4);
  v128.store(at, v128.shuffle<i32>(offsets, v, 0, 0, 4, 5));
  const first = bits & 1;
  v128.store(at + ((<usize>first) << 4), v128.shuffle<i32>(offsets, v, 1, 1, 6, 7));
  return nnz + first + (bits >> 1);
}

/** Appends row `ar`'s nonzeros as entries at `ent` from position nnz; returns the new count. */
function packRow<T>(ar: usize, k: i32, ent: usize, nnz: i32): i32 {
  const size = sizeof<T>();
  const lanes = 16 / <i32>size;
  const E = entryBytes<T>();
  let p = 0;
  // NaN counts as nonzero: NaN·b is NaN
  if (size == 4) {
    const step = i32x4(0, WIDE, 2 * WIDE, 3 * WIDE);
    const zero = f32x4.splat(0);
    for (; p + 16 <= k; p += 16) {
      // sixteen at a time skips the runs of zeros (an image's blank rows) with one branch;
      // within them every group of four is stored, nonzero or not, without branching
      const at = ar + ((<usize>p) << 2);
      const v0 = v128.load(at);
      const v1 = v128.load(at, 16);
      const v2 = v128.load(at, 32);
      const v3 = v128.load(at, 48);
      const n0 = f32x4.ne(v0, zero);
      const n1 = f32x4.ne(v1, zero);
      const n2 = f32x4.ne(v2, zero);
      const n3 = f32x4.ne(v3, zero);
      if (!v128.any_true(v128.or(v128.or(n0, n1), v128.or(n2, n3)))) continue;
      nnz = compact4(v0, i32x4.bitmask(n0), i32x4.add(i32x4.splat(p * WIDE), step), ent, nnz);
      nnz = compact4(v1, i32x4.bitmask(n1), i32x4.add(i32x4.splat((p + 4) * WIDE), step), ent, nnz);
      nnz = compact4(v2, i32x4.bitmask(n2), i32x4.add(i32x4.splat((p + 8) * WIDE), step), ent, nnz);
      nnz = compact4(v3, i32x4.bitmask(n3), i32x4.add(i32x4.splat((p + 12) * WIDE), step), ent, nnz);
    }
    for (; p + 4 <= k; p += 4) {
      const v = v128.load(ar + ((<usize>p) << 2));
      nnz = compact4(v, i32x4.bitmask(f32x4.ne(v, zero)), i32x4.add(i32x4.splat(p * WIDE), step), ent, nnz);
    }
  } else {
    // eight at a time skips the runs of zeros; within them, each pair of lanes becomes two
    // entries stored branch-free
    const step = i32x4(0, WIDE, 0, 0);
    const zero = f64x2.splat(0);
    for (; p + 8 <= k; p += 8) {
      const at = ar + ((<usize>p) << 3);
      const v0 = v128.load(at);
      const v1 = v128.load(at, 16);
      const v2 = v128.load(at, 32);
      const v3 = v128.load(at, 48);
      const n0 = f64x2.ne(v0, zero);
      const n1 = f64x2.ne(v1, zero);
      const n2 = f64x2.ne(v2, zero);
      const n3 = f64x2.ne(v3, zero);
      if (!v128.any_true(v128.or(v128.or(n0, n1), v128.or(n2, n3)))) continue;
      nnz = compact2(v0, i64x2.bitmask(n0), i32x4.add(i32x4.splat(p * WIDE), step), ent, nnz);
      nnz = compact2(v1, i64x2.bitmask(n1), i32x4.add(i32x4.splat((p + 2) * WIDE), step), ent, nnz);
      nnz = compact2(v2, i64x2.bitmask(n2), i32x4.add(i32x4.splat((p + 4) * WIDE), step), ent, nnz);
      nnz = compact2(v3, i64x2.bitmask(n3), i32x4.add(i32x4.splat((p + 6) * WIDE), step), ent, nnz);
    }
    for (; p + 2 <= k; p += 2) {
      const v = v128.load(ar + ((<usize>p) << 3));
      nnz = compact2(v, i64x2.bitmask(f64x2.ne(v, zero)), i32x4.add(i32x4.splat(p * WIDE), step), ent, nnz);
    }
  }
  for (; p < k; p++) {
    const v = load<T>(ar + <usize>p * size);
    const at = ent + <usize>nnz * E;
    store<i32>(at, p * WIDE);
    store<T>(at, v, size == 4 ? 4 : 8);
    nnz += i32(v != 0);
  }
  return nnz;
}

// One row of C over one wide panel: nv vectors of accumulators held in registers while the
// row's nonzeros stream past. nv is a literal in each inlined copy (see
// `rowPass`), so the untaken `if (nv > …)` lines fold away: every width gets its own loop.
@inline
function rowWidth<T>(nv: i32, s: i32, e: i32, ent: usize, bp: usize, to: usize, w: i32, tmp: usize): void {
  const size = sizeof<T>();
  const E = entryBytes<T>();
  const V = size == 4 ? 4 : 8; // where an entry's value sits
  let c0 = v128.splat<T>(0),
    c1 = v128.splat<T>(0),
    c2 = v128.splat<T>(0),
    c3 = v128.splat<T>(0),
    c4 = v128.splat<T>(0),
    c5 = v128.splat<T>(0),
    c6 = v128.splat<T>(0),
    c7 = v128.splat<T>(0);
  let at = ent + <usize>s * E;
  const end = ent + <usize>e * E;
  // one nonzero at a time: unrolled, V8 hoists every load and spills the accumulators
  for (; at < end; at += E) {
    const x = v128.splat<T>(load<T>(at, V));
    const p = bp + <usize>load<i32>(at);
    c0 = madd<T>(x, v128.load(p), c0);
    if (nv > 1) c1 = madd<T>(x, v128.load(p, 16), c1);
    if (nv > 2) c2 = madd<T>(x, v128.load(p, 32), c2);
    if (nv > 3) c3 = madd<T>(x, v128.load(p, 48), c3);
    if (nv > 4) c4 = madd<T>(x, v128.load(p, 64), c4);
    if (nv > 5) c5 = madd<T>(x, v128.load(p, 80), c5);
    if (nv > 6) c6 = madd<T>(x, v128.load(p, 96), c6);
    if (nv > 7) c7 = madd<T>(x, v128.load(p, 112), c7);
  }
  // a partial last vector goes through tmp so nothing past the row's w columns is written
  const full = w == nv * (16 / <i32>size);
  const out = full ? to : tmp;
  v128.store(out, c0);
  if (nv > 1) v128.store(out, c1, 16);
  if (nv > 2) v128.store(out, c2, 32);
  if (nv > 3) v128.store(out, c3, 48);
  if (nv > 4) v128.store(out, c4, 64);
  if (nv > 5) v128.store(out, c5, 80);
  if (nv > 6) v128.store(out, c6, 96);
  if (nv > 7) v128.store(out, c7, 112);
  if (!full) for (let c = 0; c < w; c++) store<T>(to + <usize>c * size, load<T>(tmp + <usize>c * size));
}

function rowPass<T>(nv: i32, s: i32, e: i32, ent: usize, bp: usize, to: usize, w: i32, tmp: usize): void {
  switch (nv) {
    case 8:
      rowWidth<T>(8, s, e, ent, bp, to, w, tmp);
      break;
    case 7:
      rowWidth<T>(7, s, e, ent, bp, to, w, tmp);
      break;
    case 6:
      rowWidth<T>(6, s, e, ent, bp, to, w, tmp);
      break;
    case 5:
      rowWidth<T>(5, s, e, ent, bp, to, w, tmp);
      break;
    case 4:
      rowWidth<T>(4, s, e, ent, bp, to, w, tmp);
      break;
    case 3:
      rowWidth<T>(3, s, e, ent, bp, to, w, tmp);
      break;
    case 2:
      rowWidth<T>(2, s, e, ent, bp, to, w, tmp);
      break;
    default:
      rowWidth<T>(1, s, e, ent, bp, to, w, tmp);
  }
}

function gemmSparse<T>(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const size = sizeof<T>();
  const lanes = 16 / <i32>size;
  const width = WIDE / <i32>size;
  const count = (n + width - 1) / width;
  const rowPtr = scratch;
  const ent = (scratch + (ROWS + 1) * 4 + 15) & ~15;
  const tmp = ent + <usize>ROWS * k * entryBytes<T>() + 32;
  for (let i0 = 0; i0 < m; i0 += ROWS) {
    const rows = min(ROWS, m - i0);
    let nnz = 0;
    for (let r = 0; r < rows; r++) {
      store<i32>(rowPtr + ((<usize>r) << 2), nnz);
      nnz = packRow<T>(a + <usize>(i0 + r) * k * size, k, ent, nnz);
    }
    store<i32>(rowPtr + ((<usize>rows) << 2), nnz);
    for (let q = 0; q < count; q++) {
      const bp = panels + <usize>q * k * WIDE;
      const j0 = q * width;
      const w = min(width, n - j0);
      const nv = (w + lanes - 1) / lanes;
      for (let r = 0; r < rows; r++) {
        const s = load<i32>(rowPtr + ((<usize>r) << 2));
        const e = load<i32>(rowPtr + ((<usize>r + 1) << 2));
        rowPass<T>(nv, s, e, ent, bp, c + (<usize>(i0 + r) * n + j0) * size, w, tmp);
      }
    }
  }
}

/** C (m×n) = A (m×k) · B, B as packWideF32's panels; exact only where packWide returned 1 (B finite). */
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
