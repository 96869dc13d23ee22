// A few Trainer iterations of TwoLayerNet on random data: what the pages without
// cross-origin isolation run (one thread) and Node repeats, to compare losses bit for bit.
import type * as Lib from '../../src/index.js';

export interface TrainFew {
  backend: string;
  threads: number;
  losses: number[];
}

export async function trainFew(lib: typeof Lib): Promise<TrainFew & { net: Lib.TwoLayerNet }> {
  const rng = new lib.RandomState(11);
  const x = lib.where(lib.less(rng.rand(200, 784), 0.8), 0, rng.rand(200, 784)).astype('float32');
  const t = lib.tensor(Array.from(rng.randint(0, 10, 200)));
  const net = new lib.TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype: 'float32' });
  const trainer = new lib.Trainer({ net, xTrain: x, tTrain: t, xTest: x, tTest: t, rng, iters: 5 });
  const result = await trainer.train();
  return { backend: lib.kernels().name, threads: lib.threadCount(), losses: result.loss, net };
}
