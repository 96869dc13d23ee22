// Pictures on canvases: small images in a grid (28×28 digits, first-layer weights, conv
// filters) and the confusion matrix, drawn pixel by pixel into ImageData and scaled without smoothing.

/** Sizes a canvas's backing store to its CSS box (× devicePixelRatio); returns the CSS size. */
export function fit(canvas: HTMLCanvasElement): { w: number; h: number; ctx: CanvasRenderingContext2D } {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { w, h, ctx };
}

/** `count` size×size pictures side by side on one canvas (one ImageData, one upload), pixel i of picture k coloured by `pixel(k, i)`. */
function tileSheet(
  count: number,
  pixel: (k: number, i: number) => [number, number, number],
  size = 28,
): {
  sheet: HTMLCanvasElement;
  draw(ctx: CanvasRenderingContext2D, k: number, x: number, y: number, s: number): void;
} {
  const sheet = document.createElement('canvas');
  sheet.width = Math.max(1, count * size);
  sheet.height = size;
  const img = new ImageData(sheet.width, size);
  const d = img.data;
  for (let k = 0; k < count; k++)
    for (let i = 0; i < size * size; i++) {
      const [r, g, b] = pixel(k, i);
      const at = 4 * ((i / size) | 0) * sheet.width + 4 * (k * size + (i % size));
      [d[at], d[at + 1], d[at + 2], d[at + 3]] = [r, g, b, 255];
    }
  sheet.getContext('2d')!.putImageData(img, 0, 0);
  return {
    sheet,
    draw: (ctx, k, x, y, s) => ctx.drawImage(sheet, k * size, 0, size, size, x, y, s, s),
  };
}

/** Lays out square cells on a canvas: as many columns as fit, returns each cell's box. */
export function gridCells(
  canvas: HTMLCanvasElement,
  count: number,
  minCell = 44,
): { x: number; y: number; s: number }[] {
  const w = canvas.clientWidth;
  const cols = Math.max(1, Math.floor(w / minCell));
  const s = w / cols;
  const rows = Math.ceil(count / cols);
  const height = `${Math.ceil(rows * s)}px`;
  // only when it changes: setting it forces a layout
  if (canvas.style.height !== height) canvas.style.height = height;
  return Array.from({ length: count }, (_, k) => ({ x: (k % cols) * s, y: Math.floor(k / cols) * s, s }));
}

/**
 * First-layer weights as size×size tiles, each scaled by its own largest magnitude (red +,
 * blue −); small conv filters get larger cells, so each weight is a visible square.
 */
export function drawWeightTiles(
  canvas: HTMLCanvasElement,
  tiles: Float32Array,
  count: number,
  size = 28,
): void {
  const area = size * size;
  const cells = gridCells(canvas, count, size < 10 ? 56 : 40);
  const { w, h, ctx } = fit(canvas);
  ctx.clearRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = false;
  const scale = Array.from({ length: count }, (_, k) => {
    let m = 1e-12;
    for (let j = 0; j < area; j++) m = Math.max(m, Math.abs(tiles[k * area + j]));
    return m;
  });
  const tilesheet = tileSheet(
    count,
    (k, i) => {
      const v = tiles[k * area + i] / scale[k];
      const a = Math.round(255 * (1 - Math.abs(v)));
      return v >= 0 ? [255, a, a] : [a, a, 255];
    },
    size,
  );
  // small filters get a wider gap, so neighbouring tiles do not read as one picture
  const gap = size < 10 ? 3 : 1;
  cells.forEach(({ x, y, s }, k) => tilesheet.draw(ctx, k, x + gap, y + gap, s - 2 * gap));
}

let gridCache: { images: Uint8Array; pics: ReturnType<typeof tileSheet> } | undefined;

/** Test images with the net's prediction under each; wrong ones framed and labelled in red. */
export function drawPredictionGrid(
  canvas: HTMLCanvasElement,
  images: Uint8Array,
  labels: number[],
  pred: Int8Array | null,
  classes: string[],
): number {
  const count = labels.length;
  const cells = gridCells(canvas, count, 56);
  const { w, h, ctx } = fit(canvas);
  ctx.clearRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = false;
  // the test images never change: drawn once per dataset
  if (gridCache?.images !== images) {
    const v = (k: number, i: number): number => 255 - images[k * 784 + i];
    gridCache = { images, pics: tileSheet(count, (k, i) => [v(k, i), v(k, i), v(k, i)]) };
  }
  const { pics } = gridCache;
  const ink = getComputedStyle(canvas).color;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  let wrong = 0;
  cells.forEach(({ x, y, s }, k) => {
    const label = 14;
    pics.draw(ctx, k, x + 3, y + 2, s - 6 - label * 0.4);
    if (!pred) return;
    const bad = pred[k] !== labels[k];
    if (bad) {
      wrong++;
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 2, y + 1, s - 4, s - 3);
    }
    ctx.fillStyle = bad ? '#d62728' : ink;
    const name = classes[pred[k]] ?? String(pred[k]);
    ctx.fillText(name.length > 8 ? name.slice(0, 7) + '…' : name, x + s / 2, y + s - 1);
  });
  return wrong;
}

/** Counts as a heat map with the numbers written in; rows are true classes. */
export function drawConfusion(
  canvas: HTMLCanvasElement,
  confusion: Int32Array | null,
  classes: string[],
): void {
  const { w, h, ctx } = fit(canvas);
  ctx.clearRect(0, 0, w, h);
  const ink = getComputedStyle(canvas).color;
  const pad = 34;
  const s = Math.min((w - pad) / 10, (h - pad) / 10);
  ctx.font = `${Math.max(8, Math.min(12, s / 3))}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let rowMax = 1;
  if (confusion) for (let i = 0; i < 100; i++) if (i % 11 !== 0) rowMax = Math.max(rowMax, confusion[i]);
  for (let t = 0; t < 10; t++) {
    let total = 0;
    for (let p = 0; p < 10; p++) total += confusion ? confusion[t * 10 + p] : 0;
    for (let p = 0; p < 10; p++) {
      const n = confusion ? confusion[t * 10 + p] : 0;
      const x = pad + p * s;
      const y = pad + t * s;
      // the diagonal shaded by recall, the rest by count relative to the largest mistake
      const f = t === p ? (total ? n / total : 0) : n / rowMax;
      ctx.fillStyle = t === p ? `rgba(44, 160, 44, ${f})` : `rgba(214, 39, 40, ${f})`;
      ctx.fillRect(x + 0.5, y + 0.5, s - 1, s - 1);
      if (n > 0 && s >= 22) {
        ctx.fillStyle = f > 0.6 ? '#fff' : ink;
        ctx.fillText(n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n), x + s / 2, y + s / 2);
      }
    }
    ctx.fillStyle = ink;
    ctx.fillText(classes[t].slice(0, 3), pad - 12, pad + t * s + s / 2);
    ctx.fillText(classes[t].slice(0, 3), pad + t * s + s / 2, pad - 10);
  }
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('predicted →', pad + 5 * s, 8);
  ctx.translate(8, pad + 5 * s);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('true →', 0, 0);
  ctx.restore();
}
