// The optimizers' updates in one pass per parameter (twin of ../../reference/optimizers.ts),
// generic over T = f32 | f64: param, grad and the state read and written in place, every
// operation rounded as the tensor ops round it (no fused multiply-add). Addresses in bytes.

const MOMENTUM = 0;
const NESTEROV = 1;
const ADAGRAD = 2;
const RMSPROP = 3;
// ADAM = 4

// x·s and x + s for a vector of T and a float64 number s (as f64x2.splat): for float32 the
// operation runs in float64 and rounds once, as JavaScript's `x * s` stored into a
// Float32Array (and binaryMixedF32) does; a number such as 0.9 is not rounded to float32 first.
@inline
function mulN<T>(x: v128, s: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.mul(x, s);
  const lo = f64x2.mul(f64x2.promote_low_f32x4(x), s);
  const hi = f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1)), s);
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

@inline
function addN<T>(x: v128, s: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.add(x, s);
  const lo = f64x2.add(f64x2.promote_low_f32x4(x), s);
  const hi = f64x2.add(f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1)), s);
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

// `count` elements at `at` as a vector: a whole vector, or the tail's 1–3 elements in the low
// lanes (zeros above, computed on and never stored), so the tail runs the same operations.
@inline
function ld<T>(at: usize, count: i32): v128 {
  if (count == 16 / <i32>sizeof<T>()) return v128.load(at);
  if (sizeof<T>() == 8) return f64x2.replace_lane(f64x2.splat(0), 0, load<f64>(at));
  let v = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(at));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(at + 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(at + 8));
  return v;
}

@inline
function st<T>(at: usize, v: v128, count: i32): void {
  if (count == 16 / <i32>sizeof<T>()) {
    v128.store(at, v);
  } else if (sizeof<T>() == 8) {
    store<f64>(at, f64x2.extract_lane(v, 0));
  } else {
    store<f32>(at, f32x4.extract_lane(v, 0));
    if (count > 1) store<f32>(at + 4, f32x4.extract_lane(v, 1));
    if (count > 2) store<f32>(at + 8, f32x4.extract_lane(v, 2));
  }
}

// One vector (or the tail) of each rule; a, b, c are the rule's numbers as f64x2 splats.
@inline
function momentum<T>(p: usize, g: usize, v: usize, count: i32, lr: v128, mom: v128): void {
  // v = momentum·v − lr·g; W += v
  const vv = v128.sub<T>(mulN<T>(ld<T>(v, count), mom), mulN<T>(ld<T>(g, count), lr));
  st<T>(v, vv, count);
  st<T>(p, v128.add<T>(ld<T>(p, count), vv), count);
}

@inline
function nesterov<T>(p: usize, g: usize, v: usize, count: i32, lr: v128, mom: v128, m2: v128, lr1: v128): void {
  // v *= momentum; v −= lr·g; W += momentum²·v; W −= (1 + momentum)·lr·g
  const gv = ld<T>(g, count);
  const vv = v128.sub<T>(mulN<T>(ld<T>(v, count), mom), mulN<T>(gv, lr));
  st<T>(v, vv, count);
  const pv = v128.add<T>(ld<T>(p, count), mulN<T>(vv, m2));
  st<T>(p, v128.sub<T>(pv, mulN<T>(gv, lr1)), count);
}

@inline
function adagrad<T>(p: usize, g: usize, h: usize, count: i32, lr: v128, eps: v128): void {
  // h += g·g; W −= lr·g / (√h + 1e-7)
  const gv = ld<T>(g, count);
  const hv = v128.add<T>(ld<T>(h, count), v128.mul<T>(gv, gv));
  st<T>(h, hv, count);
  const step = v128.div<T>(mulN<T>(gv, lr), addN<T>(v128.sqrt<T>(hv), eps));
  st<T>(p, v128.sub<T>(ld<T>(p, count), step), count);
}

@inline
function rmsprop<T>(p: usize, g: usize, h: usize, count: i32, lr: v128, rho: v128, rho1: v128, eps: v128): void {
  // h *= ρ; h += (1 − ρ)·g·g; W −= lr·g / (√h + 1e-7)
  const gv = ld<T>(g, count);
  const hv = v128.add<T>(mulN<T>(ld<T>(h, count), rho), v128.mul<T>(mulN<T>(gv, rho1), gv));
  st<T>(h, hv, count);
  const step = v128.div<T>(mulN<T>(gv, lr), addN<T>(v128.sqrt<T>(hv), eps));
  st<T>(p, v128.sub<T>(ld<T>(p, count), step), count);
}

