// f16round / roundFloat16 (book 8.3.4) against NumPy's float64 → float16 cast
// (test/fixtures/float16.json from tools/make_float16_fixture.py) and hand-checked edge cases.
import { describe, expect, it } from 'vitest';
import { f16round, roundFloat16, tensor } from '../src/index.js';
import { fixture } from './fixtures.js';

interface Float16Fixture {
  x: number[];
  f16: number[];
  overflow: number[];
}

describe('f16round', () => {
  const { x, f16, overflow } = fixture<Float16Fixture>('float16.json');

  it("matches NumPy's np.float16(x) on ties, their neighbours and every exponent, both signs", () => {
    expect(x.length).toBeGreaterThan(800);
    const wrong = x.flatMap((v, i) => {
      const [got, gotNeg] = [f16round(v), f16round(-v)];
      return Object.is(got, f16[i]) && Object.is(gotNeg, -f16[i])
        ? []
        : [{ x: v, want: f16[i], got, gotNeg }];
    });
    expect(wrong).toEqual([]);
    for (const v of overflow) {
      expect(f16round(v)).toBe(Infinity);
      expect(f16round(-v)).toBe(-Infinity);
    }
  });

  it('rounds ties to even, once, from float64', () => {
    expect(f16round(1 + 2 ** -11)).toBe(1); // tie, 1 is even
    expect(f16round(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // tie, rounds up to the even neighbour
    // just above the tie: float32 would first round this to the tie itself, then to 1
    expect(f16round(1 + 2 ** -11 + 2 ** -40)).toBe(1 + 2 ** -10);
    expect(f16round(0.1)).toBe(0.0999755859375);
    expect(f16round(2048 + 1)).toBe(2048); // halves are 2 apart from 2048 on
    expect(f16round(2048 + 3)).toBe(2052);
  });

  it('keeps subnormals in steps of 2⁻²⁴ and flushes below half of that to a signed zero', () => {
    expect(f16round(2 ** -24)).toBe(2 ** -24);
    expect(f16round(3 * 2 ** -25)).toBe(2 ** -23); // tie between 1 and 2 quanta: even is 2
    expect(Object.is(f16round(2 ** -25), 0)).toBe(true); // tie between 0 and 2⁻²⁴: even is 0
    expect(f16round(2 ** -25 + 2 ** -60)).toBe(2 ** -24);
    expect(Object.is(f16round(-(2 ** -26)), -0)).toBe(true);
    expect(Object.is(f16round(-5e-324), -0)).toBe(true);
    expect(f16round(2 ** -14 - 2 ** -25)).toBe(2 ** -14); // the largest subnormal rounds up to the smallest normal
  });

  it('overflows to ±Infinity from 65520, keeps 65504 and passes NaN, ±Infinity, ±0 through', () => {
    expect(f16round(65504)).toBe(65504);
    expect(f16round(65519.99999999999)).toBe(65504);
    expect(f16round(65520)).toBe(Infinity);
    expect(f16round(-65520)).toBe(-Infinity);
    expect(f16round(Infinity)).toBe(Infinity);
    expect(f16round(-Infinity)).toBe(-Infinity);
    expect(f16round(NaN)).toBeNaN();
    expect(Object.is(f16round(-0), -0)).toBe(true);
    expect(Object.is(f16round(0), 0)).toBe(true);
  });
});

describe('roundFloat16', () => {
  it('rounds every element into a new tensor of the same shape and dtype', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const x = tensor(
        [
          [0.1, -70000],
          [1 + 2 ** -11, 3e-8],
        ],
        dtype,
      );
      const y = roundFloat16(x);
      expect(y.dtype).toBe(dtype);
      expect(y.shape).toEqual([2, 2]);
      // 3e-8 is 0.503 quanta of 2⁻²⁴
      expect(Array.from(y.data)).toEqual([0.0999755859375, -Infinity, 1, 2 ** -24]);
      expect(x.data[0]).toBe(dtype === 'float64' ? 0.1 : Math.fround(0.1)); // the input is left alone
    }
  });
});
