// A small SVG figure: lines, markers and arrows on one pair of axes, with ticks, labels
// and a legend — enough for the book's figures, with no browser and no dependencies.
import { segmentHitsRect } from './geometry.js';
import { formatTick, niceTicks } from './ticks.js';

/** The series colours, in order (matplotlib's default colours, the first eight). */
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
];

/** How one series is drawn. */
export interface SeriesStyle {
  /** The series' name in the legend (none: not in the legend). */
  label?: string;
  /** An SVG colour (default: the next of {@link PALETTE}). */
  color?: string;
  /** stroke width; 0 hides the line */
  width?: number;
  /** An SVG `stroke-dasharray`, e.g. `'4 3'` (default: solid). */
  dash?: string;
  /** marker radius; 0 for none */
  marker?: number;
}

interface Series extends Required<Omit<SeriesStyle, 'label'>> {
  label?: string;
  kind: 'line' | 'arrows';
  x: number[];
  y: number[];
  u?: number[];
  v?: number[];
}

/** A figure's title, axis labels, limits and size. */
export interface FigureOptions {
  /** Drawn above the plot. */
  title?: string;
  /** The x axis's label. */
  xlabel?: string;
  /** The y axis's label. */
  ylabel?: string;
  /** The x range (default: the data's). */
  xlim?: [number, number];
  /** The y range (default: the data's). */
  ylim?: [number, number];
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 420). */
  height?: number;
  /** draw y on a log scale (values <= 0 are dropped) */
  logY?: boolean;
  /** equal scale on both axes, for vector fields and paths */
  equalAspect?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A small SVG figure: lines, markers and arrows on one pair of axes, with ticks, labels and a
 * legend — enough for the book's figures (loss curves, accuracy per epoch, gradient fields), with no
 * browser and no dependencies. The examples write them where the book calls `plt.show()`.
 *
 * @example
 * ```ts
 * const fig = new Figure({ title: 'loss', xlabel: 'iterations', ylabel: 'loss' });
 * fig.line(result.loss.map((_, i) => i), smoothCurve(result.loss), { label: 'SGD' });
 * writeFileSync('loss.svg', fig.toSVG());
 * ```
 */
export class Figure {
  private readonly series: Series[] = [];
  /** A figure with the given options and no series yet. */
  constructor(private readonly opts: FigureOptions = {}) {}

  private style(s: SeriesStyle, defaults: Partial<SeriesStyle>): Required<Omit<SeriesStyle, 'label'>> {
    return {
      color: s.color ?? defaults.color ?? PALETTE[this.series.length % PALETTE.length],
      width: s.width ?? defaults.width ?? 1.5,
      dash: s.dash ?? '',
      marker: s.marker ?? defaults.marker ?? 0,
    };
  }

  /** Adds a line through the points (x[i], y[i]) (`plt.plot`); returns this, for chaining. */
  line(x: ArrayLike<number>, y: ArrayLike<number>, s: SeriesStyle = {}): this {
    this.series.push({
      kind: 'line',
      x: Array.from(x),
      y: Array.from(y),
      label: s.label,
      ...this.style(s, {}),
    });
    return this;
  }

  /** Adds markers without a line at the points (x[i], y[i]) (`plt.scatter`); returns this. */
  scatter(x: ArrayLike<number>, y: ArrayLike<number>, s: SeriesStyle = {}): this {
    const style = this.style(s, { width: 0, marker: 3 });
    this.series.push({ kind: 'line', x: Array.from(x), y: Array.from(y), label: s.label, ...style });
    return this;
  }

  /**
   * Adds arrows from (x, y) along (u, v), in data units (`plt.quiver`, for the book's gradient
   * field, book §4.4); returns this.
   */
  arrows(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    u: ArrayLike<number>,
    v: ArrayLike<number>,
    s: SeriesStyle = {},
  ): this {
    this.series.push({
      kind: 'arrows',
      x: Array.from(x),
      y: Array.from(y),
      u: Array.from(u),
      v: Array.from(v),
      label: s.label,
      ...this.style(s, { width: 1 }),
    });
    return this;
  }

