// Page 1: train on MNIST live. The form builds a TrainConfig; the worker trains and reports;
// this page only draws (charts at most four times a second, pictures as they arrive).
import {
  FILE_NAMES,
  NET_DEFAULTS,
  NET_MODELS,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  defaultLr,
  isConvModel,
  isNetModel,
  isOptimizerName,
  smoothCurve,
  type DatasetName,
  type MnistPart,
} from '../../src/index.js';
import { partOfFileName } from '../lib/datasets.js';
import { idbPut } from '../lib/idb.js';
import { NET_TITLES } from '../lib/nets.js';
import type { EvalReport, FromWorker, RunState, TrainConfig } from '../lib/protocol.js';
import { LATEST_MODEL_KEY, startTrainWorker } from '../lib/train-client.js';
import { LineChart } from '../ui/chart.js';
import { drawConfusion, drawPredictionGrid, drawWeightTiles } from '../ui/images.js';
import { $, button, input, select, showKernelStatus } from '../ui/shell.js';

declare global {
  interface Window {
    /** for tests and measurements: each finished run's iterations, seconds and live setting */
    scratchnetRuns?: {
      iters: number;
      seconds: number;
      live: boolean;
      /** milliseconds this page spent on the worker's messages and drawing during the run */
      pageMs: number;
      /** milliseconds the worker spent making the pictures' snapshots during the run */
      snapshotMs: number;
    }[];
  }
}

// the kernels run in the training worker (it reports them); this page only draws
const worker = startTrainWorker();

// the form's choices
for (const id of NET_MODELS) select('net').add(new Option(NET_TITLES[id], id));
for (const name of OPTIMIZER_NAMES) select('optimizer').add(new Option(OPTIMIZERS[name].title, name));

function readConfig(): TrainConfig | string {
  const net = select('net').value;
  const optimizer = select('optimizer').value;
  if (!isNetModel(net) || !isOptimizerName(optimizer)) return 'unknown net or optimizer';
  const extend = net === 'mlp';
  const hidden = input('hidden')
    .value.split(',')
    .map((s) => Number(s.trim()));
  if (hidden.some((h) => !Number.isInteger(h) || h < 1 || h > 2048))
    return `Hidden sizes must be whole numbers from 1 to 2048, comma-separated, got '${input('hidden').value}'`;
  if (!extend && hidden.length !== 1) return `${NET_DEFAULTS[net].name} takes one hidden size`;
  const num = (id: string): number => Number(input(id).value);
  const lr = num('lr');
  if (!(lr > 0)) return `The learning rate must be a positive number, got '${input('lr').value}'`;
  const dropout = extend ? num('dropout') : 0;
  if (!(dropout >= 0 && dropout < 1))
    return `Dropout must be a ratio in [0, 1), got '${input('dropout').value}'`;
  const batchSize = num('batch');
  const iters = num('iters');
  const seed = num('seed');
  const evalSamples = input('eval').value.trim() === '' ? undefined : num('eval');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 60000) return 'Batch size: 1 to 60000';
  if (!Number.isInteger(iters) || iters < 1) return 'Iterations must be a whole number ≥ 1';
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return 'Seed: a whole number from 0 to 4294967295';
  if (evalSamples !== undefined && !(Number.isInteger(evalSamples) && evalSamples >= 1))
    return `Evaluate on: a whole number ≥ 1, or empty for all images, got '${input('eval').value}'`;
  return {
    dataset: select('dataset').value as DatasetName,
    model: {
      model: net,
      hiddenSizeList: hidden,
      batchnorm: extend && input('batchnorm').checked,
      dropout: dropout > 0 ? dropout : null,
    },
    optimizer,
    lr,
    batchSize,
    iters,
    seed,
    ...(evalSamples !== undefined ? { evalSamples } : {}),
  };
}

