// The wasm kernels' unfused build (SCRATCHNET_FMA=0, and engines without relaxed SIMD) through
// the same suite as the default build: the module is picked when it loads, so this file loads
// it afresh with the variable set (vitest gives each test file its own module graph).
import { afterAll, describe, expect, it } from 'vitest';

const saved = process.env.SCRATCHNET_FMA;
process.env.SCRATCHNET_FMA = '0';
const { wasmFma, backendNames } = await import('../src/index.js');
await import('./kernels.test.js');
afterAll(() => {
  if (saved === undefined) delete process.env.SCRATCHNET_FMA;
  else process.env.SCRATCHNET_FMA = saved;
});

describe('the unfused wasm build', () => {
  it('is the one loaded when SCRATCHNET_FMA=0', () => {
    expect(backendNames()).toContain('wasm');
    expect(wasmFma).toBe(false);
  });
});
