"""Compile (or load from the Numba cache) every Numba kernel of ``mathref.spectral`` once.

:func:`warmup` is registered in the ``mathref.warmup`` entry-point group, so
``mathref warmup`` and the test session run it before any real call needs a
kernel.  Two parts: the Chebyshev and Chebyshev-Tucker kernels
(:mod:`spectral._chebyshev_kernels`), reached through the public functions with
the smallest inputs, and the QSP kernels, warmed by :func:`spectral.qsp.warmup.warmup`.
"""

from __future__ import annotations

import warnings

import numpy as np

from .cheb_tucker import ChebyshevTucker
from .chebyshev import chebyshev_evaluate
from .potentials import MultiParticlePotential
from .qsp.warmup import warmup as _qsp_warmup

__all__ = ["warmup"]


def _chebyshev_warmup() -> list[str]:
    """Kernels of Chebyshev evaluation and of the Chebyshev-Tucker format."""
    chebyshev_evaluate(np.ones(2), 0.5)  # clenshaw_series_at_points
    chebyshev_evaluate(np.ones((2, 2)), [0.5])  # clenshaw_columns_at_points
    unit = [np.ones((1, 1))] * 3
    ChebyshevTucker(np.ones((1, 1, 1)), unit, [(-1.0, 1.0)] * 3)(np.zeros((1, 3)))
    # chebyshev_vandermonde_columns (factor values) and tucker3_contract_columns
    return ["clenshaw_series_at_points", "clenshaw_columns_at_points", "chebyshev_vandermonde_columns",
            "tucker3_contract_columns"]


def _potential_warmup() -> list[str]:
    """Cell-list kernels of the short-range part (:mod:`spectral._potential_kernels`)."""
    with warnings.catch_warnings():  # a degree this small is not meant to resolve anything
        warnings.simplefilter("ignore")
        pot = MultiParticlePotential([1.0], [[0.0, 0.0, 0.0]], [(-1.0, 1.0)] * 3, r0=0.5, tol=1e-6, degree=16,
                                     check_points=16)
    pot.short_range(np.full((1, 3), 0.1))  # short_range_cells
    pot.gradient(np.full((1, 3), 0.1))  # short_range_gradient_cells
    return ["short_range_cells", "short_range_gradient_cells"]


def warmup() -> list[str]:
    """Reach every kernel of the package once; returns the names of the kernels touched."""
    return _chebyshev_warmup() + _potential_warmup() + _qsp_warmup()