function syncNetFields(): void {
  const extend = select('net').value === 'mlp';
  input('batchnorm').disabled = !extend;
  input('dropout').disabled = !extend;
}

// what the worker reported
let state: RunState = 'loading';
let classes: string[] = [];
let gridImages = new Uint8Array(new ArrayBuffer(0));
let gridLabels: number[] = [];
let losses: number[] = [];
let evals: EvalReport[] = [];
let total = 0;
let perEpoch = 600;
let runStarted = 0;
// what live charts cost, for the measurement in test/playground.test.ts (cumulative ms)
let pageMs = 0;
let snapshotMs = 0;
let runStartCost = [0, 0];
/** Runs `fn`, adding its time to pageMs. */
function timed<A extends unknown[]>(fn: (...a: A) => void): (...a: A) => void {
  return (...a) => {
    const t = performance.now();
    fn(...a);
    pageMs += performance.now() - t;
  };
}
let runStartIter = 0;
let wantDownload = false;

const lossChart = new LineChart($('loss-chart') as HTMLCanvasElement, {
  xlabel: 'iteration',
  ylabel: 'loss',
});
const accChart = new LineChart($('acc-chart') as HTMLCanvasElement, {
  xlabel: 'epoch',
  ylabel: 'accuracy',
  ylim: [0, 1],
});
const live = (): boolean => input('live').checked;
const status = (text: string, error = false): void => {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
};

/** the evaluations the accuracy chart shows (a new array on every change) */
let accDrawn: EvalReport[] | undefined;
/** the predictions the grid shows */
let gridDrawn = '';
function drawCharts(): void {
  lossChart.series = [
    { label: 'loss', color: '#9ecae1', y: losses, width: 1 },
    { label: 'smoothed', color: '#1f77b4', y: losses.length > 11 ? smoothCurve(losses) : [], width: 2 },
  ];
  lossChart.draw();
  lossChart.canvas.dataset.points = String(losses.length);
  // the accuracies change once an epoch: redrawn only then
  if (accDrawn === evals) return;
  accDrawn = evals;
  const x = evals.map((e) => e.epoch);
  accChart.series = [
    { label: 'train', color: '#1f77b4', x, y: evals.map((e) => e.trainAcc), dots: true },
    { label: 'test', color: '#ff7f0e', x, y: evals.map((e) => e.testAcc), dots: true, dash: [6, 4] },
  ];
  accChart.draw();
}
// The page updates at most four times a second, on an animation frame (none while the tab is
// hidden): the numbers always, the charts when live (or when training stops).
let frameDue = false;
let chartsDue = false;
let lastFrame = 0;
let lastItPerSec = 0;
const frame = timed(() => {
  frameDue = false;
  lastFrame = performance.now();
  showStats(lastItPerSec);
  if (chartsDue) drawCharts();
  chartsDue = false;
});
function chartsChanged(force = false): void {
  if (force || live()) chartsDue = true;
  if (frameDue) return;
  frameDue = true;
  const wait = Math.max(0, 250 - (performance.now() - lastFrame));
  setTimeout(() => requestAnimationFrame(frame), force ? 0 : wait);
}

const pct = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '–');
function showStats(itPerSec: number): void {
  $('stat-iter').textContent = `${losses.length.toLocaleString('en')} / ${total.toLocaleString('en')}`;
  $('stat-epoch').textContent = (losses.length / perEpoch).toFixed(2);
  if (itPerSec > 0) {
    $('stat-speed').textContent = `${Math.round(itPerSec)} it/s`;
    const s = Math.round((total - losses.length) / itPerSec);
    $('stat-eta').textContent = s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  }
  const last = evals.at(-1);
  $('stat-train').textContent = pct(last?.trainAcc ?? NaN);
  $('stat-test').textContent = pct(last?.testAcc ?? NaN);
}

