// imageGrid: the SVG grid of grayscale images used for the book's filter and digit figures.
import { describe, expect, it } from 'vitest';
import { imageGrid } from '../src/index.js';

describe('imageGrid', () => {
  it("scales each image from its minimum (white) to its maximum (black), as imshow's gray_r", () => {
    const svg = imageGrid(
      [
        { data: [0, 1, 2, 3], width: 2, height: 2, caption: '7 → 1' },
        { data: [-5, -5, -5, 5], width: 2, height: 2 },
      ],
      { cols: 2, scale: 10, gap: 4, title: 'a < b' },
    );
    const pixels = [
      ...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="10" height="10" fill="rgb\((\d+),/g),
    ].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    // image 1 at (4, 26): 0 is white (not drawn), 1 → 170, 2 → 85, 3 → 0; image 2 at (28, 26): only 5 is dark
    expect(pixels).toEqual([
      [14, 26, 170],
      [4, 36, 85],
      [14, 36, 0],
      [38, 36, 0],
    ]);
    expect(svg).toContain('>7 → 1</text>');
    expect(svg).toContain('a &lt; b');
    expect(svg).toMatch(/^<svg [^>]*width="52" height="66"/); // 2·(20 + 4) + 4 wide; 26 + 20 + 16 + 4 high
  });

  it('wraps rows after `cols` images, draws a flat image white, and names a wrong size', () => {
    const flat = { data: [1, 1, 1, 1], width: 2, height: 2 };
    const svg = imageGrid([flat, flat, flat], { cols: 2, gap: 0, scale: 1 });
    expect(svg).not.toMatch(/fill="rgb/);
    expect(svg).toMatch(/^<svg [^>]*width="4" height="4"/);
    expect(() => imageGrid([{ data: [1, 2, 3], width: 2, height: 2 }])).toThrow(
      'imageGrid: image 0 has 3 values for 2×2 pixels',
    );
  });
});
