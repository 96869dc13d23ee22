// Pixel geometry for placing a figure's legend where it covers no data.

/** Whether the segment (ax, ay)–(bx, by) meets the rectangle (Liang–Barsky clipping). */
export function segmentHitsRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x: number,
  y: number,
  w: number,
  h: number,
): boolean {
  const [dx, dy] = [bx - ax, by - ay];
  let [t0, t1] = [0, 1];
  for (const [p, q] of [
    [-dx, ax - x],
    [dx, x + w - ax],
    [-dy, ay - y],
    [dy, y + h - ay],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}
