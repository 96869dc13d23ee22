// Book ch04/gradient_method.py: gradient descent on x0² + x1² from (−3, 4) with lr 0.1,
// and the book's too-large (10) and too-small (1e-10) rates; the path is figure 4-10.
// Run: npx tsx examples/ch04/gradient_method.ts
import { Figure, gradientDescent, type Tensor } from '../../src/index.js';
import { outputDir, save } from '../output.js';

const f = (x: Tensor): number => x.data[0] ** 2 + x.data[1] ** 2;

for (const lr of [0.1, 10, 1e-10]) {
  const { x } = gradientDescent(f, [-3, 4], { lr, stepNum: 100 });
  console.log(`lr=${lr}:`, [...x.data]);
}

const { history } = gradientDescent(f, [-3, 4], { lr: 0.1, stepNum: 20 });
const fig = new Figure({
  title: 'gradient descent from (−3, 4), lr = 0.1',
  xlabel: 'X0',
  ylabel: 'X1',
  xlim: [-3.5, 3.5],
  ylim: [-4.5, 4.5],
  equalAspect: true,
})
  .line([-5, 5], [0, 0], { color: '#1f77b4', width: 1, dash: '4 4' })
  .line([0, 0], [-5, 5], { color: '#1f77b4', width: 1, dash: '4 4' })
  .scatter(
    history.map((p) => p.data[0]),
    history.map((p) => p.data[1]),
    { color: '#1f77b4', marker: 3 },
  );
save(outputDir('ch04'), 'gradient_method.svg', fig.toSVG());