function setButtons(): void {
  const ready = state === 'idle' || state === 'paused' || state === 'running';
  button('start').disabled = !ready;
  button('start').textContent = state === 'running' ? 'Pause' : state === 'paused' ? 'Resume' : 'Start';
  button('step').disabled = !(state === 'idle' || state === 'paused');
  button('download').disabled = state === 'loading';
  document.body.dataset.state = state;
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'threads':
      showKernelStatus(m.threads, m.backend);
      break;
    case 'status':
      status(m.message);
      break;
    case 'error':
      status(m.message, true);
      break;
    case 'data':
      classes = m.classes;
      gridImages = m.gridImages;
      gridDrawn = '';
      gridLabels = m.gridLabels;
      status(
        `${m.dataset}: ${m.trainSize.toLocaleString('en')} training and ${m.testSize.toLocaleString('en')} test images, verified`,
      );
      reset();
      break;
    case 'state': {
      const was = state;
      state = m.state;
      total = m.total ?? total;
      perEpoch = m.iterationsPerEpoch || perEpoch;
      if (m.description) $('controls').dataset.description = m.description;
      if (state === 'running' && was !== 'running')
        [runStarted, runStartIter, runStartCost] = [performance.now(), losses.length, [pageMs, snapshotMs]];
      if (was === 'running' && state !== 'running') {
        const seconds = (performance.now() - runStarted) / 1000;
        const iters = losses.length - runStartIter;
        (window.scratchnetRuns ??= []).push({
          iters,
          seconds,
          live: live(),
          pageMs: pageMs - runStartCost[0],
          snapshotMs: snapshotMs - runStartCost[1],
        });
        // the run's average, evaluations included, once it stops (the next frame keeps it)
        lastItPerSec = 0;
        if (iters > 0) $('stat-speed').textContent = `${Math.round(iters / seconds)} it/s`;
        $('stat-eta').textContent = '–';
        // page 2 draws with the latest model
        worker.send({ type: 'save' });
      }
      if (state === 'done') status(`Done: ${m.description ?? ''}. Reset to train again.`);
      else if (state === 'idle') status(`Ready: ${m.description ?? ''}. Press Start.`);
      else if (state === 'running') status(`Training ${m.description ?? ''}…`);
      else if (state === 'paused')
        status(`Paused: ${m.description ?? ''}. Resume, Step, or download the model.`);
      setButtons();
      chartsChanged(true);
      break;
    }
    case 'progress':
      for (const l of m.losses) losses.push(l);
      total = m.total;
      lastItPerSec = m.itPerSec;
      chartsChanged();
      break;
    case 'eval':
      evals = [...evals, { ...m }];
      drawConfusion($('confusion') as HTMLCanvasElement, m.confusion, classes);
      // conv nets are evaluated on the first 1000 images, as the book's ch07/ch08 jobs
      $('confusion-hint').textContent =
        `${m.confusion.reduce((a, b) => a + b, 0).toLocaleString('en')} test images`;
      showStats(0);
      chartsChanged(m.final);
      break;
    case 'snapshot':
      snapshotMs += m.ms;
      if (!live() && state === 'running') break;
      drawWeightTiles($('tiles') as HTMLCanvasElement, m.tiles, m.tileCount, m.tileSize);
      $('tiles').dataset.tiles = String(m.tileCount);
      $('tiles-hint').textContent =
        m.tileSize === 28
          ? 'W1’s columns as 28×28 pictures'
          : `${m.tileCount} filters ${m.tileSize}×${m.tileSize} (W1, fig. 7-24)`;
      // the grid is redrawn only when a prediction changed (rarely, once the net has learned)
      if (gridLabels.length > 0 && gridDrawn !== m.gridPred.join()) {
        gridDrawn = m.gridPred.join();
        const wrong = drawPredictionGrid(
          $('grid') as HTMLCanvasElement,
          gridImages,
          gridLabels,
          m.gridPred,
          classes,
        );
        $('grid-note').textContent = `${wrong} of ${gridLabels.length} wrong (red)`;
      }
      break;
    case 'model':
      void idbPut(LATEST_MODEL_KEY, m.bytes);
      if (wantDownload) {
        wantDownload = false;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([m.bytes], { type: 'application/octet-stream' }));
        a.download = m.name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      }
      break;
  }
}
worker.on(timed(onMessage));

