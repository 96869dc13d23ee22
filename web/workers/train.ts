// The training worker: loads a dataset, builds the chosen net and optimizer, and runs the
// book's loop (ch05/train_neuralnet.py: a random batch, gradient, update, the loss after the
// update, accuracies every epoch) in slices of ~100 ms, reporting between slices, so Pause
// and Step answer at once. The library's wasm kernels run on their own Web Workers here.
import {
  DATASETS,
  OPTIMIZERS,
  NET_DEFAULTS,
  RandomState,
  StepScope,
  argmax,
  buildNet,
  describeNetSpec,
  deserializeNet,
  evaluateAccuracy,
  isConvModel,
  isNetModel,
  kernels,
  serializeNet,
  sliceRows,
  take,
  threadCount,
  workersReady,
  type MnistData,
  type Optimizer,
  type SavableNet,
  type Tensor,
} from '../../src/browser.js';
import { MissingDataError, loadDataset } from '../lib/datasets.js';
import { firstLayerTiles } from '../lib/nets.js';
import { GRID, type FromWorker, type RunState, type ToWorker, type TrainConfig } from '../lib/protocol.js';

const scope = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

let data: MnistData | undefined;
/** the images as the current net takes them: data's rows, or (N, 1, 28, 28) for a conv net */
let images: { xTrain: Tensor; xTest: Tensor } | undefined;
/** evaluate on the first N images of each set (the book's ch07/ch08 jobs: 1000), or all */
let evalSamples: number | undefined;
let dataset: TrainConfig['dataset'] = 'mnist';
let config: TrainConfig | undefined;
let net: SavableNet | undefined;
let optimizer: Optimizer | undefined;
/** frees each step's temporaries when it ends, keeping what the net and optimizer hold (as the Trainer) */
let steps: StepScope | undefined;
let rng = new RandomState(0);
let iteration = 0;
let state: RunState = 'loading';
let live = true;
let description = '';
/** the last evaluation, saved with the model when it is of the current parameters */
let lastEval = { iteration: -1, testAcc: NaN };

function setState(s: RunState): void {
  state = s;
  post({
    type: 'state',
    state: s,
    description,
    total: config?.iters ?? 0,
    iterationsPerEpoch: data ? iterationsPerEpoch() : 0,
  });
}

const iterationsPerEpoch = (): number => Math.max(data!.xTrain.shape[0] / (config?.batchSize ?? 100), 1);

/** Shapes the data for a net: conv nets take (N, 1, 28, 28) images, the others rows of 784 (book 7.5). */
function shapeImages(conv: boolean): void {
  if (!data) return;
  const { xTrain, xTest } = data;
  const as4d = (x: Tensor): Tensor => x.reshape(x.shape[0], 1, 28, 28);
  images = conv ? { xTrain: as4d(xTrain), xTest: as4d(xTest) } : { xTrain, xTest };
}

/** Test accuracy and confusion matrix in one pass; train accuracy by the library. */
function evaluate(final: boolean): void {
  if (!data || !net || !images) return;
  const head = (x: Tensor): Tensor => (evalSamples ? sliceRows(x, 0, evalSamples) : x);
  const [xTest, tTest] = [head(images.xTest), head(data.tTest)];
  const confusion = new Int32Array(100);
  let correct = 0;
  // as evaluateAccuracy: 100 images at a time for a conv net (im2col of thousands takes gigabytes)
  const chunk = xTest.ndim > 2 ? 100 : 5000;
  for (let start = 0; start < xTest.shape[0]; start += chunk) {
    const stop = Math.min(start + chunk, xTest.shape[0]);
    const pred = argmax(net.predict(sliceRows(xTest, start, stop), false), 1).data;
    for (let i = 0; i < pred.length; i++) {
      const t = tTest.data[start + i];
      confusion[t * 10 + pred[i]]++;
      if (pred[i] === t) correct++;
    }
  }
  const report = {
    iteration,
    epoch: iteration / iterationsPerEpoch(),
    trainAcc: evaluateAccuracy(net, head(images.xTrain), head(data.tTrain)),
    testAcc: correct / xTest.shape[0],
    confusion,
  };
  lastEval = { iteration, testAcc: report.testAcc };
  post({ type: 'eval', final, ...report }, [confusion.buffer]);
}

function snapshot(): void {
  if (!images || !net) return;
  const t0 = performance.now();
  const { tiles, count, size } = firstLayerTiles(net);
  const pred = argmax(net.predict(sliceRows(images.xTest, 0, GRID), false), 1).data;
  const gridPred = Int8Array.from(pred);
  const ms = performance.now() - t0;
  post({ type: 'snapshot', tiles, tileCount: count, tileSize: size, gridPred, ms }, [
    tiles.buffer,
    gridPred.buffer,
  ]);
}

/** One iteration of the book's loop; false when the loss diverged (the step is kept: the page says so). */
function step(losses: number[]): boolean {
  const { xTrain } = images!;
  const { tTrain } = data!;
  const loss = steps!.run(() => {
    const mask = rng.choice(xTrain.shape[0], config!.batchSize);
    const xBatch = take(xTrain, mask);
    const tBatch = take(tTrain, mask);
    const grads = net!.gradient(xBatch, tBatch);
    optimizer!.update(net!.params, grads);
    return net!.loss(xBatch, tBatch);
  });
  losses.push(loss);
  // the book evaluates when i % iter_per_epoch == 0, starting with the first iteration
  if (iteration % iterationsPerEpoch() === 0) steps!.run(() => evaluate(false));
  iteration++;
  return Number.isFinite(loss);
}

