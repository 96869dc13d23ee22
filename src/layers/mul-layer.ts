// MulLayer (book 5.4.1): z = x·y on plain numbers, the apple example's multiply node.

/**
 * The multiply node of the book's apple example (book §5.4.1, ch05/layer_naive.py `MulLayer`):
 * z = x·y on plain numbers.
 *
 * @example
 * ```ts
 * const mulAppleLayer = new MulLayer();
 * const mulTaxLayer = new MulLayer();
 * const applePrice = mulAppleLayer.forward(100, 2);
 * mulTaxLayer.forward(applePrice, 1.1); // 220.00000000000003
 * const [dApplePrice, dTax] = mulTaxLayer.backward(1); // 1.1, 200
 * const [dApple, dAppleNum] = mulAppleLayer.backward(dApplePrice); // 2.2, 110.00000000000001
 * ```
 */
export class MulLayer {
  private x = 0;
  private y = 0;

  /** z = x·y; remembers x and y for `backward`. */
  forward(x: number, y: number): number {
    this.x = x;
    this.y = y;
    return x * y;
  }

  /** The gradients of x and y, as `[dx, dy]`: each is dout times the other input. */
  backward(dout: number): [number, number] {
    return [dout * this.y, dout * this.x];
  }
}
