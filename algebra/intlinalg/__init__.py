"""Exact integer linear algebra on Python ints: lattices, circuits, canonical optimisation.

Every function here is exact: matrices are lists of rows of Python ints (numpy
integer arrays and sympy matrices are accepted and converted), arithmetic is
integer arithmetic with gcd reductions, and no float is ever formed (the one
float solver, in :mod:`~mathref.algebra.intlinalg.integer_programming`, has its
answers checked with integers).

Modules
-------
lattice
    Rank, Hermite normal form, integer / rational / left kernels, primitive vectors.
circuit_enumeration
    Circuits (minimal-support kernel vectors) by depth-first search, with a
    Numba kernel in ``_circuit_kernels``.
exact_lp
    :func:`exact_lp_min`, :func:`is_feasible`: the simplex method on Fractions (the exact verdicts).
integer_programming
    :func:`min_sum_solution`, the minimum-sum positive kernel vector with a
    lexicographic tie-break (the canonical balance of a chemical equation).

Examples
--------
>>> A = [[1, 0, 1, 1], [0, 2, 1, 2]]      # C and O in C, O2, CO, CO2
>>> rank(A)
2
>>> integer_kernel(A)
[[1, 1, 0, -1], [1, 0, -2, 1]]
>>> circuits(A)
[[2, 1, -2, 0], [1, 1, 0, -1], [1, 0, -2, 1], [0, 1, 2, -2]]
"""

from .circuit_enumeration import circuits, iter_circuit_batches, iter_circuits
from .exact_lp import exact_lp_min, is_feasible
from .integer_programming import min_sum_solution
from .lattice import (
    as_int_matrix,
    as_int_vector,
    extended_gcd,
    hermite_normal_form,
    integer_kernel,
    left_kernel,
    primitive,
    rank,
    rational_kernel,
)

__all__ = [
    "as_int_matrix",
    "as_int_vector",
    "rank",
    "hermite_normal_form",
    "integer_kernel",
    "rational_kernel",
    "left_kernel",
    "primitive",
    "extended_gcd",
    "circuits",
    "iter_circuits",
    "iter_circuit_batches",
    "exact_lp_min",
    "is_feasible",
    "min_sum_solution",
]
