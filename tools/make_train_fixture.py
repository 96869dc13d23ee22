#!/usr/bin/env python3
"""Fidelity fixture: the book's ch05/train_neuralnet.py in NumPy (float64), seeded.

Recipe: python3 tools/make_train_fixture.py [MNIST_DIR]   (default ../shared/datasets/mnist)
Writes test/fixtures/train_losses.json: the loss after each of the first ITERS iterations
and the test accuracy at the end, for np.random.seed(SEED). The network and loop below
follow the book's common/layers.py, ch05/two_layer_net.py and ch05/train_neuralnet.py
line for line, and load the pixels as the book's dataset/mnist.py does (float32 quotients,
widened by the float64 network; one-hot labels).
"""
import gzip
import json
import os
import sys
from collections import OrderedDict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from book_common import Affine, Relu, SoftmaxWithLoss  # noqa: E402  (the book's common/layers.py)

SEED = 0
ITERS = 300


def _load(path, offset):
    # the book's dataset/mnist.py _load_label / _load_img
    with gzip.open(path, 'rb') as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def _change_one_hot_label(X):
    T = np.zeros((X.size, 10))
    for idx, row in enumerate(T):
        row[X[idx]] = 1
    return T


def load_mnist(d, dtype=None):
    """The book's load_mnist(normalize=True, one_hot_label=True) as printed: the pixels become
    float32 and are divided by 255 in float32; the float64 network below then widens them.
    With `dtype` (the benchmarks, bench/numpy_job.py), images and labels are then cast to it, so
    the timed work runs in that dtype (for float64, the widening the network would do anyway)."""
    dataset = {
        'train_img': _load(os.path.join(d, 'train-images-idx3-ubyte.gz'), 16).reshape(-1, 784),
        'train_label': _load(os.path.join(d, 'train-labels-idx1-ubyte.gz'), 8),
        'test_img': _load(os.path.join(d, 't10k-images-idx3-ubyte.gz'), 16).reshape(-1, 784),
        'test_label': _load(os.path.join(d, 't10k-labels-idx1-ubyte.gz'), 8),
    }
    for key in ('train_img', 'test_img'):
        dataset[key] = dataset[key].astype(np.float32)
        dataset[key] /= 255.0
    dataset['train_label'] = _change_one_hot_label(dataset['train_label'])
    dataset['test_label'] = _change_one_hot_label(dataset['test_label'])
    if dtype is not None:
        for key in dataset:
            dataset[key] = dataset[key].astype(dtype, copy=False)
    return (dataset['train_img'], dataset['train_label']), (dataset['test_img'], dataset['test_label'])


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, dtype=np.float64):
        self.params = {
            'W1': (weight_init_std * np.random.randn(input_size, hidden_size)).astype(dtype),
            'b1': np.zeros(hidden_size, dtype),
            'W2': (weight_init_std * np.random.randn(hidden_size, output_size)).astype(dtype),
            'b2': np.zeros(output_size, dtype),
        }
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
                'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'datasets', 'mnist')
    (x_train, t_train), (x_test, t_test) = load_mnist(d)
    np.random.seed(SEED)
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    train_size, batch_size, learning_rate = x_train.shape[0], 100, 0.1
    losses = []
    for i in range(ITERS):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ('W1', 'b1', 'W2', 'b2'):
            network.params[key] -= learning_rate * grad[key]
        losses.append(float(network.loss(x_batch, t_batch)))
    out = {
        'recipe': 'python3 tools/make_train_fixture.py (numpy %s)' % np.__version__,
        'seed': SEED, 'iters': ITERS, 'batchSize': batch_size, 'lr': learning_rate, 'hiddenSize': 50,
        'losses': losses,
        'testAcc': float(network.accuracy(x_test, t_test)),
        'W1sum': float(network.params['W1'].sum()),
    }
    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'train_losses.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
    print('wrote', os.path.relpath(path), 'first losses', losses[:3], 'test acc', out['testAcc'])


if __name__ == '__main__':
    main()
