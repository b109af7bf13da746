"""Circuits: brute force, spanning the kernel, compiled and Python searches, limits and validation."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given

from mathref.algebra import (
    circuits,
    rank,
)

from .matrices import brute_force_circuits, int_matrices


@given(int_matrices(max_rows=3, max_cols=6, lo=-3, hi=3))
def test_circuits_equal_brute_force(A):
    expect = brute_force_circuits(A)
    got_py = circuits(A, method="python")
    assert len(got_py) == len(set(map(tuple, got_py)))
    assert set(map(tuple, got_py)) == expect
    assert set(map(tuple, circuits(A, method="compiled"))) == expect


@given(int_matrices(max_rows=3, max_cols=7, lo=0, hi=3))
def test_circuits_span_the_kernel(A):
    cs = circuits(A)
    dim = len(A[0]) - rank(A)
    assert (sympy.Matrix(cs).rank() if cs else 0) == dim


def test_big_entries_fall_back_to_python_ints():
    big = 1 << 40
    A = [[big, 1, 0], [0, big, 1]]
    assert circuits(A) == circuits(A, method="python") == [[1, -big, big * big]]


def test_limit_and_validation():
    A = [[1, 1, 1, 1, 1]]
    assert len(circuits(A)) == 10
    assert len(circuits(A, limit=4)) == 4
    with pytest.raises(ValueError, match="limit"):
        circuits(A, limit=-1)
    with pytest.raises(TypeError, match="exact integers"):
        rank([[1.5, 2]])
    with pytest.raises(TypeError):
        rank(np.array([[1.0]]))
    with pytest.raises(ValueError, match="row 1"):
        rank([[1, 2], [3]])
