// scratchnet train: the book's ch05/train_neuralnet.py job, with progress, metrics,
// figures and a saved model.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  RandomState,
  Trainer,
  buildNet,
  isConvModel,
  loadMnist,
  serializeNet,
  writeFileAtomic,
  type DType,
  type DatasetName,
  type TrainResult,
} from '../../src/node.js';
import { RunProgress, downloadReporter } from '../progress.js';
import { claimRunDir, type RunDir } from '../run-dir.js';
import { defaultRunDir, writeMetrics, writePlots } from '../run-files.js';
import { buildOptimizer, describeModel, parseModelArgs } from '../net-options.js';
import { UsageError, oneOf, positiveInt, positiveNumber } from '../usage.js';

export const TRAIN_USAGE = `usage: scratchnet train [options]

Trains TwoLayerNet 784-50-10 (ReLU) on MNIST with SGD, as the book's ch05/train_neuralnet.py,
or a deeper MultiLayerNet(Extend) with chapter 6's techniques.

options:
  --dataset NAME       mnist (default) or fashion-mnist
  --data DIR           folder holding the dataset's four .gz files (else $SCRATCHNET_DATA,
                       the cache ~/.cache/scratchnet, or a verified download)
  --model NAME         two-layer (default), mlp (MultiLayerNet / MultiLayerNetExtend),
                       simple-convnet (book ch07) or deep-convnet (book ch08); the conv nets
                       default to their book jobs: 20 epochs, Adam lr 0.001, batch 100,
                       accuracy on 1000 images per epoch
  --hidden N[,N…]      hidden units: one size for two-layer (default 50), simple-convnet
                       (100) and deep-convnet (50), a list for mlp (default 100,100,100,100)
  --activation NAME    relu (default) or sigmoid
  --optimizer NAME     sgd (default), momentum, nesterov, adagrad, rmsprop, adam
  --lr RATE            learning rate (default 0.1 for sgd as the book's job; the book's
                       default for the others: 0.01, adam 0.001)
  --init STD|NAME      initial weight scale: a standard deviation, or xavier, he, sigmoid,
                       relu (default 0.01 for two-layer; he for relu / xavier for sigmoid mlp)
  --batchnorm          batch normalization after every hidden Affine (mlp)
  --dropout RATIO      dropout after every hidden activation, ratio in [0, 1) (mlp)
  --weight-decay L     weight decay λ >= 0 (mlp)
  --iters N            iterations (default 10000)
  --epochs N           train for N epochs instead of --iters
  --batch N            batch size (default 100)
  --eval-samples N     evaluate accuracy on the first N samples of each set (default all)
  --seed N             random seed for weights and batches (default 0)
  --dtype TYPE         float32 (default, fast) or float64 (the book's arithmetic)
  --out DIR            output folder (default runs/<timestamp>)
  --overwrite          allow --out to be a folder that already holds a run
  --json               print one JSON summary on stdout
  --quiet              no progress or per-epoch lines`;

export async function trainCommand(args: string[]): Promise<number> {
  // a failed run leaves --out as it found it; a finished one (completed, interrupted or
  // diverged with its last good model) becomes the folder's content
  const claim: { run?: RunDir } = {};
  let code: number;
  try {
    code = await train(args, claim);
  } catch (e) {
    claim.run?.abandon();
    throw e;
  }
  claim.run?.commit();
  return code;
}