@inline
function adam<T>(p: usize, g: usize, m: usize, v: usize, count: i32, lrT: v128, b1: v128, b2: v128, eps: v128): void {
  // m += (1 − β1)·(g − m); v += (1 − β2)·(g² − v); W −= lr_t·m / (√v + 1e-7)
  const gv = ld<T>(g, count);
  const mo = ld<T>(m, count);
  const mv = v128.add<T>(mo, mulN<T>(v128.sub<T>(gv, mo), b1));
  const vo = ld<T>(v, count);
  const vv = v128.add<T>(vo, mulN<T>(v128.sub<T>(v128.mul<T>(gv, gv), vo), b2));
  st<T>(m, mv, count);
  st<T>(v, vv, count);
  const step = v128.div<T>(mulN<T>(mv, lrT), addN<T>(v128.sqrt<T>(vv), eps));
  st<T>(p, v128.sub<T>(ld<T>(p, count), step), count);
}

// Every element of [0, n): whole vectors, then the tail. `rule` is a literal in each inlined
// copy (see step), so the rule's branch folds away.
@inline
function sweep<T>(rule: i32, p: usize, g: usize, s0: usize, s1: usize, n: i32, a: f64, b: f64, c: f64): void {
  const lanes = 16 / <i32>sizeof<T>();
  let i = 0;
  for (; i + lanes <= n; i += lanes) {
    const at = <usize>i * sizeof<T>();
    one<T>(rule, p + at, g + at, s0 + at, s1 + at, lanes, a, b, c);
  }
  if (i < n) {
    const at = <usize>i * sizeof<T>();
    one<T>(rule, p + at, g + at, s0 + at, s1 + at, n - i, a, b, c);
  }
}

@inline
function one<T>(rule: i32, p: usize, g: usize, s0: usize, s1: usize, count: i32, a: f64, b: f64, c: f64): void {
  const eps = f64x2.splat(1e-7);
  const av = f64x2.splat(a);
  const bv = f64x2.splat(b);
  if (rule == MOMENTUM) momentum<T>(p, g, s0, count, av, bv);
  // the derived numbers in float64, as the optimizers compute them: momentum², (1 + momentum)·lr, 1 − ρ, 1 − β
  else if (rule == NESTEROV) nesterov<T>(p, g, s0, count, av, bv, f64x2.splat(b * b), f64x2.splat((1 + b) * a));
  else if (rule == ADAGRAD) adagrad<T>(p, g, s0, count, av, eps);
  else if (rule == RMSPROP) rmsprop<T>(p, g, s0, count, av, bv, f64x2.splat(1 - b), eps);
  else adam<T>(p, g, s0, s1, count, av, f64x2.splat(1 - b), f64x2.splat(1 - c), eps);
}

function step<T>(rule: i32, p: usize, g: usize, s0: usize, s1: usize, n: i32, a: f64, b: f64, c: f64): void {
  if (rule == MOMENTUM) sweep<T>(MOMENTUM, p, g, s0, s1, n, a, b, c);
  else if (rule == NESTEROV) sweep<T>(NESTEROV, p, g, s0, s1, n, a, b, c);
  else if (rule == ADAGRAD) sweep<T>(ADAGRAD, p, g, s0, s1, n, a, b, c);
  else if (rule == RMSPROP) sweep<T>(RMSPROP, p, g, s0, s1, n, a, b, c);
  else sweep<T>(4, p, g, s0, s1, n, a, b, c);
}

/**
 * One optimizer update of n elements in place: rule 0 Momentum (a = lr, b = momentum, s0 = v),
 * 1 Nesterov (the same), 2 AdaGrad (a = lr, s0 = h), 3 RMSprop (a = lr, b = ρ, s0 = h), 4 Adam
 * (a = lr_t, b = β1, c = β2, s0 = m, s1 = v).
 */
export function optimizerStepF32(rule: i32, p: usize, g: usize, s0: usize, s1: usize, n: i32, a: f64, b: f64, c: f64): void {
  step<f32>(rule, p, g, s0, s1, n, a, b, c);
}

export function optimizerStepF64(rule: i32, p: usize, g: usize, s0: usize, s1: usize, n: i32, a: f64, b: f64, c: f64): void {
  step<f64>(rule, p, g, s0, s1, n, a, b, c);
}
