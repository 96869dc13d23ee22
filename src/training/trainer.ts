// The Trainer (book ch05/train_neuralnet.py, common/trainer.py): mini-batches drawn with
// replacement by rng.choice, one optimizer step each, the loss recorded after the step,
// and train/test accuracy once per epoch starting at iteration 0. It emits events and
// never prints.
import type { Net } from '../nets/index.js';
import { SGD, type Optimizer } from '../optimizers/index.js';
import { formatShape, max, sliceRows, take, type RandomState, type Tensor } from '../tensor/index.js';
import { StepScope } from '../tensor/lifetime.js';
import { evaluateAccuracy } from './evaluate.js';
import { Emitter } from './events.js';

/** Options of the {@link Trainer}: the net, the data, the generator, and the book's training settings. */
export interface TrainerOptions {
  /** The net to train (its parameters are updated in place). */
  net: Net;
  /** Training inputs, one sample per row (axis 0). */
  xTrain: Tensor;
  /** Training labels (one-hot rows or integers), one per row of `xTrain`. */
  tTrain: Tensor;
  /** Test inputs, for the accuracy reported once per epoch. */
  xTest: Tensor;
  /** Test labels, one per row of `xTest`. */
  tTest: Tensor;
  /** Draws the mini-batches (`rng.choice(trainSize, batchSize)`, with replacement, as the book). */
  rng: RandomState;
  /** total iterations; default 10,000 as the book's job (or use `epochs`) */
  iters?: number;
  /** alternative to `iters`: epochs × trainSize/batchSize iterations */
  epochs?: number;
  /** Samples per mini-batch (default 100). */
  batchSize?: number;
  /** used when no optimizer is given: SGD with this rate (default 0.1, the book's job) */
  lr?: number;
  /** The optimizer (default `new SGD(lr)`). */
  optimizer?: Optimizer;
  /** evaluate on the first N samples of each set instead of all (the book's evaluate_sample_num_per_epoch) */
  evalSamples?: number;
}

/** Emitted after every iteration's update (`trainer.on('iteration', …)`). */
export interface IterationEvent {
  /** The iteration just done, counting from 0. */
  iteration: number;
  /** The mini-batch's loss after the update. */
  loss: number;
  /** ⌊iteration / iterationsPerEpoch⌋: the epoch this iteration belongs to, counting from 0. */
  epoch: number;
  /** max(trainSize / batchSize, 1), a fraction as in the book. */
  iterationsPerEpoch: number;
  /** The run's length in iterations. */
  totalIterations: number;
}

/**
 * Emitted at every evaluation (`trainer.on('epoch', …)`): once per epoch, starting at iteration 0
 * as the book's train_neuralnet.py evaluates.
 */
export interface EpochEvent {
  /** The iteration after which the accuracies were measured. */
  iteration: number;
  /** Epochs completed before this evaluation's iteration (0 for the evaluation at iteration 0). */
  epoch: number;
  /** Accuracy on the training set (or its first `evalSamples` rows). */
  trainAcc: number;
  /** Accuracy on the test set (or its first `evalSamples` rows). */
  testAcc: number;
}

/** Something about the run that looks wrong but does not stop it (the Trainer never prints). */
export interface TrainerWarning {
  /** what looks wrong and what to do, naming the values */
  message: string;
}

/** Why `train()` ended: all iterations done, `stop()` called, or a loss that was not finite. */
export type StopReason = 'completed' | 'interrupted' | 'diverged';

/** What `train()` resolves to (also emitted as `'done'`). */
export interface TrainResult {
  /** Why the run ended. */
  reason: StopReason;
  /** loss after each completed iteration's update */
  loss: number[];
  /** Every evaluation, in order. */
  epochs: EpochEvent[];
  /** iterations whose update was kept */
  iterations: number;
  /** Wall-clock time of the run, in seconds. */
  wallSeconds: number;
  /** set when reason is 'diverged' */
  divergedAt?: number;
  /** accuracy of the parameters as they end (what a saved model scores) */
  final: EpochEvent;
}