async function train(args: string[], claim: { run?: RunDir }): Promise<number> {
  const { values: v } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      dataset: { type: 'string' },
      data: { type: 'string' },
      model: { type: 'string' },
      hidden: { type: 'string' },
      optimizer: { type: 'string' },
      init: { type: 'string' },
      batchnorm: { type: 'boolean' },
      dropout: { type: 'string' },
      'weight-decay': { type: 'string' },
      'eval-samples': { type: 'string' },
      activation: { type: 'string' },
      iters: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      dtype: { type: 'string' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  const dataset = oneOf<DatasetName>('dataset', v.dataset, ['mnist', 'fashion-mnist'], 'mnist');
  const dtype = oneOf<DType>('dtype', v.dtype, ['float32', 'float64'], 'float32');
  const choice = parseModelArgs(v);
  const conv = isConvModel(choice.model);
  if (v.iters !== undefined && v.epochs !== undefined)
    throw new UsageError('give --iters or --epochs, not both');
  const iters = positiveInt('iters', v.iters, 10000);
  // the book's ch07/train_convnet.py and ch08/train_deepnet.py: 20 epochs, 1000 images evaluated
  const defaultEpochs = conv && v.iters === undefined ? '20' : undefined;
  const epochsRaw = v.epochs ?? defaultEpochs;
  const epochs = epochsRaw === undefined ? undefined : positiveNumber('epochs', epochsRaw, 1);
  const batch = positiveInt('batch', v.batch, 100);
  const evalSamples =
    v['eval-samples'] === undefined
      ? conv
        ? 1000
        : undefined
      : positiveInt('eval-samples', v['eval-samples'], 1);
  const seed = v.seed === undefined ? 0 : Number(v.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${v.seed}'`);
  }
  const outDir = resolve(v.out ?? defaultRunDir());
  const quiet = Boolean(v.quiet || v.json);
  const say = (line: string): void => {
    if (!quiet) console.log(line);
  };

  // claimed before the data load: a busy or occupied --out is refused at once
  claim.run = claimRunDir(outDir, Boolean(v.overwrite));
  const dir = claim.run.path; // --out, or a staging folder beside it when replacing a run
  const data = await loadMnist({
    dataset,
    dataDir: v.data,
    dtype,
    flatten: !conv, // conv nets take (N, 1, 28, 28) images
    onProgress: downloadReporter(!v.quiet),
  });
  const trainSize = data.xTrain.shape[0];
  if (batch > trainSize)
    throw new UsageError(`--batch ${batch} is larger than the ${trainSize} training images`);

  const rng = new RandomState(seed);
  const inputSize = data.xTrain.shape.slice(1).reduce((p, d) => p * d, 1);
  const net = buildNet(choice, rng, { inputSize, dtype });
  const trainer = new Trainer({
    net,
    ...data,
    rng,
    optimizer: buildOptimizer(choice),
    batchSize: batch,
    ...(evalSamples !== undefined ? { evalSamples } : {}),
    ...(epochs !== undefined ? { epochs } : { iters }),
  });
  const { lr } = choice;
  const config = {
    command: 'train',
    dataset,
    model: choice.model,
    hidden: choice.model === 'mlp' ? choice.hiddenSizeList : choice.hiddenSizeList[0],
    activation: choice.activation,
    optimizer: choice.optimizer,
    lr,
    init: choice.init,
    batchnorm: choice.batchnorm,
    dropout: choice.dropout,
    weightDecay: choice.weightDecay,
    iters: trainer.totalIterations,
    batch,
    evalSamples: evalSamples ?? null,
    seed,
    dtype,
  };
  writeFileAtomic(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  say(
    `training ${describeModel(choice, inputSize)} on ${dataset}: ` +
      `${trainer.totalIterations} iterations, batch ${batch}, ${dtype}, seed ${seed}`,
  );

  const progress = new RunProgress(!quiet);
  trainer.on('iteration', (e) => progress.update(e));
  trainer.on('warning', (w) => {
    progress.pause();
    console.error(`warning: ${w.message}`);
  });
  trainer.on('epoch', (e) => {
    progress.pause();
    say(
      `iteration ${e.iteration} (${e.epoch} epoch${e.epoch === 1 ? '' : 's'}): ` +
        `train acc ${e.trainAcc.toFixed(4)}, test acc ${e.testAcc.toFixed(4)}`,
    );
  });
  const onSigint = (): void => {
    progress.pause();
    console.error('interrupted: stopping after this iteration and saving the model and metrics so far');
    trainer.stop();
  };
  process.once('SIGINT', onSigint);
  let result: TrainResult;
  try {
    result = await trainer.train();
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.pause();
  }

  const last = result.final;
  const metrics = { loss: result.loss, epochs: result.epochs, final: last, wallSeconds: result.wallSeconds };
  writeFileAtomic(
    join(dir, 'model.safetensors'),
    serializeNet(net, { dataset, iterations: result.iterations, testAcc: last.testAcc }),
  );
  writeMetrics(dir, metrics);
  writePlots(dir, metrics, `${describeModel(choice, inputSize)} on ${dataset}`);
  const summary = {
    status: result.reason,
    iterations: result.iterations,
    finalLoss: result.loss.at(-1) ?? null,
    trainAcc: last.trainAcc,
    testAcc: last.testAcc,
    wallSeconds: Number(result.wallSeconds.toFixed(3)),
    out: outDir,
    ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
  };
  if (v.json) console.log(JSON.stringify(summary));
  if (result.reason === 'diverged') {
    console.error(
      `the loss became NaN or infinite at iteration ${result.divergedAt}: ` +
        `try a smaller learning rate than --lr ${lr}. Saved the last good model and metrics in ${outDir}`,
    );
    return 1;
  }
  say(
    `${result.reason === 'interrupted' ? 'stopped' : 'done'} after ${result.iterations} iterations in ` +
      `${result.wallSeconds.toFixed(1)} s: ` +
      `final train acc ${last.trainAcc.toFixed(4)}, test acc ${last.testAcc.toFixed(4)}. ` +
      `Outputs in ${outDir}: model.safetensors, config.json, metrics.json, metrics.csv, loss.svg, accuracy.svg`,
  );
  return result.reason === 'interrupted' ? 130 : 0;
}
