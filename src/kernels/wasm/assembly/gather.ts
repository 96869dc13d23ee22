// Row gathers between arrays resident in the module's memory (the batch drawn from a data
// set, the book's x_train[batch_mask]): out's row r is x's row indices[r], copied as bytes,
// so one kernel serves float32 and float64 and every bit is kept. Addresses in bytes;
// indices: `count` i32, each a valid row of x (checked by the caller). memory.copy per row
// beat a loop of 128-bit loads and stores, 64 bytes a turn: a batch of 100×784 float32 rows
// in 30–62 against 43–72 µs, float64 in 101–117 against 101–127 µs (medians of
// five runs of take() from the loaded MNIST, one tidy scope per batch).

export function gatherRows(x: usize, rowBytes: usize, indices: usize, count: i32, out: usize): void {
  for (let r = 0; r < count; r++) {
    const row = <usize>load<i32>(indices + ((<usize>r) << 2));
    memory.copy(out + <usize>r * rowBytes, x + row * rowBytes, rowBytes);
  }
}
