// Small grayscale images in a grid as one SVG (a rect per pixel), for the book's figures of
// convolution filters (figure 7-24) and of misclassified digits (figure 8-4): matplotlib's
// imshow with the gray_r colour map, each image scaled from its own minimum to its maximum.

/** One image of a grid: row-major values, with an optional caption under it. */
export interface GridImage {
  /** `width × height` values, row by row, in any range (each image is scaled to its own) */
  data: ArrayLike<number>;
  /** pixels per row */
  width: number;
  /** rows */
  height: number;
  /** text under the image, e.g. "6 → 0" for a true label and a prediction */
  caption?: string;
}

/** Layout of {@link imageGrid}. */
export interface ImageGridOptions {
  /** images per row (default 8, the book's filter_show) */
  cols?: number;
  /** pixels per image pixel (default 10) */
  scale?: number;
  /** space between images in pixels (default 4) */
  gap?: number;
  /** a line of text above the grid */
  title?: string;
  /** 'gray_r' (default: high values dark, as the book's figures) or 'gray' */
  cmap?: 'gray_r' | 'gray';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Lays out grayscale images in a grid (the book's `imshow(..., cmap=plt.cm.gray_r)` per
 * subplot), each scaled from its own minimum (white) to its maximum (black).
 * @example
 * imageGrid([{ data: W1.data.subarray(0, 25), width: 5, height: 5, caption: 'filter 1' }]);
 */
export function imageGrid(images: GridImage[], opts: ImageGridOptions = {}): string {
  const { cols = 8, scale = 10, gap = 4, title, cmap = 'gray_r' } = opts;
  for (const [i, im] of images.entries()) {
    if (im.data.length !== im.width * im.height) {
      throw new Error(
        `imageGrid: image ${i} has ${im.data.length} values for ${im.width}×${im.height} pixels`,
      );
    }
  }
  const cellW = Math.max(0, ...images.map((im) => im.width)) * scale;
  const cellH = Math.max(0, ...images.map((im) => im.height)) * scale;
  const captionH = images.some((im) => im.caption) ? 16 : 0;
  const top = title ? 26 : gap;
  const rows = Math.ceil(images.length / cols);
  const width = Math.min(cols, images.length) * (cellW + gap) + gap;
  const height = top + rows * (cellH + captionH + gap);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" shape-rendering="crispEdges">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (title)
    out.push(`<text x="${width / 2}" y="17" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  images.forEach((im, i) => {
    const x0 = gap + (i % cols) * (cellW + gap);
    const y0 = top + Math.floor(i / cols) * (cellH + captionH + gap);
    let [lo, hi] = [Infinity, -Infinity];
    for (let p = 0; p < im.data.length; p++) [lo, hi] = [Math.min(lo, im.data[p]), Math.max(hi, im.data[p])];
    const range = hi > lo ? hi - lo : 1;
    out.push(`<g>`);
    for (let y = 0; y < im.height; y++) {
      for (let x = 0; x < im.width; x++) {
        const v = (im.data[y * im.width + x] - lo) / range; // 0..1
        const level = Math.round(255 * (cmap === 'gray_r' ? 1 - v : v));
        if (level === 255) continue; // white: the background
        out.push(
          `<rect x="${x0 + x * scale}" y="${y0 + y * scale}" width="${scale}" height="${scale}" fill="rgb(${level},${level},${level})"/>`,
        );
      }
    }
    out.push(
      `<rect x="${x0}" y="${y0}" width="${im.width * scale}" height="${im.height * scale}" fill="none" stroke="#999" stroke-width="0.5"/>`,
    );
    if (im.caption) {
      out.push(
        `<text x="${x0 + (im.width * scale) / 2}" y="${y0 + im.height * scale + 12}" text-anchor="middle">${esc(im.caption)}</text>`,
      );
    }
    out.push(`</g>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
