#!/usr/bin/env python3
"""Golden half-precision roundings for f16round's test, computed by NumPy's float64 → float16 cast.

Recipe: python3 tools/make_float16_fixture.py   (run with numpy 2.4.6 for the committed file)
Writes test/fixtures/float16.json: finite float64 inputs and np.float16(x) as float64, for
exact ties between neighbouring halves (both parities), a float64 step either side of each,
the subnormal and overflow boundaries, and random values over every half exponent. NumPy
rounds once, from the float64 bits, to nearest with ties to even. NaN and ±Infinity cannot be
written in JSON; the test checks them by hand.
"""
import json
import os

import numpy as np


def main():
    rng = np.random.default_rng(16)
    halves = np.arange(0, 0x7C00, dtype=np.uint16).view(np.float16).astype(np.float64)  # every finite half ≥ 0
    picks = np.concatenate([np.arange(0, 20), np.arange(1016, 1032), np.arange(0x3BF8, 0x3C08),
                            np.arange(0x7BE8, 0x7BFF), rng.integers(0, 0x7BFF, 60)])
    lo, hi = halves[picks], halves[picks + 1]
    ties = (lo + hi) / 2  # exact in float64
    xs = [ties, np.nextafter(ties, -np.inf), np.nextafter(ties, np.inf), lo, hi]
    top = np.float64(65504.0)
    xs.append(np.array([65519.99999999999, 65520.0, 65536.0, 1e300, 2.0 ** -24, 2.0 ** -25,
                        np.nextafter(2.0 ** -25, np.inf), 2.0 ** -26, 5e-324, 2.0 ** -14, 1 + 2.0 ** -11,
                        1 + 2.0 ** -11 + 2.0 ** -40, 0.1, 1 / 3, np.pi, top]))
    xs.append(2.0 ** rng.uniform(-27, 16.5, 150))  # magnitudes across every exponent
    x = np.concatenate(xs)  # the test checks −x too: rounding is symmetric
    with np.errstate(over='ignore'):
        y = x.astype(np.float16).astype(np.float64)
    finite = np.isfinite(y)
    out = {'recipe': 'python3 tools/make_float16_fixture.py (numpy %s)' % np.__version__,
           'x': [float(v) for v in x[finite]], 'f16': [float(v) for v in y[finite]],
           'overflow': [float(v) for v in x[~finite]]}
    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'float16.json')
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print('wrote', os.path.relpath(path), len(out['x']), 'values,', len(out['overflow']), 'overflowing')


if __name__ == '__main__':
    main()
