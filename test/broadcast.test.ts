import { describe, expect, it } from 'vitest';
import * as sn from '../src/index.js';
import { Tensor, tensor, zeros } from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { fixture } from './fixtures.js';

interface BinaryCase {
  op: 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum' | 'pow' | 'greater' | 'lessEqual';
  a: number[];
  aShape: number[];
  b: number[];
  bShape: number[];
  out: number[];
  outShape: number[];
}

describe('elementwise ops broadcast like NumPy', () => {
  const cases = fixture<BinaryCase[]>('broadcast.json');
  it.each(cases.map((c, i) => [i, c.op, `(${c.aShape})`, `(${c.bShape})`, c] as const))(
    'case %i: %s %s with %s',
    (_i, op, _sa, _sb, c) => {
      const a = new Tensor(Float64Array.from(c.a), c.aShape);
      const b = new Tensor(Float64Array.from(c.b), c.bShape);
      const r = sn[op](a, b);
      expect(r.shape).toEqual(c.outShape);
      assertAllClose(r.data, c.out, { rtol: 1e-12 });
    },
  );

  it('accepts plain numbers, which keep the tensor’s dtype', () => {
    const x = tensor([1, 2, 3], 'float32');
    const y = sn.mul(x, 0.1);
    expect(y.dtype).toBe('float32');
    expect([...y.data]).toEqual([Math.fround(0.1), Math.fround(0.2), Math.fround(Math.fround(3) * 0.1)]);
    expect(sn.sub(1, tensor([1, 2])).toArray()).toEqual([0, -1]);
    expect(sn.add(tensor([1], 'float32'), tensor([1], 'float64')).dtype).toBe('float64');
  });

  it('writes into an output tensor when given one', () => {
    const x = tensor([1, 2]);
    const r = sn.add(x, 1, x);
    expect(r).toBe(x);
    expect(x.toArray()).toEqual([2, 3]);
    expect(() => sn.add(tensor([1, 2]), tensor([[1], [2]]), zeros([2]))).toThrow(/output of shape \(2\)/);
  });

  it('propagates NaN and Infinity as NumPy does', () => {
    const x = tensor([NaN, Infinity, -Infinity, 0]);
    expect([...sn.maximum(x, 0).data]).toEqual([NaN, Infinity, 0, 0]);
    expect([...sn.minimum(x, 0).data]).toEqual([NaN, 0, -Infinity, 0]);
    expect([...sn.mul(x, 0).data]).toEqual([NaN, NaN, NaN, 0]);
    expect([...sn.div(tensor([1, -1, 0]), 0).data]).toEqual([Infinity, -Infinity, NaN]);
    expect([...sn.log(tensor([0, -1])).data]).toEqual([-Infinity, NaN]);
    expect([...sn.exp(tensor([1000])).data]).toEqual([Infinity]);
    expect([...sn.greater(x, 0).data]).toEqual([0, 1, 0, 0]);
    expect([...sn.notEqual(x, x).data]).toEqual([1, 0, 0, 0]);
    expect([...sn.relu(x).data]).toEqual([NaN, Infinity, 0, 0]);
  });

  it('computes unary functions and masks', () => {
    const x = tensor([-1, 0, 4]);
    expect([...sn.sqrt(sn.abs(x)).data]).toEqual([1, 0, 2]);
    expect([...sn.pow(x, 2).data]).toEqual([1, 0, 16]);
    expect([...sn.less(x, 0).data]).toEqual([1, 0, 0]);
    expect([...sn.lessEqual(x, 0).data]).toEqual([1, 1, 0]);
    expect([...sn.greaterEqual(x, 0).data]).toEqual([0, 1, 1]);
    expect([...sn.equal(x, 0).data]).toEqual([0, 1, 0]);
    expect([...sn.neg(x).data]).toEqual([1, -0, -4]);
    expect([...sn.square(x).data]).toEqual([1, 0, 16]);
    expect(sn.where(sn.greater(x, 0), x, tensor([[10], [20]])).toArray()).toEqual([
      [10, 10, 4],
      [20, 20, 4],
    ]);
  });

  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => sn.add(zeros([2, 3]), zeros([4]))).toThrow(
      'add: shapes (2,3) and (4,) cannot be broadcast together: 3 != 4 at dim 1 of the result',
    );
    expect(() => sn.mul(zeros([2, 1, 3]), zeros([4, 2]))).toThrow(/mul: shapes \(2,1,3\) and \(4,2\)/);
    expect(() => sn.where(zeros([2]), zeros([3]), 0)).toThrow(/where: shapes \(2,\) and \(3,\)/);
  });
});
