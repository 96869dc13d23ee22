"""What a Python benchmark really ran on: the CPU model and the BLAS library loaded in this process.

Shared by bench/numpy_convnet.py and bench/torch_convnet.py (which may run under different
interpreters: NumPy's wheel bundles its own OpenBLAS, Debian's torch uses the system's libblas).
"""
import ctypes
import os


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return None


def blas_info():
    """The BLAS in use: threadpoolctl if importable, else OpenBLAS asked through ctypes (call it after a product)."""
    try:
        from threadpoolctl import threadpool_info
        blas = [i for i in threadpool_info() if i.get('user_api') == 'blas']
        if blas:
            return {'blas': blas[0].get('internal_api'), 'blasCore': blas[0].get('architecture'),
                    'blasThreads': blas[0].get('num_threads'), 'blasVersion': blas[0].get('version'),
                    'via': 'threadpoolctl'}
    except ImportError:
        pass
    # NumPy's wheel bundles scipy-openblas (symbols prefixed scipy_openblas_ and suffixed 64_);
    # a distribution's NumPy links libopenblas (openblas_get_corename)
    for path in _mapped('openblas') + _mapped('libblas'):
        lib = ctypes.CDLL(path)
        for prefix, suffix in (('scipy_openblas_', '64_'), ('openblas_', ''), ('openblas_', '64_')):
            core = getattr(lib, prefix + 'get_corename' + suffix, None)
            threads = getattr(lib, prefix + 'get_num_threads' + suffix, None)
            if core is None or threads is None:
                continue
            core.restype = ctypes.c_char_p
            return {'blas': 'openblas', 'blasCore': core().decode(), 'blasThreads': threads(),
                    'blasLib': os.path.basename(path), 'via': 'ctypes'}
    # not OpenBLAS (or not loaded yet): name the libraries, NumPy's own description if it has one
    names = [os.path.basename(p) for p in _mapped('blas')]
    try:
        import numpy as np
        config = np.show_config(mode='dicts') if np.lib.NumpyVersion(np.__version__) >= '1.25.0' else None
    except ImportError:
        config = None
    return {'blas': names[0] if names else None, 'blasLibs': names, 'blasConfig': config, 'via': 'numpy.show_config'}


def _mapped(word):
    with open('/proc/self/maps') as f:
        return sorted({line.split()[-1] for line in f if word in line.lower() and '/' in line})
