"""Compile (or load from the Numba cache) every kernel of :mod:`spectral.qsp` once.

Each kernel is reached through the public function that uses it, with the
smallest input that gets there, so the compiled signatures are the ones real
calls need; the forward NLFT kernel, which only the tests call, is called
directly with tiny float64 arrays.  Part of :func:`spectral.warmup.warmup`.
"""

from __future__ import annotations

import numpy as np

from . import _qsp_kernels as _k
from .response import qsp_response, qsp_unitary
from .solvers import qsp_phases

__all__ = ["warmup"]


def warmup() -> list[str]:
    """Reach every QSP kernel once; returns the names of the kernels touched."""
    x = np.array([0.5])
    qsp_response(np.zeros(2), x)  # wx_top_left_entries
    qsp_unitary(np.zeros(2), x)  # wx_unitaries
    qsp_phases(np.array([0.0, 0.5]), method="newton")  # wx_top_left_jacobian
    qsp_phases(np.array([0.0, 0.5]))  # real_nlft_layer_stripping
    _k.real_nlft_forward_coefficients(np.zeros(2), np.empty(2), np.empty(2))
    return ["wx_top_left_entries", "wx_unitaries", "wx_top_left_jacobian", "real_nlft_layer_stripping",
            "real_nlft_forward_coefficients"]
