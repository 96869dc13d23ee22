// Page 4: the book's apple and orange graph (ch05/buy_apple_orange.py), forward and backward
// through the library's MulLayer and AddLayer, drawn as figure 5-17.
import { AddLayer, MulLayer } from '../../src/browser.js';
import { $, button, input, startShell } from '../ui/shell.js';

startShell();

const INPUTS = ['apple', 'apple_num', 'orange', 'orange_num', 'tax'] as const;
const BOOK = { apple: 100, apple_num: 2, orange: 150, orange_num: 3, tax: 1.1 };

/** The book's code, line for line. */
function compute(v: Record<(typeof INPUTS)[number], number>) {
  const mulAppleLayer = new MulLayer();
  const mulOrangeLayer = new MulLayer();
  const addAppleOrangeLayer = new AddLayer();
  const mulTaxLayer = new MulLayer();
  // forward
  const applePrice = mulAppleLayer.forward(v.apple, v.apple_num);
  const orangePrice = mulOrangeLayer.forward(v.orange, v.orange_num);
  const allPrice = addAppleOrangeLayer.forward(applePrice, orangePrice);
  const price = mulTaxLayer.forward(allPrice, v.tax);
  // backward
  const dprice = 1;
  const [dallPrice, dtax] = mulTaxLayer.backward(dprice);
  const [dapplePrice, dorangePrice] = addAppleOrangeLayer.backward(dallPrice);
  const [dorange, dorangeNum] = mulOrangeLayer.backward(dorangePrice);
  const [dapple, dappleNum] = mulAppleLayer.backward(dapplePrice);
  return {
    fwd: { ...v, applePrice, orangePrice, allPrice, price },
    bwd: {
      apple: dapple,
      apple_num: dappleNum,
      orange: dorange,
      orange_num: dorangeNum,
      tax: dtax,
      applePrice: dapplePrice,
      orangePrice: dorangePrice,
      allPrice: dallPrice,
      price: dprice,
    },
  };
}

/** Up to 10 significant digits, so 715.0000000000001 reads 715 as the book's text does. */
const num = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '–');

const LABELS: Record<string, string> = {
  apple: 'apple price',
  apple_num: 'apples bought',
  orange: 'orange price',
  orange_num: 'oranges bought',
  tax: 'tax',
  applePrice: 'apples’ price',
  orangePrice: 'oranges’ price',
  allPrice: 'sum',
  price: 'price',
};

function render(): void {
  const v = Object.fromEntries(INPUTS.map((k) => [k, Number(input(k).value)])) as Record<
    (typeof INPUTS)[number],
    number
  >;
  const { fwd, bwd } = compute(v);
  // layout of figure 5-17: inputs on the left, × nodes, +, × tax, price on the right
  const node = (id: string, x: number, y: number, op: string): string =>
    `<g class="node" id="node-${id}"><circle cx="${x}" cy="${y}" r="22"/><text x="${x}" y="${y + 6}" text-anchor="middle" font-size="20">${op}</text></g>`;
  const edge = (
    key: keyof typeof fwd,
    ax: number,
    ay: number,
    bx: number,
    by: number,
    lx = (ax + bx) / 2,
    ly = (ay + by) / 2,
  ): string =>
    `<path class="edge" d="M${ax},${ay} L${bx},${by}"/>` +
    `<text class="fwd" x="${lx}" y="${ly - 8}" text-anchor="middle" data-fwd="${key}">${num(fwd[key])}</text>` +
    `<text class="bwd" x="${lx}" y="${ly + 18}" text-anchor="middle" data-bwd="${key}">${num(bwd[key])}</text>`;
  const label = (x: number, y: number, text: string): string =>
    `<text x="${x}" y="${y}" font-size="12" fill="#5b6475">${text}</text>`;
  $('graph').innerHTML =
    `<svg viewBox="0 0 760 400" role="img" aria-label="computational graph of the shopping example">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker></defs>` +
    edge('apple_num', 20, 40, 228, 94, 110, 58) +
    label(20, 24, 'apples bought') +
    edge('apple', 20, 150, 228, 110, 110, 128) +
    label(20, 172, 'apple price') +
    edge('orange', 20, 230, 228, 270, 110, 248) +
    label(20, 222, 'orange price') +
    edge('orange_num', 20, 360, 228, 286, 110, 336) +
    label(20, 382, 'oranges bought') +
    node('mul-apple', 250, 100, '×') +
    node('mul-orange', 250, 280, '×') +
    edge('applePrice', 272, 108, 418, 180) +
    edge('orangePrice', 272, 272, 418, 200) +
    node('add', 440, 190, '+') +
    edge('allPrice', 462, 190, 588, 190) +
    edge('tax', 610, 360, 610, 212, 650, 300) +
    label(590, 382, 'tax') +
    node('mul-tax', 610, 190, '×') +
    edge('price', 632, 190, 750, 190, 700, 190) +
    label(690, 160, 'price') +
    `</svg>`;
  $('values').replaceChildren(
    ...(Object.keys(LABELS) as (keyof typeof fwd)[]).map((k) => {
      const tr = document.createElement('tr');
      tr.innerHTML = `<td>${LABELS[k]}</td><td class="legend-fwd" data-testid="fwd-${k}">${num(fwd[k])}</td><td class="legend-bwd" data-testid="bwd-${k}">${num(bwd[k])}</td>`;
      return tr;
    }),
  );
}

$('inputs').addEventListener('input', render);
button('book').onclick = () => {
  for (const k of INPUTS) input(k).value = String(BOOK[k]);
  render();
};
render();