function reset(): void {
  const config = readConfig();
  if (typeof config === 'string') return status(config, true);
  losses = [];
  lastItPerSec = 0;
  evals = [];
  showStats(0);
  $('stat-speed').textContent = '–';
  $('stat-eta').textContent = '–';
  drawConfusion($('confusion') as HTMLCanvasElement, null, classes.length ? classes : NETS_CLASSES);
  worker.send({ type: 'reset', config });
}
const NETS_CLASSES = Array.from({ length: 10 }, (_, i) => String(i));

button('start').onclick = () => worker.send({ type: state === 'running' ? 'pause' : 'start' });
button('step').onclick = () => worker.send({ type: 'step' });
button('reset').onclick = () => (state === 'loading' ? undefined : reset());
button('download').onclick = () => {
  wantDownload = true;
  worker.send({ type: 'save' });
};
input('live').onchange = () => {
  worker.send({ type: 'live', on: live() });
  chartsChanged(true);
};
input('model-file').onchange = async () => {
  const file = input('model-file').files?.[0];
  if (!file) return;
  const bytes = await file.arrayBuffer();
  losses = [];
  evals = [];
  worker.send({ type: 'open', bytes, name: file.name }, [bytes]);
  input('model-file').value = '';
};

select('dataset').onchange = () => loadData();
select('net').onchange = () => {
  const net = select('net').value;
  if (!isNetModel(net)) return;
  // the book's settings for the net: its hidden sizes, optimizer, learning rate and batch size
  const d = NET_DEFAULTS[net];
  input('hidden').value = d.hiddenSizeList.join(',');
  select('optimizer').value = d.optimizer;
  input('lr').value = String(d.lr);
  input('batch').value = String(d.batchSize);
  // the book's ch07/ch08 jobs evaluate 1000 images an epoch (a conv net's full pass takes long)
  input('eval').value = isConvModel(net) ? '1000' : '';
  syncNetFields();
  configChanged();
};
select('optimizer').onchange = () => {
  const name = select('optimizer').value;
  // SGD keeps the book's job's rate, the others their book defaults (as the CLI)
  if (isOptimizerName(name)) input('lr').value = String(defaultLr(name));
  configChanged();
};
for (const id of ['hidden', 'batchnorm', 'dropout', 'lr', 'batch', 'iters', 'seed', 'eval'])
  $(id).onchange = configChanged;
function configChanged(): void {
  if (state === 'running') status('Settings changed: press Reset to start over with them.');
  else if (state !== 'loading') reset();
}

async function loadData(files?: FileList | File[]): Promise<void> {
  const dataset = select('dataset').value as DatasetName;
  const provided: Partial<Record<MnistPart, ArrayBuffer>> = {};
  const unknown: string[] = [];
  for (const f of Array.from(files ?? [])) {
    const part = partOfFileName(f.name);
    if (part) provided[part] = await f.arrayBuffer();
    else unknown.push(f.name);
  }
  if (unknown.length > 0)
    return status(
      `${unknown.join(', ')}: not one of the four files (${Object.values(FILE_NAMES).join(', ')}); ` +
        'pick those, as published, unrenamed',
      true,
    );
  state = 'loading';
  setButtons();
  status(`Loading ${dataset}…`);
  worker.send({ type: 'load', dataset, provided }, Object.values(provided));
}
input('files').onchange = () => void loadData(input('files').files ?? []);
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => {
  e.preventDefault();
  if (e.dataTransfer?.files.length) void loadData(Array.from(e.dataTransfer.files));
});

syncNetFields();
setButtons();
void loadData();
