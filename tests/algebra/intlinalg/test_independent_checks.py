"""Lattice results checked by means that share no code with mathref.

* The row lattice of ``hermite_normal_form(A)`` is the row lattice of ``A``: every row of ``A`` is an
  *integer* combination of the non-zero HNF rows (solved with sympy's rational solver), and the form is
  canonical: ``W A`` for a random unimodular ``W`` has the same HNF.
* ``integer_kernel(A)`` spans every integer kernel vector: all kernel vectors in a small box are found
  by brute force (each tested with ``sympy.Matrix(A) * v == 0``) and each must have integer
  coordinates in the returned basis; its rational span is sympy's ``Matrix.nullspace``.
* ``min_sum_solution`` is the minimum: brute force over all small positive vectors.
"""

from __future__ import annotations

import itertools
import random

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra.intlinalg.integer_programming import min_sum_solution
from mathref.algebra.intlinalg.lattice import hermite_normal_form, integer_kernel

from .matrices import int_matrices


def _integer_coordinates(basis_rows, v):
    """Coordinates of ``v`` in the (independent) rows ``basis_rows``, or None when outside their span."""
    B = sympy.Matrix(basis_rows).T
    c = sympy.symbols(f"c0:{B.shape[1]}")
    sol = sympy.linsolve((B, sympy.Matrix(v)), *c)
    if not sol:
        return None
    (coords,) = sol
    return list(coords)


def _random_unimodular(n, rng):
    W = sympy.eye(n)
    for _ in range(3 * n):
        i, j = rng.sample(range(n), 2) if n > 1 else (0, 0)
        if i != j:
            W[i, :] = W[i, :] + rng.randint(-2, 2) * W[j, :]
        if rng.random() < 0.3:
            W[i, :] = -W[i, :]
    return W


@settings(max_examples=60, deadline=None)
@given(int_matrices(max_rows=3, max_cols=4), st.integers(0, 10**6))
def test_hnf_row_lattice_and_canonical(A, seed):
    H, _ = hermite_normal_form(A)
    rows = [r for r in H if any(r)]
    assert len(rows) == sympy.Matrix(A).rank()
    for a in A:
        if not any(a):
            continue
        coords = _integer_coordinates(rows, a)
        assert coords is not None and all(x.is_integer for x in coords), (A, rows, a)
    W = _random_unimodular(len(A), random.Random(seed))
    WA = (W * sympy.Matrix(A)).tolist()
    assert hermite_normal_form(WA)[0] == H


@settings(max_examples=40, deadline=None)
@given(int_matrices(max_rows=3, max_cols=4, lo=-3, hi=3))
def test_integer_kernel_spans_every_small_kernel_vector(A):
    M = sympy.Matrix(A)
    n = M.shape[1]
    B = integer_kernel(A)
    assert len(B) == len(M.nullspace())
    for v in itertools.product(range(-2, 3), repeat=n):
        if not any(v) or any(M * sympy.Matrix(v)):
            continue
        coords = _integer_coordinates(B, v)
        assert coords is not None and all(x.is_integer for x in coords), (A, B, v)


@pytest.mark.parametrize("A", [
    [[1, 0, -1, -1], [0, 2, -1, -2]],          # C + O2 -> CO + CO2
    [[2, 0, -2], [0, 2, -1]],                  # H2 + O2 -> H2O
    [[1, -2, 0, 1], [3, 0, -2, -1]],
    [[6, 0, -1, 0], [12, 0, 0, -2], [6, 2, -2, -1]],   # C6H12O6 + O2 -> CO2 + H2O
])
def test_min_sum_solution_against_brute_force(A):
    n = len(A[0])
    best = None
    for x in itertools.product(range(1, 13), repeat=n):
        if all(sum(a * b for a, b in zip(r, x)) == 0 for r in A):
            if best is None or (sum(x), x) < (sum(best), best):
                best = x
    got = min_sum_solution(A, n)
    assert (None if best is None else list(best)) == got
