// AddLayer (book 5.4.2): z = x + y on plain numbers; the gradient passes through unchanged.

/**
 * The add node of the book's apple-and-orange example (book §5.4.2, ch05/layer_naive.py `AddLayer`):
 * z = x + y on plain numbers; the gradient passes through to both inputs unchanged.
 */
export class AddLayer {
  /** z = x + y. */
  forward(x: number, y: number): number {
    return x + y;
  }

  /** The gradients of x and y, `[dout, dout]`. */
  backward(dout: number): [number, number] {
    return [dout, dout];
  }
}
