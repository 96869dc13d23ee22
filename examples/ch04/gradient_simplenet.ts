// Book ch04/gradient_simplenet.py: the numerical gradient of SimpleNet's loss with
// respect to its 2×3 weights. Run: npx tsx examples/ch04/gradient_simplenet.ts
import { RandomState, SimpleNet, tensor } from '../../src/index.js';

const net = new SimpleNet({ rng: new RandomState(0) });
const x = tensor([0.6, 0.9]);
const t = tensor([0, 0, 1]);

console.log('W =', net.W.toArray());
console.log('predict =', [...net.predict(x).data]);
console.log('loss =', net.loss(x, t));
console.log('dW =', net.numericalGradient(x, t).toArray());
