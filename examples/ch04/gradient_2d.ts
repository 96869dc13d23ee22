// Book ch04/gradient_2d.py: the gradient field of f(x0, x1) = x0² + x1², drawn as arrows
// pointing downhill (−∇f), the book's figure 4-9. Run: npx tsx examples/ch04/gradient_2d.ts
import { Figure, numericalGradient, tensor, type Tensor } from '../../src/index.js';
import { outputDir, save } from '../output.js';

const f = (x: Tensor): number => x.data[0] ** 2 + x.data[1] ** 2;

const [xs, ys, us, vs]: number[][] = [[], [], [], []];
for (let x0 = -2; x0 <= 2.0001; x0 += 0.25) {
  for (let x1 = -2; x1 <= 2.0001; x1 += 0.25) {
    const g = numericalGradient(f, tensor([x0, x1]));
    // the book draws −grad; scale the arrows so the longest is about one grid step
    xs.push(x0);
    ys.push(x1);
    us.push(-g.data[0] * 0.05);
    vs.push(-g.data[1] * 0.05);
  }
}
console.log('gradient at (3, 4):', [...numericalGradient(f, tensor([3, 4])).data]);
const fig = new Figure({ title: '−∇f for f = x0² + x1²', xlabel: 'x0', ylabel: 'x1', equalAspect: true })
  .arrows(xs, ys, us, vs, { color: '#444' })
  .scatter([0], [0], { color: '#d62728', marker: 3 });
save(outputDir('ch04'), 'gradient_2d.svg', fig.toSVG());
