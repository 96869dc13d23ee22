// Page 3: optimizers on the book's two bowls. Every step: the library's numericalGradient of
// f at the current point, then the optimizer's update, exactly as ch06/optimizer_compare_naive.py
// (which uses the analytic gradient; central differences are exact on these quadratics up to rounding).
import {
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  numericalGradient,
  tensor,
  type OptimizerName,
} from '../../src/browser.js';
import type { Optimizer, Tensor } from '../../src/browser.js';
import { fit } from '../ui/images.js';
import { $, button, input, select, startShell } from '../ui/shell.js';

startShell();

interface Fn {
  f: (x: Tensor) => number;
  /** the plotted box: [xmin, xmax, ymin, ymax], as the book's figure */
  box: [number, number, number, number];
}
const FNS: Record<string, Fn> = {
  // ch04/gradient_method.py: function_2, plotted on [-3.5, 3.5] × [-4.5, 4.5]
  bowl: { f: (x) => x.data[0] ** 2 + x.data[1] ** 2, box: [-4.5, 4.5, -4.5, 4.5] },
  // ch06/optimizer_compare_naive.py: x²/20 + y², plotted on [-10, 10] × [-5, 5]
  ellipse: { f: (x) => x.data[0] ** 2 / 20 + x.data[1] ** 2, box: [-10, 10, -5, 5] },
};

// the book's learning rates for figure 6-8 (Nesterov and RMSprop are not in it: same as Momentum, AdaGrad's)
const BOOK_LR: Record<OptimizerName, number> = {
  sgd: 0.95,
  momentum: 0.1,
  nesterov: 0.1,
  adagrad: 1.5,
  rmsprop: 0.1,
  adam: 0.3,
};
const COLORS: Record<OptimizerName, string> = {
  sgd: '#d62728',
  momentum: '#1f77b4',
  nesterov: '#9467bd',
  adagrad: '#2ca02c',
  rmsprop: '#8c564b',
  adam: '#ff7f0e',
};
const ON_BY_DEFAULT: OptimizerName[] = ['sgd', 'momentum', 'adagrad', 'adam'];

for (const name of OPTIMIZER_NAMES) {
  const row = document.createElement('div');
  row.className = 'opt-row';
  row.innerHTML =
    `<label class="check"><input type="checkbox" id="use-${name}" ${ON_BY_DEFAULT.includes(name) ? 'checked' : ''} />` +
    `<span class="swatch" style="background:${COLORS[name]}"></span>${OPTIMIZERS[name].title}</label>` +
    `<input type="number" id="lr-${name}" step="any" min="0" value="${BOOK_LR[name]}" aria-label="${OPTIMIZERS[name].title} learning rate" />`;
  $('optimizers').append(row);
}

interface Run {
  name: OptimizerName;
  optimizer: Optimizer;
  lr: number;
  params: { x: Tensor };
  path: [number, number][];
  canvas: HTMLCanvasElement;
}
let runs: Run[] = [];
let steps = 0;
const fn = (): Fn => FNS[select('fn').value];

function reset(): void {
  steps = 0;
  const start: [number, number] = [Number(input('x0').value), Number(input('y0').value)];
  const old = new Map(runs.map((r) => [r.name, r.canvas]));
  runs = OPTIMIZER_NAMES.filter((n) => input(`use-${n}`).checked).map((name) => {
    const typed = Number(input(`lr-${name}`).value);
    const lr = typed > 0 ? typed : BOOK_LR[name];
    const canvas = old.get(name) ?? document.createElement('canvas');
    canvas.dataset.optimizer = name;
    canvas.setAttribute('aria-label', `${OPTIMIZERS[name].title} path; click to place the start`);
    return {
      name,
      optimizer: OPTIMIZERS[name].create(lr),
      lr,
      params: { x: tensor(start) },
      path: [start],
      canvas,
    };
  });
  $('plots').replaceChildren(...runs.map((r) => r.canvas));
  drawAll();
}

function step(): void {
  const { f } = fn();
  for (const r of runs) {
    const grad = numericalGradient(f, r.params.x);
    r.optimizer.update(r.params, { x: grad });
    r.path.push([r.params.x.data[0], r.params.x.data[1]]);
  }
  steps++;
  drawAll();
}

const fmt = (v: number): string => (Math.abs(v) < 5e-5 ? '0.0000' : v.toFixed(4));
function drawAll(): void {
  $('steps').textContent = String(steps);
  $('positions').replaceChildren(
    ...runs.map((r) => {
      const [x, y] = r.path[r.path.length - 1];
      const tr = document.createElement('tr');
      tr.dataset.optimizer = r.name;
      tr.dataset.x = String(x);
      tr.dataset.y = String(y);
      tr.innerHTML = `<td><span class="swatch" style="background:${COLORS[r.name]}"></span>${OPTIMIZERS[r.name].title}</td><td>${fmt(x)}</td><td>${fmt(y)}</td><td>${fmt(fn().f(tensor([x, y])))}</td>`;
      return tr;
    }),
  );
  for (const r of runs) draw(r);
}