  /**
   * For each drawn segment and marker, a test of whether it comes within 3 px of a rectangle
   * (the legend's candidate places).
   */
  private pixelMarks(
    px: (v: number) => number,
    py: (v: number) => number,
    ty: (v: number) => number,
  ): ((x: number, y: number, w: number, h: number) => boolean)[] {
    const marks: ((x: number, y: number, w: number, h: number) => boolean)[] = [];
    const pad = 3;
    for (const s of this.series) {
      const pts = s.x
        .map((xv, i) => [xv, s.y[i], xv + (s.u?.[i] ?? 0), s.y[i] + (s.v?.[i] ?? 0)])
        .filter(([xv, yv]) => Number.isFinite(xv) && Number.isFinite(ty(yv)));
      const r = pad + Math.max(s.marker, s.width / 2);
      if (s.kind === 'arrows') {
        for (const [ax, ay, bx, by] of pts)
          marks.push((x, y, w, h) =>
            segmentHitsRect(px(ax), py(ay), px(bx), py(by), x - r, y - r, w + 2 * r, h + 2 * r),
          );
        continue;
      }
      pts.forEach(([ax, ay], i) => {
        const next = s.width > 0 ? pts[i + 1] : undefined;
        const [bx, by] = next ?? [ax, ay];
        marks.push((x, y, w, h) =>
          segmentHitsRect(px(ax), py(ay), px(bx), py(by), x - r, y - r, w + 2 * r, h + 2 * r),
        );
      });
    }
    return marks;
  }

