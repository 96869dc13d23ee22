// The dense GEMM kernel, generic over T = f32 | f64. C (m×n) = A (m×k) · B, row-major,
// addresses in bytes; B comes packed in panels of 32-byte rows (packPanels,
// 8 f32 or 4 f64 columns, zero-padded), so its panel streams through L1 in order.
// A is packed per block of MC rows into micro-panels of MR = 4 rows interleaved (k × 4, zero
// rows past m), kept in L2 while every panel of B runs over it; a 4×8 (f32) or 4×4 (f64)
// tile of C stays in eight v128 registers while p runs over all of k (5×8 and 6×8 tiles ran
// at half the speed: V8 loads every operand of an iteration up front and runs out of its 16
// vector registers; 3×12 ran the same as 4×8). Every element of C sums its products in
// order of p from 0, as the reference does and as the sparse kernel does (both through
// madd), so the dense and zero-skipping kernels give identical results.

import { madd } from './madd';

const MR = 4; // rows of A (and of C's register tile) per micro-panel
const MC = 64; // rows of A packed at a time, a multiple of MR: 64·k·4 bytes (200 KB for k = 784)

export const PANEL = 32; // bytes per panel row: two v128

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

/** Bytes of scratch gemmDense needs per thread. */
export function denseScratchBytes(k: i32, size: i32): i32 {
  return MC * k * size + MR * PANEL;
}

/** Packs rows [i0, i0 + rows) of A (m×k) as MR-row micro-panels at `out`, zero rows past the end. */
function packA<T>(a: usize, k: i32, i0: i32, rows: i32, out: usize): void {
  const size = sizeof<T>();
  for (let r0 = 0; r0 < rows; r0 += MR) {
    const panel = out + <usize>r0 * k * size;
    for (let dr = 0; dr < MR; dr++) {
      const r = r0 + dr;
      const dst = panel + <usize>dr * size;
      if (r < rows) {
        const src = a + <usize>(i0 + r) * k * size;
        for (let p = 0; p < k; p++) store<T>(dst + <usize>p * MR * size, load<T>(src + <usize>p * size));
      } else {
        for (let p = 0; p < k; p++) store<T>(dst + <usize>p * MR * size, 0);
      }
    }
  }
}

/** Stores row r of a tile (two v128) at `to`: all of it, or its first w columns through tmp. */
@inline
function storeRow<T>(to: usize, w: i32, lo: v128, hi: v128, tmp: usize): void {
  if (w == PANEL / <i32>sizeof<T>()) {
    v128.store(to, lo);
    v128.store(to, hi, 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let c = 0; c < w; c++) store<T>(to + <usize>c * sizeof<T>(), load<T>(tmp + <usize>c * sizeof<T>()));
}

function gemmDense<T>(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const size = sizeof<T>();
  const width = PANEL / <i32>size;
  const count = (n + width - 1) / width;
  const packed = scratch;
  const tmp = scratch + <usize>MC * k * size;
  const ldc = <usize>n * size;
  for (let i0 = 0; i0 < m; i0 += MC) {
    const rows = min(MC, m - i0);
    packA<T>(a, k, i0, rows, packed);
    for (let q = 0; q < count; q++) {
      const bq = panels + <usize>q * k * PANEL;
      const j0 = q * width;
      const w = min(width, n - j0);
      for (let r0 = 0; r0 < rows; r0 += MR) {
        let ap = packed + <usize>r0 * k * size;
        let bp = bq;
        let c0 = v128.splat<T>(0),
          c1 = v128.splat<T>(0),
          c2 = v128.splat<T>(0),
          c3 = v128.splat<T>(0),
          c4 = v128.splat<T>(0),
          c5 = v128.splat<T>(0),
          c6 = v128.splat<T>(0),
          c7 = v128.splat<T>(0);
        for (let p = 0; p < k; p++) {
          const b0 = v128.load(bp);
          const b1 = v128.load(bp, 16);
          // broadcast loads, not shuffles: they leave the shuffle ports to the arithmetic
          let x = v128.load_splat<T>(ap);
          c0 = madd<T>(x, b0, c0);
          c1 = madd<T>(x, b1, c1);
          x = v128.load_splat<T>(ap, sizeof<T>());
          c2 = madd<T>(x, b0, c2);
          c3 = madd<T>(x, b1, c3);
          x = v128.load_splat<T>(ap, 2 * sizeof<T>());
          c4 = madd<T>(x, b0, c4);
          c5 = madd<T>(x, b1, c5);
          x = v128.load_splat<T>(ap, 3 * sizeof<T>());
          c6 = madd<T>(x, b0, c6);
          c7 = madd<T>(x, b1, c7);
          ap += <usize>MR * size;
          bp += PANEL;
        }
        const to = c + <usize>(i0 + r0) * ldc + <usize>j0 * size;
        const left = rows - r0;
        storeRow<T>(to, w, c0, c1, tmp);
        if (left > 1) storeRow<T>(to + ldc, w, c2, c3, tmp);
        if (left > 2) storeRow<T>(to + 2 * ldc, w, c4, c5, tmp);
        if (left > 3) storeRow<T>(to + 3 * ldc, w, c6, c7, tmp);
      }
    }
  }
}

/** C (m×n) = A (m×k) · B, with B as packPanelsF32's panels; scratch: denseScratchBytes(k, 4). */
export function gemmF32(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  gemmDense<f32>(a, panels, c, m, n, k, scratch);
}

export function gemmF64(a: usize, panels: usize, c: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  gemmDense<f64>(a, panels, c, m, n, k, scratch);
}
