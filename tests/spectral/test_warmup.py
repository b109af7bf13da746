"""spectral.warmup reaches every Numba kernel of the package."""

from __future__ import annotations

from mathref.jit import JIT_ENABLED
from mathref.spectral import _chebyshev_kernels, _potential_kernels
from mathref.spectral.qsp import _qsp_kernels
from mathref.spectral.warmup import warmup


def test_warmup_touches_every_kernel_once_compiled():
    names = warmup()
    modules = (_chebyshev_kernels, _potential_kernels, _qsp_kernels)
    kernels = {name: getattr(module, name) for module in modules for name in module.__all__}
    assert sorted(names) == sorted(kernels)
    if JIT_ENABLED:
        assert all(kernel.signatures for kernel in kernels.values())
