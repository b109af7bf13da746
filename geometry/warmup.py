"""Compile (or load from the Numba cache) every Numba kernel of ``mathref.geometry`` once.

:func:`warmup` is registered in the ``mathref.warmup`` entry-point group, so
``mathref warmup`` and the test session run it before any real call needs a
kernel.  Two kernel modules: the Legendre / spherical-harmonic kernels
(:mod:`~mathref.geometry._sph_harm_kernels`) and the Wigner small-d kernels
(:mod:`~mathref.geometry._wigner_d_kernels`).  Each kernel is reached with the
smallest input through the public function that calls it (with the small-call
twins switched off), or, where that
function caches its result (so a second warm-up would skip the kernel), called
directly with the argument types the function passes.  The kernels' private
helpers compile with the kernels that call them.
"""

from __future__ import annotations

import numpy as np

from mathref.dispatch import compiled_kernels

from . import _sph_harm_kernels, _wigner_d_kernels
from .sph_harm import legendre_table, real_sph_harm, sph_harm_all
from .spin_weighted import spin_weighted_sph_harm_all
from .wigner_d import wigner_D, wigner_D_all, wigner_small_d

__all__ = ["warmup"]


def _sph_harm_warmup() -> list[str]:
    """Kernels of the associated Legendre functions and spherical harmonics."""
    real_sph_harm(1, 1, 0.5, 0.25)  # normalized_legendre_column_points
    sph_harm_all(1, np.array([[0.0, 0.6, 0.8]]))  # real_sph_harm_points
    sph_harm_all(1, np.array([[0.5, 0.25]]), basis="complex")  # complex_sph_harm_points
    legendre_table(1, np.array([0.5]))  # normalized_legendre_table (grids, tensor products)
    a, b, sectoral = _sph_harm_kernels.legendre_recurrence_coefficients(1)
    _sph_harm_kernels.normalized_legendre_column(1, 1, 0.6, 0.4, 0.8, a, b, sectoral)  # scalar form
    return [
        "normalized_legendre_column_points",
        "real_sph_harm_points",
        "complex_sph_harm_points",
        "normalized_legendre_table",
        "normalized_legendre_column",
    ]


def _wigner_d_warmup() -> list[str]:
    """Kernels of the Wigner small-d matrices (recursion, all degrees, spin-weighted columns, Δ = d(π/2))."""
    wigner_small_d(1, 0.5)  # wigner_small_d_recursion (+ legendre table, wedge, fill)
    wigner_D(1, 0.1, 0.5, 0.2)  # wigner_D_recursion
    wigner_D_all(1, 0.1, 0.5, 0.2)  # wigner_D_all_recursion
    spin_weighted_sph_harm_all(1, 1, 0.5, 0.2)  # spin_weighted_sph_harm_points
    # the Fourier path caches Δ per degree, so Δ's kernel is called directly with the arguments it gets there
    _wigner_d_kernels.wigner_delta_matrix(1, np.empty((2, 2)))
    return [
        "wigner_small_d_recursion",
        "wigner_D_recursion",
        "wigner_D_all_recursion",
        "spin_weighted_sph_harm_points",
        "wigner_delta_matrix",
    ]


def warmup() -> list[str]:
    """Reach every kernel of the package once; returns the names of the kernels touched.

    Small calls normally run the kernels' Python or numpy twins while a kernel is not compiled
    (:mod:`~mathref.dispatch`); here every call is sent to the kernel.
    """
    with compiled_kernels():
        return _sph_harm_warmup() + _wigner_d_warmup()
