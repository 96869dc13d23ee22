#!/usr/bin/env python3
"""Golden fixtures for scratchnet's tests, computed with NumPy.

Recipe: `python3 tools/make_fixtures.py` (numpy >= 1.17; run with 2.4.6 for the committed
files). Writes small JSON files into test/fixtures/. The tests never run Python; they
read these files. Floats are written with repr(), so they round-trip exactly.
"""
import json
import os

import numpy as np

# the book's common/optimizer.py and common/util.py, as printed
from book_common import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop, col2im, im2col

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures')


def dump(name, obj):
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
    print('wrote', os.path.relpath(path), os.path.getsize(path), 'bytes')


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def random_fixture():
    cases = {}
    np.random.seed(42)
    cases['seed42_randn2000'] = floats(np.random.randn(2000))
    np.random.seed(3)
    cases['seed3_rand1000'] = floats(np.random.rand(1000))
    np.random.seed(5)
    cases['seed5_uniform_m3_2_200'] = floats(np.random.uniform(-3, 2, 200))
    np.random.seed(11)
    cases['seed11_randint_m5_1000_300'] = [int(v) for v in np.random.randint(-5, 1000, 300)]
    np.random.seed(12)
    cases['seed12_choice_70000_500'] = [int(v) for v in np.random.choice(70000, 500)]
    np.random.seed(13)
    cases['seed13_permutation_1000'] = [int(v) for v in np.random.permutation(1000)]
    np.random.seed(14)
    cases['seed14_choice_noreplace_100_20'] = [int(v) for v in np.random.choice(100, 20, replace=False)]
    # a mixed stream: draws of several kinds from one state, in order
    np.random.seed(2024)
    mixed = floats(np.random.randn(3)) + floats(np.random.rand(2)) + floats(np.random.randn(5))
    mixed += [float(v) for v in np.random.choice(10, 4)] + floats(np.random.randn(1))
    cases['seed2024_mixed'] = mixed
    np.random.seed(1234)
    w = 0.01 * np.random.randn(784, 50)
    cases['seed1234_w784x50_sum'] = float(w.sum())
    cases['seed1234_w784x50_first100'] = floats(w.ravel()[:100])
    dump('random.json', cases)


def broadcast_fixture():
    rng = np.random.RandomState(99)
    ops = {
        'add': np.add, 'sub': np.subtract, 'mul': np.multiply, 'div': np.divide,
        'maximum': np.maximum, 'minimum': np.minimum, 'pow': np.power,
        'greater': np.greater, 'lessEqual': np.less_equal,
    }
    cases = []
    for i in range(60):
        nd = rng.randint(0, 5)
        out_shape = [int(rng.randint(1, 5)) for _ in range(nd)]

        def operand_shape():
            k = rng.randint(0, nd + 1)
            shape = out_shape[nd - k:]
            return [1 if rng.rand() < 0.4 else d for d in shape]

        sa, sb = operand_shape(), operand_shape()
        name = list(ops)[i % len(ops)]
        a = rng.randn(*sa)
        b = rng.randn(*sb)
        if name == 'pow':
            a = np.abs(a) + 0.1
        r = ops[name](a, b).astype(np.float64)
        cases.append({'op': name, 'a': floats(a), 'aShape': sa, 'b': floats(b), 'bShape': sb,
                      'out': floats(r), 'outShape': list(r.shape)})
    dump('broadcast.json', cases)


