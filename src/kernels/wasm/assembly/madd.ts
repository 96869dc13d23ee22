// c + a·b for the GEMM kernels. Built with relaxed SIMD (tools/build-wasm.mjs's second pair of
// binaries) it is one fused multiply-add where the CPU has one: half the instructions of a
// multiply and an add, the kernels' limit. Rounding differs from the separate pair (one
// rounding, not two) but is the same on every call, thread and kernel on a given machine.
@inline
export function madd<T>(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, c);
  return v128.add<T>(c, v128.mul<T>(a, b));
}
