import { describe, expect, it } from 'vitest';
import {
  arange,
  dot,
  full,
  ones,
  sliceRows,
  take,
  tensor,
  transpose,
  zeros,
  add,
  Tensor,
  gemm,
  oneHot,
  takeAlongRows,
} from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';
import { fixture } from './fixtures.js';

describe('creation', () => {
  it('builds tensors from nested arrays with inferred shape and dtype', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float64');
    expect(x.data).toBeInstanceOf(Float64Array);
    expect(x.get(1, 2)).toBe(6);
    expect(x.get(-1, 0)).toBe(4);
    expect(tensor([1.1], 'float32').data[0]).toBe(Math.fround(1.1));
    expect(tensor(5).shape).toEqual([]);
    expect(tensor(5).item()).toBe(5);
  });

  it('fills and ranges like NumPy', () => {
    expect([...zeros([2, 2]).data]).toEqual([0, 0, 0, 0]);
    expect([...ones([3], 'float32').data]).toEqual([1, 1, 1]);
    expect(ones([3], 'float32').dtype).toBe('float32');
    expect([...full([2], 7).data]).toEqual([7, 7]);
    expect([...arange(5).data]).toEqual([0, 1, 2, 3, 4]);
    expect([...arange(-5, 5, 2.5).data]).toEqual([-5, -2.5, 0, 2.5]);
    expect(arange(3, 1).size).toBe(0);
  });

  it('reshapes without copying, with -1', () => {
    const x = arange(6);
    const y = x.reshape(2, -1);
    expect(y.shape).toEqual([2, 3]);
    y.data[0] = 42;
    expect(x.data[0]).toBe(42);
    expect(() => x.reshape(4, -1)).toThrow('reshape: cannot reshape array of size 6 into shape (4,-1)');
    expect(() => x.reshape(-1, -1)).toThrow(/only specify one unknown/);
    expect(() => x.reshape(7)).toThrow('reshape: cannot reshape array of size 6 into shape (7,)');
  });

  it('gathers rows by index and slices rows as views', () => {
    const x = arange(12).reshape(4, 3);
    expect(take(x, [3, 0, 3]).toArray()).toEqual([
      [9, 10, 11],
      [0, 1, 2],
      [9, 10, 11],
    ]);
    expect(take(arange(5).astype('float32'), [4, 0, 4, 2]).toArray()).toEqual([4, 0, 4, 2]);
    const s = sliceRows(x, 1, 3);
    expect(s.toArray()).toEqual([
      [3, 4, 5],
      [6, 7, 8],
    ]);
    s.data[0] = -1;
    expect(x.get(1, 0)).toBe(-1);
    expect(sliceRows(x, -1).shape).toEqual([1, 3]);
    expect(() => take(x, [4])).toThrow('take: index 4 is out of bounds for axis 0 with size 4');
    expect(() => take(x, [1.5])).toThrow(/index 1.5/);
  });

  it('transposes 2-D tensors and picks one element per row', () => {
    const x = arange(6).reshape(2, 3);
    expect(transpose(x).toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(transpose(arange(3)).shape).toEqual([3]);
    expect([...takeAlongRows(x, tensor([2, 0])).data]).toEqual([2, 3]);
    expect(oneHot(tensor([2, 0]), 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(() => oneHot(tensor([3]), 3)).toThrow('oneHot: index 3 is out of bounds for classes 3');
  });

  it('rejects ragged arrays, bad shapes and bad dtypes', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => zeros([2, -1])).toThrow('full: invalid shape (2,-1)');
    expect(() => zeros([2], 'int8' as 'float32')).toThrow("full: unknown dtype 'int8'");
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow(
      'Tensor: 5 elements cannot have shape (2,3) (6 elements)',
    );
    expect(() => arange(3).get(3)).toThrow('get: index 3 is out of bounds for axis 0 with size 3');
    expect(() => arange(3).item()).toThrow(/size 1, not shape \(3,\)/);
  });
});

describe('dot', () => {
  interface DotCase {
    a: number[];
    aShape: number[];
    b: number[];
    bShape: number[];
    out: number[];
    outShape: number[];
  }
  const cases = fixture<DotCase[]>('dot.json');

  it.each(cases.map((c) => [c.aShape.join('x'), c.bShape.join('x'), c] as const))(
    'matches np.dot for %s · %s',
    (_a, _b, c) => {
      const a = new Tensor(Float64Array.from(c.a), c.aShape);
      const b = new Tensor(Float64Array.from(c.b), c.bShape);
      const r = dot(a, b);
      expect(r.shape).toEqual(c.outShape);
      assertAllClose(r.data, c.out, { rtol: 1e-12 });
      assertAllClose(dot(a.astype('float32'), b.astype('float32')).data, c.out, { rtol: 1e-5, atol: 1e-6 });
    },
  );

  it('names the op and both shapes when operands do not align', () => {
    expect(() => dot(zeros([2, 3]), zeros([2, 3]))).toThrow(
      'dot: shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)',
    );
    expect(() => dot(zeros([3]), zeros([4]))).toThrow(
      'dot: shapes (3,) and (4,) not aligned: 3 (dim 0) != 4 (dim 0)',
    );
    expect(() => dot(zeros([2, 2, 2]), zeros([2]))).toThrow(/only 1-D and 2-D/);
    expect(() => gemm(zeros([2, 3]), zeros([2, 3]), { transB: true, out: zeros([3, 3]) })).toThrow(
      /gemmNT: output of shape \(3,3\) does not match result \(2,2\)/,
    );
    expect(() => gemm(zeros([2, 3]), zeros([3, 4]), { bias: zeros([3]) })).toThrow(
      "gemmNN: bias of shape (3,) does not match the result's 4 columns",
    );
  });

  it('supports transpose flags, alpha and accumulation into an output', () => {
    const a = arange(6).reshape(3, 2);
    const b = arange(6).reshape(3, 2);
    const expected = dot(transpose(a), b);
    assertAllClose(gemm(a, b, { transA: true }), expected);
    assertAllClose(gemm(a, b, { transB: true }), dot(a, transpose(b)));
    assertAllClose(gemm(transpose(a), b, { transA: true, transB: true }), dot(a, transpose(b)));
    const out = ones([2, 2]);
    gemm(a, b, { transA: true, alpha: 2, beta: 1, out });
    assertAllClose(out, add(expected.reshape(2, 2), add(expected, 1)));
    expect(gemm(a, b, { transA: true, bias: tensor([10, 20]) }).toArray()).toEqual(
      add(expected, tensor([10, 20])).toArray(),
    );
  });

  it('promotes mixed dtypes to float64', () => {
    expect(dot(ones([2], 'float32'), ones([2], 'float64')).dtype).toBe('float64');
    expect(dot(ones([2], 'float32'), ones([2], 'float32')).dtype).toBe('float32');
  });
});

describe('toEqual on tensors (test/setup/tensor-equality.ts)', () => {
  it('compares the elements, which sit behind the data getter', () => {
    expect(tensor([1, 2])).toEqual(tensor([1, 2]));
    expect(tensor([1, 2])).not.toEqual(tensor([1, 3]));
    expect({ W1: tensor([[1, 2]]) }).not.toEqual({ W1: tensor([[1, 2.5]]) });
    expect(tensor([1, 2], 'float32')).not.toEqual(tensor([1, 2]));
  });
});
