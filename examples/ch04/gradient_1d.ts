// Book ch04/gradient_1d.py: the numerical derivative of f(x) = 0.01x² + 0.1x, and its
// tangent at x = 5 (figure 4-7). Run: npx tsx examples/ch04/gradient_1d.ts
import { Figure, numericalDiff } from '../../src/index.js';
import { outputDir, save } from '../output.js';

const f = (x: number): number => 0.01 * x ** 2 + 0.1 * x;

console.log(numericalDiff(f, 5));
console.log(numericalDiff(f, 10));

const xs = Array.from({ length: 200 }, (_, i) => i * 0.1);
const d = numericalDiff(f, 5);
const tangent = (x: number): number => d * x + (f(5) - d * 5);
const fig = new Figure({
  title: 'f(x) = 0.01x² + 0.1x and its tangent at x = 5',
  xlabel: 'x',
  ylabel: 'f(x)',
})
  .line(xs, xs.map(f), { label: 'f(x)' })
  .line(xs, xs.map(tangent), { label: 'tangent at 5', dash: '6 4' });
save(outputDir('ch04'), 'gradient_1d.svg', fig.toSVG());
