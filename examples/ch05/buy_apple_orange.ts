// Book ch05/buy_apple_orange.py: apples and oranges through multiply and add nodes
// (figure 5-17). Run: npx tsx examples/ch05/buy_apple_orange.ts
import { AddLayer, MulLayer } from '../../src/index.js';

const [apple, appleNum, orange, orangeNum, tax] = [100, 2, 150, 3, 1.1];

const mulAppleLayer = new MulLayer();
const mulOrangeLayer = new MulLayer();
const addAppleOrangeLayer = new AddLayer();
const mulTaxLayer = new MulLayer();

const applePrice = mulAppleLayer.forward(apple, appleNum);
const orangePrice = mulOrangeLayer.forward(orange, orangeNum);
const allPrice = addAppleOrangeLayer.forward(applePrice, orangePrice);
const price = mulTaxLayer.forward(allPrice, tax);

const [dAllPrice, dTax] = mulTaxLayer.backward(1);
const [dApplePrice, dOrangePrice] = addAppleOrangeLayer.backward(dAllPrice);
const [dOrange, dOrangeNum] = mulOrangeLayer.backward(dOrangePrice);
const [dApple, dAppleNum] = mulAppleLayer.backward(dApplePrice);

console.log('price:', Math.trunc(price));
console.log('dApple:', dApple);
console.log('dApple_num:', Math.trunc(dAppleNum));
console.log('dOrange:', dOrange);
console.log('dOrange_num:', Math.trunc(dOrangeNum));
console.log('dTax:', dTax);
