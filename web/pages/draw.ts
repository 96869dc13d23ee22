// Page 2: draw a digit. Pointer events (mouse, pen, touch) ink a 280×280 canvas; its pixels
// go through digitToMnist (what `scratchnet predict` does to a PNG) and the model's softmax.
import {
  datasetInfo,
  deserializeNet,
  digitToMnist,
  isConvModel,
  isNetModel,
  NET_DEFAULTS,
  softmax,
  type LoadedModel,
  type Tensor,
} from '../../src/browser.js';
import { idbGet, idbPut } from '../lib/idb.js';
import { BOOK_JOB, LATEST_MODEL_KEY, trainModel } from '../lib/train-client.js';
import { $, button, input, startShell } from '../ui/shell.js';

startShell();

const pad = $('pad') as HTMLCanvasElement;
const ctx = pad.getContext('2d', { willReadFrequently: true })!;
const seen = ($('seen') as HTMLCanvasElement).getContext('2d')!;
let model: LoadedModel | undefined;
let inked = false;

function clear(): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pad.width, pad.height);
  inked = false;
  $('predictions').replaceChildren();
  $('predictions').removeAttribute('data-top');
  $('draw-hint').textContent = 'Draw a digit in the box.';
  seen.clearRect(0, 0, 28, 28);
}

function predict(): void {
  if (!inked) return;
  const img = ctx.getImageData(0, 0, pad.width, pad.height);
  let x: Tensor;
  try {
    x = digitToMnist(
      { width: img.width, height: img.height, channels: 4, pixels: new Uint8Array(img.data.buffer) },
      model?.net.dtype ?? 'float32',
    );
  } catch (e) {
    // a blank pad (NoDigitError): nothing to rank
    $('draw-hint').textContent = (e as Error).message;
    return;
  }
  const view = new ImageData(28, 28);
  for (let i = 0; i < 784; i++)
    view.data.set([x.data[i] * 255, x.data[i] * 255, x.data[i] * 255, 255], i * 4);
  seen.putImageData(view, 0, 0);
  if (!model) {
    $('draw-hint').textContent = 'No model yet: train one now or load one (below).';
    return;
  }
  // a conv net (a model from page 1 or the CLI) sees the picture as one (1, 1, 28, 28) image
  const conv = isNetModel(model.metadata.model) && isConvModel(model.metadata.model);
  const probs = softmax(model.net.predict(conv ? x.reshape(1, 1, 28, 28) : x, false).reshape(-1)).data;
  const classes = datasetInfo(model.metadata.dataset === 'fashion-mnist' ? 'fashion-mnist' : 'mnist').classes;
  const top = [...probs]
    .map((p, i) => ({ i, p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 5);
  $('predictions').replaceChildren(
    ...top.map(({ i, p }) => {
      const li = document.createElement('li');
      li.dataset.class = String(i);
      const name = Object.assign(document.createElement('span'), {
        className: 'name',
        textContent: classes[i],
      });
      const bar = Object.assign(document.createElement('div'), { className: 'bar' });
      bar.style.width = `${(100 * p).toFixed(1)}%`;
      const value = Object.assign(document.createElement('span'), {
        textContent: `${(100 * p).toFixed(1)}%`,
      });
      const track = Object.assign(document.createElement('div'), { className: 'track' });
      track.append(bar);
      li.append(name, track, value);
      return li;
    }),
  );
  $('predictions').dataset.top = String(top[0].i);
  $('draw-hint').textContent = '';
}

let due = false;
const predictSoon = (): void => {
  if (due) return;
  due = true;
  requestAnimationFrame(() => {
    due = false;
    predict();
  });
};

// drawing: pen width about a fourteenth of the box, like MNIST's strokes once scaled
let last: { x: number; y: number } | null = null;
const at = (e: PointerEvent): { x: number; y: number } => {
  const r = pad.getBoundingClientRect();
  return {
    x: ((e.clientX - r.left) / r.width) * pad.width,
    y: ((e.clientY - r.top) / r.height) * pad.height,
  };
};
function ink(to: { x: number; y: number }): void {
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  ctx.lineWidth = pad.width / 14;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  if (last) {
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  } else {
    ctx.arc(to.x, to.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  last = to;
  inked = true;
}
pad.addEventListener('pointerdown', (e) => {
  pad.setPointerCapture(e.pointerId);
  last = null;
  ink(at(e));
  predictSoon();
});
pad.addEventListener('pointermove', (e) => {
  if (!pad.hasPointerCapture(e.pointerId)) return;
  for (const c of e.getCoalescedEvents?.() ?? [e]) ink(at(c));
  predictSoon();
});
const lift = (): void => {
  last = null;
  predictSoon();
};
pad.addEventListener('pointerup', lift);
pad.addEventListener('pointercancel', lift);
button('clear').onclick = clear;
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') clear();
});

function useModel(bytes: Uint8Array, source: string): void {
  try {
    model = deserializeNet(bytes, source);
  } catch (e) {
    $('model-status').textContent = (e as Error).message;
    $('model-status').classList.add('error');
    return;
  }
  const m = model.metadata;
  const acc = m.testAcc ? `, test accuracy ${Number(m.testAcc).toFixed(4)}` : '';
  $('model-status').textContent =
    `Using ${source}: ${isNetModel(m.model) ? NET_DEFAULTS[m.model].name : m.model} on ${m.dataset ?? 'mnist'}${m.iterations ? `, ${m.iterations} iterations` : ''}${acc}.`;
  $('model-status').classList.remove('error');
  $('model-status').dataset.ready = 'true';
  predict();
}

button('train-now').onclick = async () => {
  button('train-now').disabled = true;
  const epochs = 3;
  try {
    const { bytes } = await trainModel(BOOK_JOB(epochs * 600), (i, n) => {
      $('model-status').textContent =
        `Training TwoLayerNet 784-50-10 (SGD lr 0.1, batch 100): iteration ${i} of ${n}…`;
    });
    void idbPut(LATEST_MODEL_KEY, bytes);
    useModel(bytes, `a net trained just now (${epochs} epochs)`);
  } catch (e) {
    $('model-status').textContent = (e as Error).message;
    $('model-status').classList.add('error');
  } finally {
    button('train-now').disabled = false;
  }
};
input('model-file').onchange = async () => {
  const file = input('model-file').files?.[0];
  if (file) useModel(new Uint8Array(await file.arrayBuffer()), file.name);
  input('model-file').value = '';
};

clear();
void idbGet<Uint8Array>(LATEST_MODEL_KEY).then((bytes) => {
  if (bytes) useModel(bytes, 'the model from the Train page');
  else
    $('model-status').textContent =
      'No model yet: train one now (a few epochs of the book’s job), load a model.safetensors, or train one on the Train page.';
});
