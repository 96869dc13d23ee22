import { describe, expect, it } from 'vitest';
import { Figure, niceTicks, smoothCurve, tile } from '../src/index.js';
import { assertAllClose } from './helpers/allclose.js';

describe('Figure', () => {
  it('draws lines, markers, arrows, labels and a legend as SVG', () => {
    const svg = new Figure({ title: 'a < b', xlabel: 'x', ylabel: 'y' })
      .line([0, 1, 2], [0, 1, 4], { label: 'square', dash: '4 2' })
      .scatter([1], [1])
      .arrows([0], [0], [1], [1])
      .toSVG();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline points="([^"]+)"/)![1].split(' ')).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg.match(/<polygon /g)).toHaveLength(1);
    expect(svg).toContain('a &lt; b');
    expect(svg).toContain('>square</text>');
    expect(svg.match(/stroke-dasharray="4 2"/g)).toHaveLength(2); // the line and its legend entry
  });

  it('skips points that cannot be drawn (NaN, and y <= 0 on a log scale)', () => {
    const svg = new Figure({ logY: true }).line([0, 1, 2, 3], [1, NaN, -1, 100]).toSVG();
    expect(svg.match(/<polyline points="([^"]+)"/)![1].split(' ')).toHaveLength(2);
  });

  it('picks 1-2-5 ticks and tiles figures into one SVG', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(niceTicks(-7, 7, 6)).toEqual([-5, 0, 5]);
    expect(niceTicks(0, 10000)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    const one = new Figure().line([0, 1], [0, 1]).toSVG();
    const grid = tile([one, one, one], 2, 100, 80);
    expect(grid).toContain('width="200" height="160"');
    expect(grid.match(/<svg /g)).toHaveLength(4);
    expect(grid).toContain('url(#plot2)');
  });
});

describe('smoothCurve', () => {
  it('matches the book’s smooth_curve (Kaiser window, β = 2) computed with NumPy', () => {
    const x = Array.from({ length: 20 }, (_, i) => i ** 1.5 % 7);
    const y = smoothCurve(x);
    expect(y).toHaveLength(20);
    // python3: smooth_curve(np.arange(20.0)**1.5 % 7)[:5] with the book's common/util.py
    assertAllClose(
      y.slice(0, 5),
      [2.374305979806, 2.234959628687, 2.407785375482, 2.319942286613, 2.578253130472],
      {
        rtol: 1e-11,
      },
    );
    expect(smoothCurve([1, 2, 3])).toEqual([1, 2, 3]);
  });
});
