"""geometry.warmup: reaches every kernel of the package, and leaves nothing for the public functions to compile."""

from __future__ import annotations

import numpy as np
import pytest

from mathref.geometry import _sph_harm_kernels, _wigner_d_kernels, gaunt_tensor_product, sph_harm_all, wigner_D
from mathref.geometry.warmup import warmup
from mathref.jit import JIT_ENABLED

MODULES = (_sph_harm_kernels, _wigner_d_kernels)


def _kernels():
    """Public kernels (the ones called from Python) of the two kernel modules, by name."""
    return {
        name: getattr(mod, name)
        for mod in MODULES
        for name in mod.__all__
        if hasattr(getattr(mod, name), "py_func")
    }


@pytest.mark.kernel
def test_warmup_names_every_public_kernel():
    names = warmup()
    assert len(names) == len(set(names))
    assert set(names) == set(_kernels())


@pytest.mark.kernel
def test_after_warmup_public_calls_compile_nothing_new():
    warmup()
    if not JIT_ENABLED:
        return
    before = {name: len(k.signatures) for name, k in _kernels().items()}
    assert all(before.values())
    rng = np.random.default_rng(0)
    sph_harm_all(3, rng.normal(size=(4, 3)))
    sph_harm_all(3, rng.uniform(0, 3, size=(2, 2, 2)), basis="complex")
    wigner_D(2, 0.1, 0.2, 0.3)
    x = rng.normal(size=(2, 9))
    for method in ("dense", "fourier", "grid"):
        gaunt_tensor_product(x, x, 2, method=method)
    assert {name: len(k.signatures) for name, k in _kernels().items()} == before
