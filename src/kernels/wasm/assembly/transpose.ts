// out (rows×cols) = xᵀ for x (cols×rows): 4×4 (f32) or 2×2 (f64) blocks transposed in
// registers by shuffles, the edges one element at a time. Addresses in bytes.
// The blocks go a band of BAND_BYTES of out at a time (all of x's rows for those of out), so
// the band being written stays in L1: written a whole column of blocks at a time, out's lines
// left the cache before their next blocks came (a 100×784 batch's transpose for dW).
const BAND_BYTES = 16384;

export function transposeF32(x: usize, rows: i32, cols: i32, out: usize): void {
  const r4 = rows & ~3;
  const c4 = cols & ~3;
  const band = max(4, (BAND_BYTES / (max(cols, 1) << 2)) & ~3);
  for (let r0 = 0; r0 < r4; r0 += band) {
    const r1 = min(r4, r0 + band);
    for (let c = 0; c < c4; c += 4) {
      const src = x + ((<usize>c * rows) << 2);
      const stride = (<usize>rows) << 2;
      for (let r = r0; r < r1; r += 4) {
        const at = src + ((<usize>r) << 2);
        const v0 = v128.load(at);
        const v1 = v128.load(at + stride);
        const v2 = v128.load(at + 2 * stride);
        const v3 = v128.load(at + 3 * stride);
        const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
        const to = out + ((<usize>r * cols + c) << 2);
        const row = (<usize>cols) << 2;
        v128.store(to, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(to + row, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
        v128.store(to + 2 * row, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
        v128.store(to + 3 * row, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
      }
    }
  }
  edges<f32>(x, rows, cols, out, r4, c4);
}

export function transposeF64(x: usize, rows: i32, cols: i32, out: usize): void {
  const r2 = rows & ~1;
  const c2 = cols & ~1;
  const band = max(2, (BAND_BYTES / (max(cols, 1) << 3)) & ~1);
  for (let r0 = 0; r0 < r2; r0 += band) {
    const r1 = min(r2, r0 + band);
    for (let c = 0; c < c2; c += 2) {
      const src = x + ((<usize>c * rows) << 3);
      const stride = (<usize>rows) << 3;
      for (let r = r0; r < r1; r += 2) {
        const at = src + ((<usize>r) << 3);
        const v0 = v128.load(at);
        const v1 = v128.load(at + stride);
        const to = out + ((<usize>r * cols + c) << 3);
        v128.store(to, v128.shuffle<f64>(v0, v1, 0, 2));
        v128.store(to + ((<usize>cols) << 3), v128.shuffle<f64>(v0, v1, 1, 3));
      }
    }
  }
  edges<f64>(x, rows, cols, out, r2, c2);
}

/** The rows from r0 and the columns from c0 that the blocks did not cover. */
function edges<T>(x: usize, rows: i32, cols: i32, out: usize, r0: i32, c0: i32): void {
  const size = sizeof<T>();
  for (let r = 0; r < rows; r++) {
    for (let c = r < r0 ? c0 : 0; c < cols; c++)
      store<T>(out + (<usize>r * cols + c) * size, load<T>(x + (<usize>c * rows + r) * size));
  }
}
