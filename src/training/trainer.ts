// The Trainer (book ch05/train_neuralnet.py, common/trainer.py): mini-batches drawn with
// replacement by rng.choice, one optimizer step each, the loss recorded after the step,
// and train/test accuracy once per epoch starting at iteration 0. It emits events and
// never prints.
import type { Net } from '../nets/index.js';
import { SGD, type Optimizer } from '../optimizers/index.js';
import { formatShape, sliceRows, take, type RandomState, type Tensor } from '../tensor/index.js';
import { evaluateAccuracy } from './evaluate.js';
import { Emitter } from './events.js';

export interface TrainerOptions {
  net: Net;
  xTrain: Tensor;
  tTrain: Tensor;
  xTest: Tensor;
  tTest: Tensor;
  rng: RandomState;
  /** total iterations; default 10,000 as the book's job (or use `epochs`) */
  iters?: number;
  /** alternative to `iters`: epochs × trainSize/batchSize iterations */
  epochs?: number;
  batchSize?: number;
  /** used when no optimizer is given: SGD with this rate (default 0.1, the book's job) */
  lr?: number;
  optimizer?: Optimizer;
  /** evaluate on the first N samples of each set instead of all (the book's evaluate_sample_num_per_epoch) */
  evalSamples?: number;
}

export interface IterationEvent {
  iteration: number;
  loss: number;
  epoch: number;
  iterationsPerEpoch: number;
  totalIterations: number;
}

export interface EpochEvent {
  iteration: number;
  epoch: number;
  trainAcc: number;
  testAcc: number;
}

export type StopReason = 'completed' | 'interrupted' | 'diverged';

export interface TrainResult {
  reason: StopReason;
  /** loss after each completed iteration's update */
  loss: number[];
  epochs: EpochEvent[];
  /** iterations whose update was kept */
  iterations: number;
  wallSeconds: number;
  /** set when reason is 'diverged' */
  divergedAt?: number;
  /** accuracy of the parameters as they end (what a saved model scores) */
  final: EpochEvent;
}

interface TrainerEvents extends Record<string, unknown> {
  iteration: IterationEvent;
  epoch: EpochEvent;
  done: TrainResult;
}

export class Trainer extends Emitter<TrainerEvents> {
  readonly net: Net;
  readonly batchSize: number;
  readonly totalIterations: number;
  readonly iterationsPerEpoch: number;
  private readonly opts: TrainerOptions;
  private readonly optimizer: Optimizer;
  private stopRequested = false;

  constructor(opts: TrainerOptions) {
    super();
    const { net, xTrain, tTrain, xTest, tTest, batchSize = 100 } = opts;
    const trainSize = xTrain.shape[0];
    if (tTrain.shape[0] !== trainSize || tTest.shape[0] !== xTest.shape[0]) {
      throw new Error(
        `Trainer: images and labels differ in count: train ${formatShape(xTrain.shape)} vs ${formatShape(tTrain.shape)}, ` +
          `test ${formatShape(xTest.shape)} vs ${formatShape(tTest.shape)}`,
      );
    }
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > trainSize) {
      throw new Error(
        `Trainer: batchSize must be an integer from 1 to the training set size ${trainSize}, got ${batchSize}`,
      );
    }
    this.opts = opts;
    this.net = net;
    this.batchSize = batchSize;
    this.optimizer = opts.optimizer ?? new SGD(opts.lr ?? 0.1);
    // the book's iter_per_epoch = max(train_size / batch_size, 1), a float
    this.iterationsPerEpoch = Math.max(trainSize / batchSize, 1);
    const { iters, epochs } = opts;
    if (iters !== undefined && epochs !== undefined)
      throw new Error('Trainer: give iters or epochs, not both');
    // the book's Trainer: max_iter = int(epochs * iter_per_epoch)
    this.totalIterations =
      epochs !== undefined ? Math.floor(epochs * this.iterationsPerEpoch) : (iters ?? 10000);
    if (!Number.isInteger(this.totalIterations) || this.totalIterations < 1) {
      throw new Error(`Trainer: the run must have at least one iteration (iters ${iters}, epochs ${epochs})`);
    }
  }

  /** Asks a running `train()` to stop after the current iteration. */
  stop(): void {
    this.stopRequested = true;
  }

  private evaluate(iteration: number, epoch: number): EpochEvent {
    const { xTrain, tTrain, xTest, tTest, evalSamples } = this.opts;
    const head = (x: Tensor): Tensor => (evalSamples ? sliceRows(x, 0, evalSamples) : x);
    return {
      iteration,
      epoch,
      trainAcc: evaluateAccuracy(this.net, head(xTrain), head(tTrain)),
      testAcc: evaluateAccuracy(this.net, head(xTest), head(tTest)),
    };
  }

  async train(): Promise<TrainResult> {
    const { xTrain, tTrain, rng } = this.opts;
    const start = performance.now();
    const params = Object.values(this.net.params);
    const lastGood = params.map((p) => p.clone());
    const loss: number[] = [];
    const epochs: EpochEvent[] = [];
    let reason: StopReason = 'completed';
    let divergedAt: number | undefined;
    let lastYield = performance.now();
    let i = 0;
    for (; i < this.totalIterations; i++) {
      if (this.stopRequested) {
        reason = 'interrupted';
        break;
      }
      const batchMask = rng.choice(xTrain.shape[0], this.batchSize);
      const xBatch = take(xTrain, batchMask);
      const tBatch = take(tTrain, batchMask);
      const grads = this.net.gradient(xBatch, tBatch);
      this.optimizer.update(this.net.params, grads);
      const l = this.net.loss(xBatch, tBatch);
      if (!Number.isFinite(l)) {
        // put back the parameters from before this step: the last model whose loss was finite
        params.forEach((p, k) => p.data.set(lastGood[k].data));
        reason = 'diverged';
        divergedAt = i;
        break;
      }
      params.forEach((p, k) => lastGood[k].data.set(p.data));
      loss.push(l);
      const epoch = Math.floor(i / this.iterationsPerEpoch);
      this.emit('iteration', {
        iteration: i,
        loss: l,
        epoch,
        iterationsPerEpoch: this.iterationsPerEpoch,
        totalIterations: this.totalIterations,
      });
      if (i % this.iterationsPerEpoch === 0) {
        const e = this.evaluate(i, epoch);
        epochs.push(e);
        this.emit('epoch', e);
      }
      // let timers, signals and the UI run about ten times a second
      if (performance.now() - lastYield > 100) {
        await new Promise((r) => setTimeout(r, 0));
        lastYield = performance.now();
      }
    }
    const lastEval = epochs.at(-1);
    const final =
      lastEval && lastEval.iteration === loss.length - 1
        ? lastEval
        : this.evaluate(loss.length - 1, Math.floor(Math.max(loss.length - 1, 0) / this.iterationsPerEpoch));
    const result: TrainResult = {
      reason,
      final,
      loss,
      epochs,
      iterations: loss.length,
      wallSeconds: (performance.now() - start) / 1000,
      ...(divergedAt !== undefined ? { divergedAt } : {}),
    };
    this.emit('done', result);
    return result;
  }
}