/** Contour bands of f and −∇f arrows (fig. 4-9), drawn once per function and size. */
const backgrounds = new Map<string, HTMLCanvasElement>();
function background(w: number, h: number): HTMLCanvasElement {
  const key = `${select('fn').value} ${w}×${h}`;
  const cached = backgrounds.get(key);
  if (cached) return cached;
  const canvas = document.createElement('canvas');
  // the contours at device pixels, so they stay sharp on high-density screens
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(w * dpr);
  canvas.height = Math.ceil(h * dpr);
  const ctx = canvas.getContext('2d')!;
  const { f, box } = fn();
  const [x0, x1, y0, y1] = box;
  const X = (x: number): number => ((x - x0) / (x1 - x0)) * w;
  const Y = (y: number): number => (1 - (y - y0) / (y1 - y0)) * h;
  // filled contours at levels spaced like matplotlib's default (f on a square-root scale)
  const img = ctx.createImageData(canvas.width, canvas.height);
  const p = tensor([0, 0]);
  const fmax = Math.max(f(tensor([x0, y0])), f(tensor([x1, y1])));
  const level = (px: number, py: number): number => {
    p.data[0] = x0 + ((px + 0.5) / img.width) * (x1 - x0);
    p.data[1] = y1 - ((py + 0.5) / img.height) * (y1 - y0);
    return Math.floor(Math.sqrt(f(p) / fmax) * 12);
  };
  const levels = new Int32Array(img.width * img.height);
  for (let py = 0; py < img.height; py++)
    for (let px = 0; px < img.width; px++) levels[py * img.width + px] = level(px, py);
  for (let i = 0; i < levels.length; i++) {
    const edge =
      (i % img.width > 0 && levels[i - 1] !== levels[i]) ||
      (i >= img.width && levels[i - img.width] !== levels[i]);
    const shade = 252 - Math.min(levels[i], 12) * 3;
    const c = edge ? [170, 180, 198] : [shade - 8, shade - 3, shade];
    img.data.set([c[0], c[1], c[2], 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  // −∇f on a grid, by the library's numericalGradient, scaled to fit the cells
  const nx = 13;
  const ny = 9;
  const grads: [number, number, number, number][] = [];
  let gmax = 1e-12;
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++) {
      const x = x0 + ((i + 0.5) / nx) * (x1 - x0);
      const y = y0 + ((j + 0.5) / ny) * (y1 - y0);
      const g = numericalGradient(f, tensor([x, y])).data;
      // drawn in screen units so both axes' scales count
      const gx = (-g[0] * w) / (x1 - x0);
      const gy = (g[1] * h) / (y1 - y0);
      gmax = Math.max(gmax, Math.hypot(gx, gy));
      grads.push([X(x), Y(y), gx, gy]);
    }
  ctx.strokeStyle = '#7d8799';
  ctx.fillStyle = '#7d8799';
  ctx.lineWidth = 1;
  const cell = Math.min(w / nx, h / ny) * 0.8;
  for (const [sx, sy, gx, gy] of grads) {
    const len = Math.hypot(gx, gy);
    if (len < 1e-9) continue;
    const k = (cell * Math.sqrt(len / gmax)) / len;
    const [ex, ey] = [sx + gx * k, sy + gy * k];
    ctx.beginPath();
    ctx.moveTo(sx, sy);
    ctx.lineTo(ex, ey);
    ctx.stroke();
    const a = Math.atan2(ey - sy, ex - sx);
    ctx.beginPath();
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - 5 * Math.cos(a - 0.4), ey - 5 * Math.sin(a - 0.4));
    ctx.lineTo(ex - 5 * Math.cos(a + 0.4), ey - 5 * Math.sin(a + 0.4));
    ctx.fill();
  }
  // axes through the origin and the minimum
  ctx.strokeStyle = '#444';
  ctx.beginPath();
  ctx.moveTo(X(x0), Y(0));
  ctx.lineTo(X(x1), Y(0));
  ctx.moveTo(X(0), Y(y0));
  ctx.lineTo(X(0), Y(y1));
  ctx.stroke();
  backgrounds.set(key, canvas);
  return canvas;
}

/** The background, then the path with its points (fig. 6-8). */
function draw(r: Run): void {
  const { w, h, ctx } = fit(r.canvas);
  if (w === 0) return;
  const [x0, x1, y0, y1] = fn().box;
  const X = (x: number): number => ((x - x0) / (x1 - x0)) * w;
  const Y = (y: number): number => (1 - (y - y0) / (y1 - y0)) * h;
  ctx.drawImage(background(w, h), 0, 0, w, h);
  // the path
  ctx.strokeStyle = COLORS[r.name];
  ctx.fillStyle = COLORS[r.name];
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (const [x, y] of r.path) ctx.lineTo(X(x), Y(y));
  ctx.stroke();
  for (const [x, y] of r.path) {
    ctx.beginPath();
    ctx.arc(X(x), Y(y), 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = '#1d2330';
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText(`${OPTIMIZERS[r.name].title} (lr ${r.lr})`, 8, 6);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillText(`${steps} steps`, 8, 24);
}

$('plots').addEventListener('click', (e) => {
  const c = e.target;
  if (!(c instanceof HTMLCanvasElement)) return;
  const rect = c.getBoundingClientRect();
  const [x0, x1, y0, y1] = fn().box;
  const x = x0 + ((e.clientX - rect.left) / rect.width) * (x1 - x0);
  const y = y1 - ((e.clientY - rect.top) / rect.height) * (y1 - y0);
  input('x0').value = x.toFixed(2);
  input('y0').value = y.toFixed(2);
  reset();
});
button('step').onclick = step;
button('run').onclick = () => {
  // one step per frame, so the paths grow visibly
  let left = 30;
  const tick = (): void => {
    step();
    if (--left > 0) requestAnimationFrame(tick);
  };
  tick();
};
button('reset').onclick = reset;
select('fn').onchange = () => {
  const start = select('fn').value === 'bowl' ? [-3, 4] : [-7, 2];
  input('x0').value = String(start[0]);
  input('y0').value = String(start[1]);
  reset();
};
$('descent-controls').addEventListener('change', (e) => {
  if (e.target !== select('fn')) reset();
});
new ResizeObserver(() => runs.forEach(draw)).observe($('plots'));
reset();
