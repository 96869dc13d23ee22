// The scan that chooses a GEMM strategy: how many zeros A has. Addresses in bytes.

export function countZerosF32(x: usize, n: i32): i32 {
  let acc = i32x4.splat(0);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = i32x4.sub(acc, f32x4.eq(v128.load(x + ((<usize>i) << 2)), zero));
  let s =
    i32x4.extract_lane(acc, 0) +
    i32x4.extract_lane(acc, 1) +
    i32x4.extract_lane(acc, 2) +
    i32x4.extract_lane(acc, 3);
  for (; i < n; i++) s += i32(load<f32>(x + ((<usize>i) << 2)) == 0);
  return s;
}

export function countZerosF64(x: usize, n: i32): i32 {
  let acc = i64x2.splat(0);
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) acc = i64x2.sub(acc, f64x2.eq(v128.load(x + ((<usize>i) << 3)), zero));
  let s = i32(i64x2.extract_lane(acc, 0) + i64x2.extract_lane(acc, 1));
  for (; i < n; i++) s += i32(load<f64>(x + ((<usize>i) << 3)) == 0);
  return s;
}
