#!/usr/bin/env python3
"""Golden values for the convolution layers, computed by the book's own algorithm in NumPy.

Recipe: `python3 tools/make_conv_fixtures.py` (numpy >= 1.17; run with 2.x for the committed
file). Writes test/fixtures/conv.json. Convolution and Pooling (with im2col and col2im) are the
book's common/layers.py and common/util.py as printed (Saitoh, Deep Learning from Scratch,
7.4), re-typed in tools/book_common.py so this recipe does not depend on our code. One
deviation, marked there: the book's Pooling computes out_h without `pad` (so any pad > 0 fails
in its reshape); there out_h counts the padding as im2col does. Floats are written with repr(), round-tripping exactly.
"""
import json
import os

import numpy as np

from book_common import Convolution, Pooling

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'conv.json')


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def main():
    rng = np.random.RandomState(7)
    conv = []
    # (x shape, W shape, stride, pad): stride and pad off their defaults, odd sizes, channels
    for x_shape, w_shape, stride, pad in [
        ((2, 3, 7, 6), (4, 3, 3, 3), 2, 1),
        ((1, 2, 9, 8), (5, 2, 3, 2), 1, 2),
        ((3, 1, 5, 5), (2, 1, 5, 5), 1, 0),
        ((2, 4, 8, 7), (3, 4, 4, 3), 3, 2),
        ((2, 1, 10, 10), (10, 1, 3, 3), 1, 0),
    ]:
        x = rng.randn(*x_shape)
        W = rng.randn(*w_shape)
        b = rng.randn(w_shape[0])
        layer = Convolution(W, b, stride, pad)
        out = layer.forward(x)
        dout = rng.randn(*out.shape)
        dx = layer.backward(dout)
        conv.append({'xShape': list(x_shape), 'WShape': list(w_shape), 'stride': stride, 'pad': pad,
                     'x': floats(x), 'W': floats(W), 'b': floats(b), 'outShape': list(out.shape),
                     'out': floats(out), 'dout': floats(dout), 'dx': floats(dx),
                     'dW': floats(layer.dW), 'db': floats(layer.db)})
    pool = []
    # (x shape, pool_h, pool_w, stride, pad, integer-valued input for ties)
    for x_shape, ph, pw, stride, pad, ties in [
        ((2, 3, 6, 6), 2, 2, 2, 0, False),
        ((2, 3, 7, 6), 3, 2, 2, 0, False),
        ((1, 2, 7, 7), 3, 3, 1, 0, False),
        ((2, 2, 5, 7), 2, 3, 1, 0, True),
        ((1, 3, 5, 5), 2, 2, 2, 1, False),
        ((2, 1, 6, 5), 3, 3, 2, 1, True),
    ]:
        x = rng.randint(-2, 3, size=x_shape).astype(np.float64) if ties else rng.randn(*x_shape)
        layer = Pooling(ph, pw, stride, pad)
        out = layer.forward(x)
        dout = rng.randn(*out.shape)
        dx = layer.backward(dout)
        pool.append({'xShape': list(x_shape), 'poolH': ph, 'poolW': pw, 'stride': stride, 'pad': pad,
                     'x': floats(x), 'outShape': list(out.shape), 'out': floats(out),
                     'dout': floats(dout), 'dx': floats(dx)})
    with open(OUT, 'w') as f:
        json.dump({'numpy': np.__version__, 'convolution': conv, 'pooling': pool}, f,
                  separators=(',', ':'))
    print('wrote', os.path.relpath(OUT), os.path.getsize(OUT), 'bytes')


if __name__ == '__main__':
    main()
