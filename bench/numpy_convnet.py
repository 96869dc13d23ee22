#!/usr/bin/env python3
"""One training step of the book's SimpleConvNet or DeepConvNet in NumPy, timed, for bench/run.ts.

Usage: python3 bench/numpy_convnet.py MNIST_DIR simple|deep float32|float64 [STEPS] [WARMUP]
       (thread count from OPENBLAS_NUM_THREADS; bench/run.ts runs it with OPENBLAS_CORETYPE and
       OPENBLAS_L2_SIZE unset, so OpenBLAS picks its kernel for this CPU itself)
Prints one JSON line: the median milliseconds of STEPS steps after WARMUP, the OpenBLAS kernel
and thread count actually in use, and the CPU model.

The step is the book's common/trainer.py Trainer.train_step without its printing and evaluation:
np.random.choice a batch of 100, network.gradient, Adam.update (lr 0.001), network.loss.
The layers and Adam are the book's common/ code from tools/book_common.py; the nets below are
ch07/simple_convnet.py and ch08/deep_convnet.py re-typed, with one change so that float32 stays
float32: the initial parameters take the input's dtype (book_common's np.zeros do too).
"""
import gzip
import json
import os
import sys
import time
from collections import OrderedDict

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from blas_info import blas_info, cpu_model  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tools'))
from book_common import Adam, Affine, Convolution, Dropout, Pooling, Relu, SoftmaxWithLoss  # noqa: E402


