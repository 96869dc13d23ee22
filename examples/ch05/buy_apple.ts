// Book ch05/buy_apple.py: forward and backward through two multiply nodes (figure 5-16).
// Run: npx tsx examples/ch05/buy_apple.ts
import { MulLayer } from '../../src/index.js';

const apple = 100;
const appleNum = 2;
const tax = 1.1;

const mulAppleLayer = new MulLayer();
const mulTaxLayer = new MulLayer();

const applePrice = mulAppleLayer.forward(apple, appleNum);
const price = mulTaxLayer.forward(applePrice, tax);

const dprice = 1;
const [dApplePrice, dTax] = mulTaxLayer.backward(dprice);
const [dApple, dAppleNum] = mulAppleLayer.backward(dApplePrice);

console.log('price:', Math.trunc(price));
console.log('dApple:', dApple);
console.log('dApple_num:', Math.trunc(dAppleNum));
console.log('dTax:', dTax);