/** The events a {@link Trainer} emits, by name, with their payloads. */
export interface TrainerEvents extends Record<string, unknown> {
  /** After every iteration. */
  iteration: IterationEvent;
  /** At every evaluation. */
  epoch: EpochEvent;
  /** Once, when the first batch looks unnormalized (values above 1.5). */
  warning: TrainerWarning;
  /** Once, when the run ends for any reason. */
  done: TrainResult;
}

/**
 * The book's training loop (book §4.5.2–4.5.3, §5.7.4, ch05/train_neuralnet.py, common/trainer.py):
 * mini-batches drawn with replacement by `rng.choice`, one optimizer step each, the loss recorded
 * after the step, and train/test accuracy once per epoch starting at iteration 0. It emits
 * events (`iteration`, `epoch`, `done`) and never prints. If the loss stops being finite, the
 * parameters from before that step are put back and the run ends with reason `'diverged'`.
 *
 * @example
 * ```ts
 * import { RandomState, Trainer, TwoLayerNet } from 'scratchnet';
 * import { loadMnist } from 'scratchnet/node';
 *
 * const { xTrain, tTrain, xTest, tTest } = await loadMnist({ normalize: true, oneHotLabel: true });
 * const rng = new RandomState(0);
 * const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng });
 * const trainer = new Trainer({ net, xTrain, tTrain, xTest, tTest, rng, iters: 10000, lr: 0.1 });
 * trainer.on('epoch', (e) => console.log(e.epoch, e.trainAcc, e.testAcc));
 * const result = await trainer.train();
 * result.final.testAcc; // ≈ 0.97
 * ```
 */
export class Trainer extends Emitter<TrainerEvents> {
  /** The net being trained. */
  readonly net: Net;
  /** Samples per mini-batch. */
  readonly batchSize: number;
  /**
   * The run's length: `iters`, or ⌊epochs · iterationsPerEpoch⌋ as the book's Trainer computes `max_iter`.
   */
  readonly totalIterations: number;
  /** max(trainSize / batchSize, 1), a fraction as the book's `iter_per_epoch`. */
  readonly iterationsPerEpoch: number;
  private readonly opts: TrainerOptions;
  private readonly optimizer: Optimizer;
  private stopRequested = false;

  /**
   * Checks the options (matching counts, batch size, `iters` or `epochs` but not both); throws naming the bad
   * value.
   */
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

  // NOTE: pixels left in 0..255 (loadMnist's normalize: false) saturate the first layer and
  // the run trains silently to ~11%; the first batch is enough to tell, and cheap to check.
  private checkInputRange(xBatch: Tensor): void {
    const largest = max(xBatch);
    if (largest > 1.5) {
      this.emit('warning', {
        message:
          `the training input looks unnormalized: its first batch holds values up to ${largest}, ` +
          `where the book's nets expect pixels in 0..1 (loadMnist's normalize: true, the default; ` +
          `or divide by 255)`,
      });
    }
  }

  /**
   * Runs the training loop, yielding to the event loop about ten times a second (so `stop()`, timers
   * and a page's UI keep working); resolves when it ends for any reason.
   */
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
    // each step's temporaries are freed when it ends, so the loop reuses the same storage
    // every iteration (what the net and optimizer still hold is kept: see StepScope)
    const scope = new StepScope([this.net, this.optimizer]);
    for (; i < this.totalIterations; i++) {
      if (this.stopRequested) {
        reason = 'interrupted';
        break;
      }
      const l = scope.run(() => {
        const batchMask = rng.choice(xTrain.shape[0], this.batchSize);
        const xBatch = take(xTrain, batchMask);
        const tBatch = take(tTrain, batchMask);
        if (i === 0) this.checkInputRange(xBatch);
        const grads = this.net.gradient(xBatch, tBatch);
        this.optimizer.update(this.net.params, grads);
        return this.net.loss(xBatch, tBatch);
      });
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
        const e = scope.run(() => this.evaluate(i, epoch));
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
        : scope.run(() =>
            this.evaluate(
              loss.length - 1,
              Math.floor(Math.max(loss.length - 1, 0) / this.iterationsPerEpoch),
            ),
          );
    scope.close();
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
