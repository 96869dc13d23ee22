// The book's job as bench/phases.ts and bench/kernel-profile.ts set it up: THREADS and DTYPE from
// the command line (defaults 1 and float32), MNIST, TwoLayerNet 784-50-10 from seed 0, SGD 0.1.
import { RandomState, SGD, TwoLayerNet, setThreads, workersReady, type DType } from '../src/index.js';
import { loadMnist } from '../src/node.js';

export async function bookJob(argv: string[] = process.argv.slice(2)) {
  const threads = Number(argv[0] ?? 1);
  const dtype = (argv[1] ?? 'float32') as DType;
  await workersReady();
  setThreads(threads);
  const data = await loadMnist({ dtype });
  const rng = new RandomState(0);
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, dtype });
  return { threads, dtype, data, rng, net, optimizer: new SGD(0.1) };
}
