// im2col/col2im against the book's common/util.py run in NumPy (tools/make_fixtures.py),
// on every kernel backend, and their errors.
import { describe, expect, it } from 'vitest';
import { backendNames, col2im, im2col, kernels, setBackend, tensor, zeros } from '../src/index.js';
import { fixture } from './fixtures.js';

interface Case {
  shape: number[];
  fh: number;
  fw: number;
  stride: number;
  pad: number;
  x: number[];
  colShape: number[];
  col: number[];
  dcol: number[];
  back: number[];
}
const cases = fixture<Case[]>('im2col.json');

describe.each(backendNames())('im2col and col2im on the %s backend', (backend) => {
  it('equal the book’s NumPy functions exactly in float64, and within float32 rounding', () => {
    const before = kernels().name;
    setBackend(backend);
    try {
      for (const c of cases) {
        const what = `${c.shape.join('x')} filter ${c.fh}x${c.fw} stride ${c.stride} pad ${c.pad}`;
        const x = tensor(c.x).reshape(...c.shape);
        const col = im2col(x, c.fh, c.fw, c.stride, c.pad);
        expect(col.shape, what).toEqual(c.colShape);
        expect([...col.data], what).toEqual(c.col);
        const back = col2im(tensor(c.dcol).reshape(...c.colShape), c.shape, c.fh, c.fw, c.stride, c.pad);
        expect(back.shape, what).toEqual(c.shape);
        // the book's order of additions per pixel, so float64 sums agree to the bit
        expect([...back.data], what).toEqual(c.back);
        // float32: im2col copies (exact), col2im sums a handful of float32 terms
        const col32 = im2col(x.astype('float32'), c.fh, c.fw, c.stride, c.pad);
        expect([...col32.data], what).toEqual(c.col.map(Math.fround));
        const back32 = col2im(
          tensor(c.dcol)
            .astype('float32')
            .reshape(...c.colShape),
          c.shape,
          c.fh,
          c.fw,
          c.stride,
          c.pad,
        );
        back32.data.forEach((v, i) =>
          expect(Math.abs(v - c.back[i]), `${what} element ${i}`).toBeLessThan(1e-5),
        );
      }
    } finally {
      setBackend(before);
    }
  });
});

describe('im2col and col2im errors', () => {
  it('name the shapes and parameters that do not fit', () => {
    expect(() => im2col(zeros([3, 4]), 2, 2)).toThrow('im2col: input must be (N, C, H, W), got (3,4)');
    expect(() => im2col(zeros([1, 1, 3, 3]), 5, 5)).toThrow(
      'im2col: a 5×5 filter with pad 0 does not fit an input of 3×3 (output -1×-1)',
    );
    expect(() => im2col(zeros([1, 1, 3, 3]), 2, 2, 0)).toThrow(
      'im2col: stride must be an integer ≥ 1, got 0',
    );
    expect(() => col2im(zeros([4, 5]), [1, 1, 3, 3], 2, 2)).toThrow(
      'col2im: col of shape (4,5) does not match input (1,1,3,3) with a 2×2 filter, stride 1, pad 0: expected (4,4)',
    );
  });
});
