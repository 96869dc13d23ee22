// MulLayer (book 5.4.1): z = x·y on plain numbers, the apple example's multiply node.

export class MulLayer {
  private x = 0;
  private y = 0;

  forward(x: number, y: number): number {
    this.x = x;
    this.y = y;
    return x * y;
  }

  /** [dx, dy]: each input's gradient is dout times the other input. */
  backward(dout: number): [number, number] {
    return [dout * this.y, dout * this.x];
  }
}
