// Book ch08/train_deepnet.py: DeepConvNet (six 3×3 convolutions, He initial weights, dropout)
// trained for 20 epochs with Adam (lr 0.001), batch 100, accuracy on 1,000 images per epoch,
// then on all 10,000 test images (book: 99.35% with its trained weights); figure, parameters saved.
// Run: npx tsx examples/ch08/train_deepnet.ts [--epochs 20] [--train-size 60000] [--dtype float32|float64]
import { DeepConvNet, RandomState } from '../../src/index.js';
import { convRunOptions, trainConvNet } from '../train-conv.js';

const o = convRunOptions();
const rng = new RandomState(0);
const network = new DeepConvNet({ rng, dtype: o.dtype });
await trainConvNet(network, rng, o, {
  chapter: 'ch08',
  params: 'deep_convnet_params.safetensors',
  figure: 'train_deepnet.svg',
});