def reduction_fixture():
    rng = np.random.RandomState(7)
    cases = []
    for i in range(40):
        nd = rng.randint(1, 5)
        shape = [int(rng.randint(1, 6)) for _ in range(nd)]
        x = rng.randn(*shape)
        if i % 5 == 0:
            x = np.round(x)  # ties, to test first-occurrence argmax
        axis = int(rng.randint(-nd, nd))
        keepdims = bool(i % 2)
        op = ['sum', 'mean', 'max', 'min', 'argmax'][i % 5]
        f = {'sum': np.sum, 'mean': np.mean, 'max': np.max, 'min': np.min}.get(op)
        if op == 'argmax':
            r = np.argmax(x, axis=axis)
            if keepdims:
                r = np.expand_dims(r, axis)
        else:
            r = f(x, axis=axis, keepdims=keepdims)
        whole = float(np.argmax(x)) if op == 'argmax' else float(f(x))
        cases.append({'op': op, 'x': floats(x), 'shape': shape, 'axis': axis, 'keepdims': keepdims,
                      'out': floats(r), 'outShape': list(np.shape(r)), 'all': whole})
    # long contiguous sums exercise NumPy's pairwise summation
    for n in [7, 8, 9, 100, 128, 129, 1000, 4099]:
        x = rng.randn(n) * 10 ** rng.randint(-3, 4)
        cases.append({'op': 'sum', 'x': floats(x), 'shape': [n], 'axis': 0, 'keepdims': False,
                      'out': [float(np.sum(x))], 'outShape': [], 'all': float(np.sum(x))})
    dump('reduction.json', cases)


def dot_fixture():
    rng = np.random.RandomState(5)
    cases = []
    for sa, sb in [([3], [3]), ([2, 3], [3]), ([3], [3, 4]), ([2, 3], [3, 4]), ([1, 1], [1, 1]),
                   ([5, 7], [7, 1]), ([17, 9], [9, 13])]:
        a, b = rng.randn(*sa), rng.randn(*sb)
        r = np.dot(a, b)
        cases.append({'a': floats(a), 'aShape': sa, 'b': floats(b), 'bShape': sb,
                      'out': floats(r), 'outShape': list(np.shape(r))})
    dump('dot.json', cases)


def optimizer_fixture():
    """30 steps on the book's f(x, y) = x²/20 + y² from (−7, 2), and 5 steps of the
    quadratic ½·Σ A⊙W² on a 2×3 matrix, for every optimizer."""
    makers = {
        'sgd': (SGD, 0.95), 'momentum': (Momentum, 0.1), 'nesterov': (Nesterov, 0.1),
        'adagrad': (AdaGrad, 1.5), 'rmsprop': (RMSprop, 0.1), 'adam': (Adam, 0.3),
    }
    rng = np.random.RandomState(21)
    A = rng.rand(2, 3) + 0.5
    W0 = rng.randn(2, 3)
    out = {'A': floats(A), 'W0': floats(W0)}
    for name, (cls, lr) in makers.items():
        opt = cls(lr=lr)
        params = {'x': np.array([-7.0]), 'y': np.array([2.0])}
        path = []
        for _ in range(30):
            path.append([float(params['x'][0]), float(params['y'][0])])
            grads = {'x': params['x'] / 10.0, 'y': 2.0 * params['y']}
            opt.update(params, grads)
        path.append([float(params['x'][0]), float(params['y'][0])])
        default = cls()
        W = {'W': W0.copy()}
        for _ in range(5):
            default.update(W, {'W': A * W['W']})
        out[name] = {'lr': lr, 'path': path, 'W5_default': floats(W['W'])}
    dump('optimizers.json', out)


def im2col_fixture():
    """im2col and col2im of random inputs over a few geometries (stride, padding, uneven sizes)."""
    rng = np.random.RandomState(5)
    cases = []
    for shape, fh, fw, stride, pad in [
        ((1, 3, 6, 7), 3, 3, 1, 0),
        ((2, 2, 7, 7), 3, 3, 2, 1),
        ((1, 2, 5, 6), 2, 3, 1, 2),
        ((1, 1, 12, 12), 5, 5, 1, 0),
        ((1, 4, 6, 5), 4, 2, 3, 1),
    ]:
        x = rng.randn(*shape)
        col = im2col(x, fh, fw, stride, pad)
        dcol = rng.randn(*col.shape)
        back = col2im(dcol, shape, fh, fw, stride, pad)
        cases.append({'shape': list(shape), 'fh': fh, 'fw': fw, 'stride': stride, 'pad': pad,
                      'x': floats(x), 'colShape': list(col.shape), 'col': floats(col),
                      'dcol': floats(dcol), 'back': floats(back)})
    dump('im2col.json', cases)


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    random_fixture()
    broadcast_fixture()
    reduction_fixture()
    dot_fixture()
    optimizer_fixture()
    im2col_fixture()
