// Lays out several figures' SVGs in a grid inside one SVG, for the book's subplot grids.

/**
 * Lays out several figures' SVGs in a grid inside one SVG, `cols` per row, for the book's subplot
 * grids (examples/ch06/batch_norm_test.ts draws its 16 panels with it).
 */
export function tile(svgs: string[], cols: number, cellWidth = 640, cellHeight = 420): string {
  const rows = Math.ceil(svgs.length / cols);
  const [w, h] = [cols * cellWidth, rows * cellHeight];
  const cells = svgs.map((svg, i) => {
    const [x, y] = [(i % cols) * cellWidth, Math.floor(i / cols) * cellHeight];
    // each figure keeps its own viewBox; ids are made unique so clip paths do not collide
    return svg
      .replace('<svg ', `<svg x="${x}" y="${y}" `)
      .replace(/id="plot"/g, `id="plot${i}"`)
      .replace(/url\(#plot\)/g, `url(#plot${i})`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">\n${cells.join('')}</svg>\n`;
}
