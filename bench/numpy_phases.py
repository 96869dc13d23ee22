#!/usr/bin/env python3
"""bench/phases.ts's phases of one training iteration, timed in NumPy (the book's network).

Usage: python3 bench/numpy_phases.py MNIST_DIR [DTYPE]   (threads from OPENBLAS_NUM_THREADS)
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tools'))
from make_train_fixture import TwoLayerNet, load_mnist  # noqa: E402


def main():
    dtype = np.dtype(sys.argv[2] if len(sys.argv) > 2 else 'float32').type
    (x_train, t_train), _ = load_mnist(sys.argv[1], dtype)
    np.random.seed(0)
    net = TwoLayerNet(784, 50, 10, dtype=dtype)
    totals = {'gather': 0.0, 'gradient': 0.0, 'update': 0.0, 'loss': 0.0}
    warmup, iters = 500, 3000
    for i in range(iters):
        t0 = time.perf_counter()
        mask = np.random.choice(60000, 100)
        x, t = x_train[mask], t_train[mask]
        t1 = time.perf_counter()
        grads = net.gradient(x, t)
        t2 = time.perf_counter()
        for key in ('W1', 'b1', 'W2', 'b2'):
            net.params[key] -= dtype(0.1) * grads[key]
        t3 = time.perf_counter()
        net.loss(x, t)
        t4 = time.perf_counter()
        if i >= warmup:
            for key, dt in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                totals[key] += dt
    print(json.dumps({'bench': 'phases', 'impl': 'numpy ' + np.__version__, 'dtype': np.dtype(dtype).name,
                      'threads': int(os.environ.get('OPENBLAS_NUM_THREADS', '0') or 0),
                      'microsecondsPerIteration': {k: round(v / (iters - warmup) * 1e6) for k, v in totals.items()}}))


if __name__ == '__main__':
    main()
