// A small canvas line chart with axes, ticks (the library's niceTicks, as its SVG figures),
// labels and a legend. Long series are drawn as one min–max pair per pixel column, so a
// redraw costs the same at 100 points or 100,000.
import { niceTicks } from '../../src/index.js';

export interface Series {
  label: string;
  color: string;
  /** y values at x = 0, 1, 2, … unless `x` is given */
  y: ArrayLike<number>;
  x?: ArrayLike<number>;
  width?: number;
  /** a dash pattern, e.g. [6, 4] (the book draws test accuracy dashed) */
  dash?: number[];
  /** draw dots at the points (for a few points, like accuracy per epoch) */
  dots?: boolean;
}

export interface ChartOptions {
  xlabel: string;
  ylabel: string;
  ylim?: [number, number];
  /** the initial x axis length, so an empty chart still has axes (see LineChart.xmax) */
  xmin?: number;
}

const fmt = (v: number): string =>
  v === 0 ? '0' : Math.abs(v) >= 1e4 ? `${v / 1000}k` : String(Number(v.toPrecision(4)));

export class LineChart {
  series: Series[] = [];
  /** the x axis spans at least [0, xmax] (the run's length, so curves grow across the chart) */
  xmax: number;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly o: ChartOptions,
  ) {
    this.ctx = canvas.getContext('2d')!;
    this.xmax = o.xmin ?? 1;
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  draw(): void {
    const { canvas, ctx, o } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const styles = getComputedStyle(canvas);
    const ink = styles.color;
    const grid = styles.getPropertyValue('--grid') || '#ddd';
    ctx.font = '12px system-ui, sans-serif';

    const x0 = 0;
    let [x1, y0, y1] = [this.xmax, Infinity, -Infinity];
    for (const s of this.series) {
      const n = s.y.length;
      if (n === 0) continue;
      x1 = Math.max(x1, s.x ? s.x[n - 1] : n - 1);
      for (let i = 0; i < n; i++)
        if (Number.isFinite(s.y[i])) [y0, y1] = [Math.min(y0, s.y[i]), Math.max(y1, s.y[i])];
    }
    if (o.ylim) [y0, y1] = o.ylim;
    if (!(y1 > y0)) [y0, y1] = Number.isFinite(y0) ? [y0 - 1, y0 + 1] : [0, 1];
    const xt = niceTicks(x0, x1, Math.max(2, Math.floor(w / 90)));
    const yt = niceTicks(y0, y1, Math.max(2, Math.floor(h / 50)));
    if (!o.ylim) [y0, y1] = [Math.min(y0, yt[0]), Math.max(y1, yt[yt.length - 1])];
    const left = 44;
    const right = 20;
    const top = 22;
    const bottom = 36;
    const pw = w - left - right;
    const ph = h - top - bottom;
    const X = (v: number): number => left + ((v - x0) / (x1 - x0)) * pw;
    const Y = (v: number): number => top + (1 - (v - y0) / (y1 - y0)) * ph;

    ctx.strokeStyle = grid;
    ctx.fillStyle = ink;
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of xt) {
      if (t < x0 || t > x1) continue;
      ctx.beginPath();
      ctx.moveTo(Math.round(X(t)) + 0.5, top);
      ctx.lineTo(Math.round(X(t)) + 0.5, top + ph);
      ctx.stroke();
      ctx.fillText(fmt(t), X(t), top + ph + 4);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of yt) {
      if (t < y0 || t > y1) continue;
      ctx.beginPath();
      ctx.moveTo(left, Math.round(Y(t)) + 0.5);
      ctx.lineTo(left + pw, Math.round(Y(t)) + 0.5);
      ctx.stroke();
      ctx.fillText(fmt(t), left - 4, Y(t));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(o.xlabel, left + pw / 2, h - 2);
    ctx.save();
    ctx.translate(11, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(o.ylabel, 0, 0);
    ctx.restore();

    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, pw, ph);
    ctx.clip();
    for (const s of this.series) this.line(s, X, Y, pw);
    ctx.restore();

    // legend, top right
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    let lx = left + pw;
    for (const s of [...this.series].reverse()) {
      ctx.fillStyle = ink;
      ctx.fillText(s.label, lx, 10);
      lx -= ctx.measureText(s.label).width + 6;
      ctx.fillStyle = s.color;
      ctx.fillRect(lx - 14, 8, 14, 4);
      lx -= 24;
    }
  }

  private line(s: Series, X: (v: number) => number, Y: (v: number) => number, pw: number): void {
    const { ctx } = this;
    const n = s.y.length;
    if (n === 0) return;
    const xAt = (i: number): number => (s.x ? s.x[i] : i);
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.width ?? 1.5;
    ctx.lineJoin = 'round';
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    if (n > pw * 2) {
      // one vertical min–max stroke per pixel column
      let col = Math.floor(X(xAt(0)));
      let [lo, hi] = [Infinity, -Infinity];
      for (let i = 0; i <= n; i++) {
        const c = i < n ? Math.floor(X(xAt(i))) : Infinity;
        if (c !== col) {
          if (hi >= lo) {
            ctx.lineTo(col, Y(hi));
            ctx.lineTo(col, Y(lo));
          }
          [col, lo, hi] = [c, Infinity, -Infinity];
        }
        if (i < n && Number.isFinite(s.y[i])) [lo, hi] = [Math.min(lo, s.y[i]), Math.max(hi, s.y[i])];
      }
    } else {
      for (let i = 0; i < n; i++) ctx.lineTo(X(xAt(i)), Y(s.y[i]));
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (s.dots) {
      for (let i = 0; i < n; i++) {
        ctx.beginPath();
        ctx.arc(X(xAt(i)), Y(s.y[i]), 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
}