# ---- ch07/simple_convnet.py ----
class SimpleConvNet:
    def __init__(self, input_dim=(1, 28, 28),
                 conv_param={'filter_num': 30, 'filter_size': 5, 'pad': 0, 'stride': 1},
                 hidden_size=100, output_size=10, weight_init_std=0.01, dtype=np.float64):
        filter_num = conv_param['filter_num']
        filter_size = conv_param['filter_size']
        filter_pad = conv_param['pad']
        filter_stride = conv_param['stride']
        input_size = input_dim[1]
        conv_output_size = (input_size - filter_size + 2*filter_pad) / filter_stride + 1
        pool_output_size = int(filter_num * (conv_output_size/2) * (conv_output_size/2))

        self.params = {}
        self.params['W1'] = (weight_init_std *
                             np.random.randn(filter_num, input_dim[0], filter_size, filter_size)).astype(dtype)
        self.params['b1'] = np.zeros(filter_num, dtype)
        self.params['W2'] = (weight_init_std * np.random.randn(pool_output_size, hidden_size)).astype(dtype)
        self.params['b2'] = np.zeros(hidden_size, dtype)
        self.params['W3'] = (weight_init_std * np.random.randn(hidden_size, output_size)).astype(dtype)
        self.params['b3'] = np.zeros(output_size, dtype)

        self.layers = OrderedDict()
        self.layers['Conv1'] = Convolution(self.params['W1'], self.params['b1'],
                                           conv_param['stride'], conv_param['pad'])
        self.layers['Relu1'] = Relu()
        self.layers['Pool1'] = Pooling(pool_h=2, pool_w=2, stride=2)
        self.layers['Affine1'] = Affine(self.params['W2'], self.params['b2'])
        self.layers['Relu2'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W3'], self.params['b3'])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x)
        return self.last_layer.forward(y, t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = 1
        dout = self.last_layer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        grads = {}
        grads['W1'], grads['b1'] = self.layers['Conv1'].dW, self.layers['Conv1'].db
        grads['W2'], grads['b2'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
        grads['W3'], grads['b3'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
        return grads


# ---- ch08/deep_convnet.py ----
class DeepConvNet:
    def __init__(self, input_dim=(1, 28, 28),
                 conv_param_1={'filter_num': 16, 'filter_size': 3, 'pad': 1, 'stride': 1},
                 conv_param_2={'filter_num': 16, 'filter_size': 3, 'pad': 1, 'stride': 1},
                 conv_param_3={'filter_num': 32, 'filter_size': 3, 'pad': 1, 'stride': 1},
                 conv_param_4={'filter_num': 32, 'filter_size': 3, 'pad': 2, 'stride': 1},
                 conv_param_5={'filter_num': 64, 'filter_size': 3, 'pad': 1, 'stride': 1},
                 conv_param_6={'filter_num': 64, 'filter_size': 3, 'pad': 1, 'stride': 1},
                 hidden_size=50, output_size=10, dtype=np.float64):
        pre_node_nums = np.array([1*3*3, 16*3*3, 16*3*3, 32*3*3, 32*3*3, 64*3*3, 64*4*4, hidden_size])
        wight_init_scales = np.sqrt(2.0 / pre_node_nums)

        self.params = {}
        pre_channel_num = input_dim[0]
        for idx, conv_param in enumerate([conv_param_1, conv_param_2, conv_param_3,
                                          conv_param_4, conv_param_5, conv_param_6]):
            self.params['W' + str(idx+1)] = (wight_init_scales[idx] * np.random.randn(
                conv_param['filter_num'], pre_channel_num,
                conv_param['filter_size'], conv_param['filter_size'])).astype(dtype)
            self.params['b' + str(idx+1)] = np.zeros(conv_param['filter_num'], dtype)
            pre_channel_num = conv_param['filter_num']
        self.params['W7'] = (wight_init_scales[6] * np.random.randn(64*4*4, hidden_size)).astype(dtype)
        self.params['b7'] = np.zeros(hidden_size, dtype)
        self.params['W8'] = (wight_init_scales[7] * np.random.randn(hidden_size, output_size)).astype(dtype)
        self.params['b8'] = np.zeros(output_size, dtype)

        self.layers = []
        self.layers.append(Convolution(self.params['W1'], self.params['b1'],
                           conv_param_1['stride'], conv_param_1['pad']))
        self.layers.append(Relu())
        self.layers.append(Convolution(self.params['W2'], self.params['b2'],
                           conv_param_2['stride'], conv_param_2['pad']))
        self.layers.append(Relu())
        self.layers.append(Pooling(pool_h=2, pool_w=2, stride=2))
        self.layers.append(Convolution(self.params['W3'], self.params['b3'],
                           conv_param_3['stride'], conv_param_3['pad']))
        self.layers.append(Relu())
        self.layers.append(Convolution(self.params['W4'], self.params['b4'],
                           conv_param_4['stride'], conv_param_4['pad']))
        self.layers.append(Relu())
        self.layers.append(Pooling(pool_h=2, pool_w=2, stride=2))
        self.layers.append(Convolution(self.params['W5'], self.params['b5'],
                           conv_param_5['stride'], conv_param_5['pad']))
        self.layers.append(Relu())
        self.layers.append(Convolution(self.params['W6'], self.params['b6'],
                           conv_param_6['stride'], conv_param_6['pad']))
        self.layers.append(Relu())
        self.layers.append(Pooling(pool_h=2, pool_w=2, stride=2))
        self.layers.append(Affine(self.params['W7'], self.params['b7']))
        self.layers.append(Relu())
        self.layers.append(Dropout(0.5))
        self.layers.append(Affine(self.params['W8'], self.params['b8']))
        self.layers.append(Dropout(0.5))
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x, train_flg=False):
        for layer in self.layers:
            if isinstance(layer, Dropout):
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x, train_flg=True)
        return self.last_layer.forward(y, t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = 1
        dout = self.last_layer.backward(dout)
        tmp_layers = self.layers.copy()
        tmp_layers.reverse()
        for layer in tmp_layers:
            dout = layer.backward(dout)
        grads = {}
        for i, layer_idx in enumerate((0, 2, 5, 7, 10, 12, 15, 18)):
            grads['W' + str(i+1)] = self.layers[layer_idx].dW
            grads['b' + str(i+1)] = self.layers[layer_idx].db
        return grads


# ---- the harness (not the book's) ----
def load_mnist(d, dtype):
    """The book's load_mnist(normalize=True, flatten=False, one_hot_label=False), training set only."""
    with gzip.open(os.path.join(d, 'train-images-idx3-ubyte.gz'), 'rb') as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(dtype) / dtype(255.0)
    with gzip.open(os.path.join(d, 'train-labels-idx1-ubyte.gz'), 'rb') as f:
        t = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return x, t


def main():
    data_dir, net_name, dtype_name = sys.argv[1], sys.argv[2], sys.argv[3]
    steps = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    dtype = np.dtype(dtype_name).type
    x_train, t_train = load_mnist(data_dir, dtype)
    np.random.seed(0)
    network = SimpleConvNet(dtype=dtype) if net_name == 'simple' else DeepConvNet(dtype=dtype)
    optimizer = Adam(lr=0.001)
    train_size, batch_size = x_train.shape[0], 100

    def train_step():
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]
        grads = network.gradient(x_batch, t_batch)
        optimizer.update(network.params, grads)
        return network.loss(x_batch, t_batch)

    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        loss = train_step()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    assert network.params['W1'].dtype == dtype and np.isfinite(loss), (network.params['W1'].dtype, loss)
    print(json.dumps({'bench': 'conv-step', 'impl': 'numpy ' + np.__version__, 'net': net_name,
                      'dtype': dtype_name, 'threads': int(os.environ.get('OPENBLAS_NUM_THREADS', '0') or 0),
                      'steps': steps, 'warmup': warmup, 'msPerStep': float(np.median(times)),
                      'msAll': [round(t, 2) for t in times], 'loss': float(loss),
                      'cpu': cpu_model(), 'coretypeEnv': os.environ.get('OPENBLAS_CORETYPE'),
                      **blas_info()}), flush=True)


if __name__ == '__main__':
    main()
