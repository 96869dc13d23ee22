// FLOPs of one training step of the book's SimpleConvNet and DeepConvNet, counted from the
// shapes alone (no library code, so the test in test/conv-flops.test.ts checks arithmetic,
// not our nets): only the matrix products, 2·M·N·K each, as every contender does them.
//
// Each Convolution (through im2col) and Affine is one product forward, col·W (M = N·OH·OW
// rows, K = C·FH·FW, N = FN), and two backward: dW = colᵀ·dout and dcol = dout·Wᵀ, the same
// 2·M·N·K each. The step is the book's Trainer.train_step: gradient (forward + backward), the
// optimizer, and the loss once more after the update (a second forward). ReLU, pooling,
// im2col/col2im, softmax and Adam are memory-bound and not counted.
//
// `step` leaves out the first layer's dx (the input is data): scratchnet and PyTorch skip it;
// `bookStep` includes it, as the book's Convolution computes it and throws it away.

export type ConvNetName = 'simple' | 'deep';

export interface ProductCount {
  layer: string;
  /** rows, columns and inner dimension of the forward product */
  m: number;
  n: number;
  k: number;
  /** 2·m·n·k: the forward product; dW and dx cost the same each */
  flops: number;
}

export interface StepFlops {
  products: ProductCount[];
  /** one forward pass */
  forward: number;
  /** gradient + loss after the update, without the first layer's dx */
  step: number;
  /** as the book's code computes it: `step` plus the first layer's dx */
  bookStep: number;
}

interface ConvSpec {
  filterNum: number;
  filterSize: number;
  pad: number;
  stride: number;
  /** a 2×2, stride-2 max pooling follows (after the ReLU) */
  pool: boolean;
}

// ch07/simple_convnet.py's defaults and ch08/deep_convnet.py's conv_param_1 … 6
const ARCHITECTURES: Record<ConvNetName, { convs: ConvSpec[]; hidden: number }> = {
  simple: { convs: [{ filterNum: 30, filterSize: 5, pad: 0, stride: 1, pool: true }], hidden: 100 },
  deep: {
    convs: [
      { filterNum: 16, filterSize: 3, pad: 1, stride: 1, pool: false },
      { filterNum: 16, filterSize: 3, pad: 1, stride: 1, pool: true },
      { filterNum: 32, filterSize: 3, pad: 1, stride: 1, pool: false },
      { filterNum: 32, filterSize: 3, pad: 2, stride: 1, pool: true },
      { filterNum: 64, filterSize: 3, pad: 1, stride: 1, pool: false },
      { filterNum: 64, filterSize: 3, pad: 1, stride: 1, pool: true },
    ],
    hidden: 50,
  },
};

/** The products of one forward pass over a batch of `batch` MNIST images (1, 28, 28), 10 classes. */
export function convNetProducts(net: ConvNetName, batch = 100): ProductCount[] {
  const arch = ARCHITECTURES[net];
  if (!arch) throw new Error(`convNetProducts: unknown net '${String(net)}' (use 'simple' or 'deep')`);
  const out: ProductCount[] = [];
  const add = (layer: string, m: number, n: number, k: number): void => {
    out.push({ layer, m, n, k, flops: 2 * m * n * k });
  };
  let [c, h, w] = [1, 28, 28];
  arch.convs.forEach((s, i) => {
    // book eq. 7.1: OH = (H + 2P − FH) / S + 1
    const oh = Math.floor((h + 2 * s.pad - s.filterSize) / s.stride) + 1;
    const ow = Math.floor((w + 2 * s.pad - s.filterSize) / s.stride) + 1;
    add(`conv${i + 1}`, batch * oh * ow, s.filterNum, c * s.filterSize * s.filterSize);
    [c, h, w] = [s.filterNum, oh, ow];
    if (s.pool) [h, w] = [Math.floor((h - 2) / 2) + 1, Math.floor((w - 2) / 2) + 1];
  });
  add('affine1', batch, arch.hidden, c * h * w);
  add('affine2', batch, 10, arch.hidden);
  return out;
}

/** FLOPs of one training step (see the file's header for what is counted). */
export function stepFlops(net: ConvNetName, batch = 100): StepFlops {
  const products = convNetProducts(net, batch);
  const forward = products.reduce((s, p) => s + p.flops, 0);
  // gradient: forward + dW (= forward) + dx (= forward less the first layer's); loss: forward
  const step = forward + forward + (forward - products[0].flops) + forward;
  return { products, forward, step, bookStep: step + products[0].flops };
}
