#!/usr/bin/env python3
"""Golden values for the convolution layers, computed by the book's own algorithm in NumPy.

Recipe: `python3 tools/make_conv_fixtures.py` (numpy >= 1.17; run with 2.x for the committed
file). Writes test/fixtures/conv.json. im2col, col2im, Convolution and Pooling below are the
book's common/util.py and common/layers.py as printed (Saitoh, Deep Learning from Scratch,
7.4), written out here so this recipe does not depend on our code. One deviation, marked:
the book's Pooling computes out_h without `pad` (so any pad > 0 fails in its reshape); here
out_h counts the padding as im2col does. Floats are written with repr(), round-tripping exactly.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'conv.json')


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2*pad - filter_h)//stride + 1
    out_w = (W + 2*pad - filter_w)//stride + 1

    img = np.pad(input_data, [(0,0), (0,0), (pad, pad), (pad, pad)], 'constant')
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))

    for y in range(filter_h):
        y_max = y + stride*out_h
        for x in range(filter_w):
            x_max = x + stride*out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]

    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N*out_h*out_w, -1)
    return col


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2*pad - filter_h)//stride + 1
    out_w = (W + 2*pad - filter_w)//stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)

    img = np.zeros((N, C, H + 2*pad + stride - 1, W + 2*pad + stride - 1))
    for y in range(filter_h):
        y_max = y + stride*out_h
        for x in range(filter_w):
            x_max = x + stride*out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]

    return img[:, :, pad:H + pad, pad:W + pad]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, C, H, W = x.shape
        out_h = 1 + int((H + 2*self.pad - FH) / self.stride)
        out_w = 1 + int((W + 2*self.pad - FW) / self.stride)

        col = im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T

        out = np.dot(col, col_W) + self.b
        out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)

        self.x = x
        self.col = col
        self.col_W = col_W
        return out

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)

        self.db = np.sum(dout, axis=0)
        self.dW = np.dot(self.col.T, dout)
        self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)

        dcol = np.dot(dout, self.col_W.T)
        dx = col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)
        return dx


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        N, C, H, W = x.shape
        # DEVIATION: the book writes int(1 + (H - self.pool_h) / self.stride), without pad
        out_h = int(1 + (H + 2*self.pad - self.pool_h) / self.stride)
        out_w = int(1 + (W + 2*self.pad - self.pool_w) / self.stride)

        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h*self.pool_w)

        arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

        self.x = x
        self.arg_max = arg_max
        return out

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)

        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size))
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (pool_size,))

        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        dx = col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)
        return dx


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
