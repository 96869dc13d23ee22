// out (rows×cols) = xᵀ for x (cols×rows), in 8×8 tiles so both sides stay in cache lines.
// Generic over T = f32 | f64; addresses in bytes.

function transpose<T>(x: usize, rows: i32, cols: i32, out: usize): void {
  const size = sizeof<T>();
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = min(r0 + 8, rows);
    for (let c0 = 0; c0 < cols; c0 += 8) {
      const c1 = min(c0 + 8, cols);
      for (let c = c0; c < c1; c++) {
        const from = x + <usize>c * rows * size;
        for (let r = r0; r < r1; r++)
          store<T>(out + (<usize>r * cols + c) * size, load<T>(from + <usize>r * size));
      }
    }
  }
}

export function transposeF32(x: usize, rows: i32, cols: i32, out: usize): void {
  transpose<f32>(x, rows, cols, out);
}

export function transposeF64(x: usize, rows: i32, cols: i32, out: usize): void {
  transpose<f64>(x, rows, cols, out);
}
