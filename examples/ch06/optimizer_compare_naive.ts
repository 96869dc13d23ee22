// Book ch06/optimizer_compare_naive.py: the paths of the optimizers on
// f(x, y) = x²/20 + y² from (−7, 2), 30 steps each (figure 6-8).
// Run: npx tsx examples/ch06/optimizer_compare_naive.ts
import { Figure, OPTIMIZERS, mul, tensor, tile, type OptimizerName } from '../../src/index.js';
import { outputDir, save } from '../output.js';

// the book's learning rates for this figure; Nesterov and RMSprop join with 0.1
const rates: [OptimizerName, number][] = [
  ['sgd', 0.95],
  ['momentum', 0.1],
  ['nesterov', 0.1],
  ['adagrad', 1.5],
  ['rmsprop', 0.1],
  ['adam', 0.3],
];

const contours = (fig: Figure): Figure => {
  for (const level of [0.5, 1, 2, 4, 7]) {
    const th = Array.from({ length: 121 }, (_, i) => (2 * Math.PI * i) / 120);
    fig.line(
      th.map((t) => Math.sqrt(20 * level) * Math.cos(t)),
      th.map((t) => Math.sqrt(level) * Math.sin(t)),
      { color: '#ccc', width: 1 },
    );
  }
  return fig;
};

const results: Record<string, { lr: number; path: number[][] }> = {};
const svgs: string[] = [];
for (const [name, lr] of rates) {
  const opt = OPTIMIZERS[name].create(lr);
  const params = { x: tensor([-7]), y: tensor([2]) };
  const path: number[][] = [];
  for (let i = 0; i < 30; i++) {
    path.push([params.x.data[0], params.y.data[0]]);
    opt.update(params, { x: mul(params.x, 1 / 10), y: mul(params.y, 2) });
  }
  path.push([params.x.data[0], params.y.data[0]]);
  results[name] = { lr, path };
  console.log(
    `${OPTIMIZERS[name].title.padEnd(9)} lr ${lr}: ends at (${path[30].map((v) => v.toFixed(4)).join(', ')})`,
  );
  const fig = contours(
    new Figure({
      title: `${OPTIMIZERS[name].title} (lr ${lr})`,
      xlabel: 'x',
      ylabel: 'y',
      xlim: [-10, 10],
      ylim: [-10, 10],
      width: 420,
      height: 420,
    }),
  );
  fig.line(
    path.map((p) => p[0]),
    path.map((p) => p[1]),
    { color: '#d62728', marker: 2.5 },
  );
  fig.scatter([0], [0], { color: '#000', marker: 3 });
  svgs.push(fig.toSVG());
}
const dir = outputDir('ch06');
save(dir, 'optimizer_compare_naive.svg', tile(svgs, 3, 420, 420));
save(dir, 'optimizer_compare_naive.json', JSON.stringify(results) + '\n');
