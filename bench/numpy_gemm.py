#!/usr/bin/env python3
"""GEMM GFLOP/s through NumPy (OpenBLAS) on bench/gemm.ts's shapes, for bench/run.ts.

Usage: python3 bench/numpy_gemm.py REPS   (thread count from OPENBLAS_NUM_THREADS)
Prints one JSON object per shape and dtype. NumPy's large squares are this machine's
practical float32 peak, measured in the same run as scratchnet's kernels. Products go into a
preallocated output (out=), as bench/gemm.ts's do.
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from blas_info import blas_info  # noqa: E402

CASES = [  # name, m, k, n, transA, zeros
    ('affine1 forward x·W1', 100, 784, 50, False, 0.0),
    ('affine1 forward x·W1 (80% zeros)', 100, 784, 50, False, 0.8),
    ('affine1 dW1 = xᵀ·dout (80% zeros)', 784, 100, 50, True, 0.8),
    ('affine2 forward h·W2', 100, 50, 10, False, 0.0),
    ('evaluation X·W1 (80% zeros)', 10000, 784, 50, False, 0.8),
    ('square 512', 512, 512, 512, False, 0.0),
    ('square 1024', 1024, 1024, 1024, False, 0.0),
]


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rng = np.random.default_rng(0)
    threads = int(os.environ.get('OPENBLAS_NUM_THREADS', '0') or 0)
    for name, m, k, n, trans_a, zeros in CASES:
        for dtype in ('float32', 'float64'):
            a = rng.random((k, m) if trans_a else (m, k)).astype(dtype)
            a[a < zeros] = 0
            b = rng.random((k, n)).astype(dtype)
            c = np.empty((m, n), dtype)
            op = (lambda: np.matmul(a.T, b, out=c)) if trans_a else (lambda: np.matmul(a, b, out=c))
            flop = 2 * m * n * k
            inner = max(1, round(2e8 / flop))
            op()
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                for _ in range(inner):
                    op()
                times.append((time.perf_counter() - t0) / inner)
            s = sorted(times)[len(times) // 2]
            print(json.dumps({'bench': 'gemm', 'case': name, 'm': m, 'k': k, 'n': n, 'dtype': dtype,
                              'backend': 'numpy ' + np.__version__, 'threads': threads,
                              'seconds': s, 'gflops': flop / s / 1e9,
                              'coretypeEnv': os.environ.get('OPENBLAS_CORETYPE'), **blas_info()}), flush=True)


if __name__ == '__main__':
    main()
