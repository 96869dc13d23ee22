#!/usr/bin/env python3
"""One training step of the book's SimpleConvNet or DeepConvNet in PyTorch (CPU), timed, for bench/run.ts.

Usage: python3 bench/torch_convnet.py MNIST_DIR simple|deep float32|float64 THREADS [STEPS] [WARMUP]
       (any python3 that imports torch; bench/run.ts looks for one, Debian's python3-torch lives in
       /usr/bin/python3; its BLAS is the system's libblas.so.3: install libopenblas0-pthread, or
       torch's Linear layers and float64 convolutions run on the reference BLAS)
Prints one JSON line: the median milliseconds of STEPS steps after WARMUP with torch.set_num_threads(THREADS).

The nets are the book's (ch07/simple_convnet.py, ch08/deep_convnet.py) as torch modules: the same
layers, shapes, He-style scales and Dropout(0.5) after both Affines. The step is the book's
Trainer.train_step: a batch of 100 drawn with replacement, forward + backward, Adam (lr 0.001, the
book's 1e-7), and the loss once more on the batch after the update (in training mode, as the book's
network.loss). Two differences in work, both in PyTorch's favour and both counted in
bench/conv-flops.ts: autograd computes no gradient for the input image (the book's first
Convolution computes dx and throws it away), and torch's Dropout scales during training instead of
at test time (same cost).
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
from blas_info import blas_info, cpu_model  # noqa: E402


def simple_convnet():
    # conv - relu - pool - affine - relu - affine (ch07/simple_convnet.py defaults)
    return nn.Sequential(
        nn.Conv2d(1, 30, 5, stride=1, padding=0), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(30 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, 10))


def deep_convnet():
    # ch08/deep_convnet.py: six 3×3 convolutions (16, 16, 32, 32, 64, 64; conv 4 pads by 2),
    # a pool after every second, affine 1024-50, dropout, affine 50-10, dropout
    layers = []
    pre = 1
    for i, (fn, pad) in enumerate([(16, 1), (16, 1), (32, 1), (32, 2), (64, 1), (64, 1)]):
        layers += [nn.Conv2d(pre, fn, 3, stride=1, padding=pad), nn.ReLU()]
        if i % 2 == 1:
            layers.append(nn.MaxPool2d(2, 2))
        pre = fn
    layers += [nn.Flatten(), nn.Linear(64 * 4 * 4, 50), nn.ReLU(), nn.Dropout(0.5), nn.Linear(50, 10),
               nn.Dropout(0.5)]
    return nn.Sequential(*layers)


def init_like_the_book(model, net_name):
    """W = scale · randn, b = 0: 0.01 for SimpleConvNet, sqrt(2 / fan-in) for DeepConvNet."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            scale = 0.01 if net_name == 'simple' else (2.0 / fan_in) ** 0.5
            with torch.no_grad():
                m.weight.normal_(0.0, scale)
                m.bias.zero_()


def main():
    data_dir, net_name, dtype_name, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    steps = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    dtype = getattr(torch, dtype_name)
    with gzip.open(os.path.join(data_dir, 'train-images-idx3-ubyte.gz'), 'rb') as f:
        x_np = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(os.path.join(data_dir, 'train-labels-idx1-ubyte.gz'), 'rb') as f:
        t_np = np.frombuffer(f.read(), np.uint8, offset=8)
    x_train = torch.from_numpy(x_np.copy()).to(dtype) / 255.0
    t_train = torch.from_numpy(t_np.astype(np.int64))
    model = (simple_convnet() if net_name == 'simple' else deep_convnet()).to(dtype)
    init_like_the_book(model, net_name)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, mean over the batch
    train_size, batch_size = x_train.shape[0], 100

    def train_step():
        batch_mask = torch.randint(train_size, (batch_size,))
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(x_batch), t_batch).backward()
        optimizer.step()
        with torch.no_grad():
            return float(loss_fn(model(x_batch), t_batch))

    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        loss = train_step()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    assert np.isfinite(loss)
    print(json.dumps({'bench': 'conv-step', 'impl': 'pytorch ' + torch.__version__, 'net': net_name,
                      'dtype': dtype_name, 'threads': torch.get_num_threads(), 'steps': steps,
                      'warmup': warmup, 'msPerStep': float(np.median(times)),
                      'msAll': [round(t, 2) for t in times], 'loss': loss,
                      'mkldnn': torch.backends.mkldnn.is_available(), 'cpu': cpu_model(),
                      'coretypeEnv': os.environ.get('OPENBLAS_CORETYPE'), **blas_info()}), flush=True)


if __name__ == '__main__':
    main()
