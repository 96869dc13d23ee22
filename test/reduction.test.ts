import { describe, expect, it } from 'vitest';
import { Tensor, argmax, argmin, max, mean, min, sum, tensor, zeros } from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { fixture } from './fixtures.js';

interface ReductionCase {
  op: 'sum' | 'mean' | 'max' | 'min' | 'argmax';
  x: number[];
  shape: number[];
  axis: number;
  keepdims: boolean;
  out: number[];
  outShape: number[];
  all: number;
}
const fns = { sum, mean, max, min, argmax };

describe('reductions match NumPy', () => {
  const cases = fixture<ReductionCase[]>('reduction.json');
  it.each(cases.map((c, i) => [i, c.op, `(${c.shape})`, c.axis, c] as const))(
    'case %i: %s of %s over axis %i',
    (_i, op, _s, axis, c) => {
      const x = new Tensor(Float64Array.from(c.x), c.shape);
      const r = fns[op](x, axis, c.keepdims);
      expect(r.shape).toEqual(c.outShape);
      // sums along a contiguous axis use NumPy's pairwise order, so they agree exactly
      assertAllClose(r.data, c.out, { rtol: op === 'sum' || op === 'mean' ? 1e-14 : 0 });
      expect(fns[op](x)).toBeCloseTo(c.all, 12);
    },
  );

  it('sums a long contiguous run bit for bit like np.sum', () => {
    for (const c of cases.filter((k) => k.shape.length === 1 && k.shape[0] > 100)) {
      expect(sum(new Tensor(Float64Array.from(c.x), c.shape))).toBe(c.all);
    }
  });

  it('propagates NaN and picks the first NaN or extreme', () => {
    const x = tensor([1, NaN, 3, NaN]);
    expect(max(x)).toBeNaN();
    expect(min(x)).toBeNaN();
    expect(sum(x)).toBeNaN();
    expect(argmax(x)).toBe(1);
    expect(argmin(x)).toBe(1);
    expect(argmax(tensor([3, 1, 3]))).toBe(0);
    expect(argmin(tensor([[3, 1, 1]]), 1).toArray()).toEqual([1]);
  });

  it('handles empty sums and rejects empty max and bad axes', () => {
    expect(sum(zeros([0]))).toBe(0);
    expect(() => max(zeros([0]))).toThrow(
      'max: zero-size array to reduction operation max which has no identity',
    );
    expect(() => sum(zeros([2, 3]), 2)).toThrow('sum: axis 2 is out of bounds for an array of dimension 2');
    expect(() => mean(zeros([2]), -2)).toThrow(/axis -2 is out of bounds/);
  });
});
