#!/usr/bin/env python3
"""The book's ch05/train_neuralnet.py job in NumPy, timed, for bench/run.ts to compare with.

Usage: python3 bench/numpy_job.py MNIST_DIR DTYPE ITERS   (thread count from OPENBLAS_NUM_THREADS)
Prints one JSON object. The network and loop are tools/make_train_fixture.py's, the book's code.
"""
import json
import os
import resource
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from blas_info import blas_info, cpu_model  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tools'))
from make_train_fixture import TwoLayerNet, load_mnist  # noqa: E402


def main():
    data_dir, dtype, iters = sys.argv[1], np.dtype(sys.argv[2]).type, int(sys.argv[3])
    (x_train, t_train), (x_test, t_test) = load_mnist(data_dir, dtype)
    np.random.seed(0)
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10, dtype=dtype)
    train_size, batch_size, learning_rate = x_train.shape[0], 100, dtype(0.1)
    iter_per_epoch = max(train_size / batch_size, 1)
    eval_seconds = 0.0
    start = time.perf_counter()
    test_acc = None
    for i in range(iters):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ('W1', 'b1', 'W2', 'b2'):
            network.params[key] -= learning_rate * grad[key]
        network.loss(x_batch, t_batch)
        if i % iter_per_epoch == 0:
            e0 = time.perf_counter()
            network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
            eval_seconds += time.perf_counter() - e0
    wall = time.perf_counter() - start
    print(json.dumps({'bench': 'job', 'impl': 'numpy ' + np.__version__, 'dtype': sys.argv[2],
                      'threads': int(os.environ.get('OPENBLAS_NUM_THREADS', '0') or 0), 'iters': iters,
                      'wallSeconds': wall, 'evalSeconds': eval_seconds, 'itersPerSecond': iters / wall,
                      'testAcc': float(test_acc),
                      'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      'cpu': cpu_model(), 'coretypeEnv': os.environ.get('OPENBLAS_CORETYPE'), **blas_info()}))


if __name__ == '__main__':
    main()
