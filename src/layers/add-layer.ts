// AddLayer (book 5.4.2): z = x + y on plain numbers; the gradient passes through unchanged.

export class AddLayer {
  forward(x: number, y: number): number {
    return x + y;
  }

  backward(dout: number): [number, number] {
    return [dout, dout];
  }
}
