"""Compile (or load from the Numba cache) every Numba kernel of ``mathref.algebra`` once.

:func:`warmup` is registered in the ``mathref.warmup`` entry-point group, so
``mathref warmup`` and the test session run it before any real call needs a
kernel.  Two kernel modules, both reached through public functions with the
smallest inputs: the float 3j / Clebsch-Gordan kernels of
:mod:`mathref.algebra.angular` (scalar, broadcast-array and dense-table paths,
and the factorial table they share) and the circuit search of
:mod:`mathref.algebra.intlinalg`.  The kernels' helpers (double-double and
big-integer arithmetic, the Racah-sum bookkeeping, the search stages) compile
with the kernels that call them.
"""

from __future__ import annotations

import numpy as np

from .angular import (
    clebsch_gordan_array,
    clebsch_gordan_table,
    wigner_3j_array,
    wigner_3j_table,
    wigner_6j_array,
    wigner_9j_array,
)
from .angular.coupling_float import PYTHON_TABLE_MAX_J_SUM
from .intlinalg import circuits

__all__ = ["warmup"]


def _coupling_warmup() -> list[str]:
    """The float coupling kernels: one call per path of the public float functions."""
    wigner_3j_array(1, 1, 0, 1, -1, 0)  # factorial_dd_table (first float call), wigner_3j_single
    clebsch_gordan_array(1, 1, 1, -1, 0, 0)  # clebsch_gordan_single
    labels = np.array([1, 1])
    wigner_3j_array(labels, 1, 0, 1, -1, 0)  # wigner_3j_batch
    clebsch_gordan_array(labels, 1, 1, -1, 0, 0)  # clebsch_gordan_batch
    # the dense kernels serve tables with j1 + j2 + j3 past PYTHON_TABLE_MAX_J_SUM (smaller ones are
    # plain Python): the smallest such tables, one m column each
    big = PYTHON_TABLE_MAX_J_SUM // 2 + 1
    wigner_3j_table(big, big, 0)  # wigner_3j_dense (also behind gaunt_block and the Gaunt tensors)
    clebsch_gordan_table(big, big, 0)  # clebsch_gordan_dense
    return [
        "factorial_dd_table",
        "wigner_3j_single",
        "clebsch_gordan_single",
        "wigner_3j_batch",
        "clebsch_gordan_batch",
        "wigner_3j_dense",
        "clebsch_gordan_dense",
    ]


def _recoupling_warmup() -> list[str]:
    """The float 6j / 9j kernels: the exact-integer ones for small labels and the limb ones for the rest."""
    wigner_6j_array(1, 1, 1, 1, 1, 1)  # six_j_single
    wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, 0)  # nine_j_single
    labels = np.array([1, 1])
    wigner_6j_array(labels, 1, 1, 1, 1, 1)  # six_j_batch
    wigner_9j_array(labels, 1, 1, 1, 1, 1, 1, 1, 0)  # nine_j_batch
    # labels past the exact-double range take the limb / double-double kernels
    wigner_6j_array(20, 20, 20, 20, 20, 20)  # six_j_single_general
    wigner_9j_array(10, 10, 10, 10, 10, 10, 10, 10, 10)  # nine_j_single_general
    wigner_6j_array(np.array([20, 20]), 20, 20, 20, 20, 20)  # six_j_batch_general
    wigner_9j_array(np.array([10, 10]), 10, 10, 10, 10, 10, 10, 10, 10)  # nine_j_batch_general
    return ["six_j_single", "nine_j_single", "six_j_batch", "nine_j_batch",
            "six_j_single_general", "nine_j_single_general", "six_j_batch_general", "nine_j_batch_general"]


def _circuit_warmup() -> list[str]:
    """The depth-first circuit search (behind complete_reaction_set)."""
    circuits([[1, 1, 1]], method="compiled")
    return ["circuit_search_depth_first"]


def warmup() -> list[str]:
    """Reach every kernel of the package once; returns the names of the kernels touched."""
    return _coupling_warmup() + _recoupling_warmup() + _circuit_warmup()
