// bench/conv-flops.ts against FLOPs worked out by hand from the book's shapes (batch 100).
import { describe, expect, it } from 'vitest';
import { convNetProducts, stepFlops } from '../bench/conv-flops.js';

describe('conv FLOP counting (bench/conv-flops.ts)', () => {
  it("counts SimpleConvNet's products: conv 57600×30×25, affine 100×100×4320 and 100×10×100", () => {
    expect(convNetProducts('simple').map(({ layer, m, n, k }) => [layer, m, n, k])).toEqual([
      ['conv1', 57600, 30, 25],
      ['affine1', 100, 100, 4320],
      ['affine2', 100, 10, 100],
    ]);
    const f = stepFlops('simple');
    expect(f.forward).toBe(86_400_000 + 86_400_000 + 200_000);
    // 2 forwards + dW + dx without conv1's: 4 · 173.0M − 86.4M
    expect(f.step).toBe(605_600_000);
    expect(f.bookStep).toBe(692_000_000);
  });

  it("counts DeepConvNet's: conv4's pad 2 grows 14×14 to 16×16, the last pooling leaves 64×4×4", () => {
    expect(convNetProducts('deep').map(({ m, n, k }) => [m, n, k])).toEqual([
      [78400, 16, 9],
      [78400, 16, 144],
      [19600, 32, 144],
      [25600, 32, 288],
      [6400, 64, 288],
      [6400, 64, 576],
      [100, 50, 1024],
      [100, 10, 50],
    ]);
    const f = stepFlops('deep');
    expect(f.forward).toBe(1_754_468_000);
    expect(f.step).toBe(4 * 1_754_468_000 - 22_579_200);
    expect(f.bookStep).toBe(4 * 1_754_468_000);
  });

  it('scales with the batch and names a wrong net', () => {
    expect(stepFlops('simple', 1).forward * 100).toBe(stepFlops('simple', 100).forward);
    expect(() => convNetProducts('lenet' as 'simple')).toThrow("unknown net 'lenet'");
  });
});