let lastSnapshot = 0;
async function run(): Promise<void> {
  let windowStart = performance.now();
  let windowIters = 0;
  while (state === 'running') {
    const losses: number[] = [];
    const t0 = performance.now();
    let ok = true;
    while (ok && iteration < config!.iters && performance.now() - t0 < 100) ok = step(losses);
    windowIters += losses.length;
    const now = performance.now();
    const itPerSec = (windowIters * 1000) / Math.max(now - windowStart, 1);
    if (now - windowStart > 2000) [windowStart, windowIters] = [now, 0];
    post({ type: 'progress', iteration, total: config!.iters, losses: Float32Array.from(losses), itPerSec });
    // pictures twice a second (the charts redraw from the progress messages)
    if (live && now - lastSnapshot > 500) {
      snapshot();
      lastSnapshot = now;
    }
    if (!ok) {
      setState('paused');
      post({
        type: 'error',
        message: `the loss became NaN or infinite at iteration ${iteration - 1}: Reset with a smaller learning rate`,
      });
    } else if (iteration >= config!.iters) {
      evaluate(true);
      snapshot();
      setState('done');
    }
    // let Pause, Step and the other messages in
    await new Promise((r) => setTimeout(r, 0));
  }
}

function reset(c: TrainConfig): void {
  config = c;
  rng = new RandomState(c.seed);
  net = buildNet(c.model, rng);
  shapeImages(isConvModel(c.model.model));
  evalSamples = c.evalSamples;
  optimizer = OPTIMIZERS[c.optimizer].create(c.lr);
  steps = new StepScope([net, optimizer]);
  iteration = 0;
  description = `${describeNetSpec(c.model)} with ${OPTIMIZERS[c.optimizer].title} lr ${c.lr}, batch ${c.batchSize}`;
  setState('idle');
  snapshot();
}

async function load(
  name: TrainConfig['dataset'],
  provided: Partial<Record<string, ArrayBuffer>> | undefined,
) {
  setState('loading');
  try {
    data = await loadDataset(name, { provided, onStatus: (message) => post({ type: 'status', message }) });
  } catch (e) {
    post({
      type: 'error',
      message: (e as Error).message,
      ...(e instanceof MissingDataError ? { missing: e.missing } : {}),
    });
    return;
  }
  dataset = name;
  // the current net (a conv net's W1 is 4-D) takes the new images shaped as it did the old
  shapeImages(net?.params.W1.ndim === 4);
  const gridImages = new Uint8Array(GRID * 784);
  for (let i = 0; i < gridImages.length; i++) gridImages[i] = Math.round(data.xTest.data[i] * 255);
  post({
    type: 'data',
    dataset: name,
    classes: DATASETS[name].classes,
    trainSize: data.xTrain.shape[0],
    testSize: data.xTest.shape[0],
    gridImages,
    gridLabels: Array.from(data.tTest.data.subarray(0, GRID)),
  });
}

scope.onmessage = ({ data: m }) => {
  switch (m.type) {
    case 'load':
      void load(m.dataset, m.provided);
      break;
    case 'reset':
      if (data) reset(m.config);
      else config = m.config;
      break;
    case 'start':
      if (net && data && (state === 'idle' || state === 'paused')) {
        setState('running');
        void run();
      }
      break;
    case 'pause':
      if (state === 'running') {
        setState('paused');
        evaluate(false);
      }
      break;
    case 'step':
      if (net && data && (state === 'idle' || state === 'paused') && iteration < config!.iters) {
        const losses: number[] = [];
        step(losses);
        post({
          type: 'progress',
          iteration,
          total: config!.iters,
          losses: Float32Array.from(losses),
          itPerSec: 0,
        });
        snapshot();
        setState('paused');
      }
      break;
    case 'live':
      live = m.on;
      break;
    case 'save':
      if (net) {
        // a copy in a buffer of its own, transferred to the page
        const bytes = new Uint8Array(
          serializeNet(net, {
            dataset,
            iterations: iteration,
            ...(lastEval.iteration === iteration ? { testAcc: lastEval.testAcc } : {}),
          }),
        );
        post({ type: 'model', bytes, name: 'model.safetensors' }, [bytes.buffer]);
      }
      break;
    case 'open':
      try {
        const loaded = deserializeNet(new Uint8Array(m.bytes), m.name);
        net = loaded.net;
        const model = loaded.metadata.model;
        const conv = isNetModel(model) && isConvModel(model);
        shapeImages(conv);
        // a conv net's full evaluation takes long: the book evaluates its first 1000 images
        evalSamples = conv ? 1000 : config?.evalSamples;
        optimizer = config ? OPTIMIZERS[config.optimizer].create(config.lr) : OPTIMIZERS.sgd.create(0.1);
        steps = new StepScope([net, optimizer]);
        iteration = 0;
        description = `${m.name}: ${isNetModel(model) ? NET_DEFAULTS[model].name : model} (loaded; training continues from it)`;
        setState('paused');
        snapshot();
        evaluate(false);
      } catch (e) {
        post({ type: 'error', message: (e as Error).message });
      }
      break;
  }
};

void workersReady().then(() => post({ type: 'threads', threads: threadCount(), backend: kernels().name }));