  /** The figure as a standalone SVG document. */
  toSVG(): string {
    const { width = 640, height = 420, logY = false } = this.opts;
    const m = { left: 64, right: 16, top: this.opts.title ? 32 : 14, bottom: 46 };
    const ty = (v: number): number => (logY ? Math.log10(v) : v);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const s of this.series) {
      s.x.forEach((xv, i) => {
        const yv = s.y[i];
        if (!Number.isFinite(xv) || !Number.isFinite(ty(yv))) return;
        xs.push(xv, xv + (s.u?.[i] ?? 0));
        ys.push(ty(yv), ty(yv + (s.v?.[i] ?? 0)));
      });
    }
    const [dx0, dx1] = this.opts.xlim ?? [Math.min(...xs), Math.max(...xs)];
    const [dy0, dy1] = this.opts.ylim ? this.opts.ylim.map(ty) : [Math.min(...ys), Math.max(...ys)];
    // the plot area for given margins: data ranges, sizes and data → pixel maps
    const frame = (
      right: number,
    ): {
      x0: number;
      x1: number;
      y0: number;
      y1: number;
      pw: number;
      ph: number;
      px: (v: number) => number;
      py: (v: number) => number;
    } => {
      let [x0, x1, y0, y1] = [dx0, dx1, dy0, dy1];
      if (!(x1 > x0)) [x0, x1] = [x0 - 1, x1 + 1];
      if (!(y1 > y0)) [y0, y1] = [y0 - 1, y1 + 1];
      const pw = width - m.left - right;
      const ph = height - m.top - m.bottom;
      if (this.opts.equalAspect) {
        const scale = Math.max((x1 - x0) / pw, (y1 - y0) / ph);
        const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
        [x0, x1] = [cx - (scale * pw) / 2, cx + (scale * pw) / 2];
        [y0, y1] = [cy - (scale * ph) / 2, cy + (scale * ph) / 2];
      }
      const px = (v: number): number => m.left + ((v - x0) / (x1 - x0)) * pw;
      const py = (v: number): number => m.top + ph - ((ty(v) - y0) / (y1 - y0)) * ph;
      return { x0, x1, y0, y1, pw, ph, px, py };
    };
    // the legend goes in the first corner of the plot where it covers no data, else outside
    // to its right
    const labelled = this.series.filter((s) => s.label);
    const box = {
      w: 34 + Math.max(0, ...labelled.map((s) => s.label!.length)) * 7,
      h: labelled.length * 16 + 6,
    };
    let fr = frame(m.right);
    let legendAt: [number, number] | null = null;
    if (labelled.length > 0) {
      const { pw, ph } = fr;
      const corners: [number, number][] = [
        [m.left + pw - box.w - 6, m.top + 6],
        [m.left + 6, m.top + 6],
        [m.left + pw - box.w - 6, m.top + ph - box.h - 6],
        [m.left + 6, m.top + ph - box.h - 6],
      ];
      const marks = this.pixelMarks(fr.px, fr.py, ty);
      legendAt = corners.find(([lx, ly]) => !marks.some((k) => k(lx, ly, box.w, box.h))) ?? null;
      if (!legendAt) {
        fr = frame(m.right + box.w + 10);
        legendAt = [m.left + fr.pw + 10, m.top];
      }
    }
    const { x0, x1, y0, y1, pw, ph, px, py } = fr;
    const f = (v: number): string => v.toFixed(2);
    const out: string[] = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
      `<rect width="${width}" height="${height}" fill="white"/>`,
      `<defs><clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`,
    ];
    // axes, grid and ticks
    for (const t of niceTicks(x0, x1)) {
      out.push(
        `<line x1="${f(px(t))}" y1="${m.top}" x2="${f(px(t))}" y2="${m.top + ph}" stroke="#eee"/>`,
        `<text x="${f(px(t))}" y="${m.top + ph + 16}" text-anchor="middle">${formatTick(t)}</text>`,
      );
    }
    for (const t of niceTicks(y0, y1)) {
      const yv = m.top + ph - ((t - y0) / (y1 - y0)) * ph;
      const text = logY ? (Number.isInteger(t) ? `1e${t}` : '') : formatTick(t);
      out.push(
        `<line x1="${m.left}" y1="${f(yv)}" x2="${m.left + pw}" y2="${f(yv)}" stroke="#eee"/>`,
        `<text x="${m.left - 6}" y="${f(yv + 4)}" text-anchor="end">${text}</text>`,
      );
    }
    out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
    out.push(`<g clip-path="url(#plot)">`);
    for (const s of this.series) {
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
      if (s.kind === 'arrows') {
        s.x.forEach((xv, i) => {
          const [ax, ay] = [px(xv), py(s.y[i])];
          const [bx, by] = [px(xv + s.u![i]), py(s.y[i] + s.v![i])];
          const len = Math.hypot(bx - ax, by - ay);
          if (!(len > 0.5)) return;
          const [ux, uy] = [(bx - ax) / len, (by - ay) / len];
          const h = Math.min(6, len / 2);
          const wing = (sgn: number): string =>
            `${f(bx - h * ux - sgn * 0.5 * h * uy)},${f(by - h * uy + sgn * 0.5 * h * ux)}`;
          out.push(
            `<line x1="${f(ax)}" y1="${f(ay)}" x2="${f(bx)}" y2="${f(by)}" stroke="${s.color}" stroke-width="${s.width}"/>`,
            `<polygon points="${f(bx)},${f(by)} ${wing(1)} ${wing(-1)}" fill="${s.color}"/>`,
          );
        });
        continue;
      }
      const pts = s.x
        .map((xv, i) => [xv, s.y[i]])
        .filter(([xv, yv]) => Number.isFinite(xv) && Number.isFinite(ty(yv)))
        .map(([xv, yv]) => `${f(px(xv))},${f(py(yv))}`);
      if (s.width > 0 && pts.length > 1) {
        out.push(
          `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="${s.width}"${dash}/>`,
        );
      }
      if (s.marker > 0) {
        for (const p of pts) {
          const [cx, cy] = p.split(',');
          out.push(`<circle cx="${cx}" cy="${cy}" r="${s.marker}" fill="${s.color}"/>`);
        }
      }
    }
    out.push('</g>');
    const { title, xlabel, ylabel } = this.opts;
    if (title)
      out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`);
    if (xlabel)
      out.push(`<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle">${esc(xlabel)}</text>`);
    if (ylabel) {
      const cy = m.top + ph / 2;
      out.push(
        `<text x="14" y="${cy}" text-anchor="middle" transform="rotate(-90 14 ${cy})">${esc(ylabel)}</text>`,
      );
    }
    if (legendAt) {
      const [lx, ly] = legendAt;
      out.push(
        `<g class="legend"><rect x="${f(lx)}" y="${f(ly)}" width="${box.w}" height="${box.h}" fill="white" fill-opacity="0.85" stroke="#ccc"/>`,
      );
      labelled.forEach((s, i) => {
        const [ex, ey] = [lx + 6, ly + 16 + i * 16];
        out.push(
          `<line x1="${f(ex)}" y1="${f(ey - 4)}" x2="${f(ex + 20)}" y2="${f(ey - 4)}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
          `<text x="${f(ex + 26)}" y="${f(ey)}">${esc(s.label!)}</text>`,
        );
      });
      out.push('</g>');
    }
    out.push('</svg>');
    return out.join('\n') + '\n';
  }
}
