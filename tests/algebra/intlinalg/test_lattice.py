"""Integer lattices: rank, HNF, integer / rational / left kernels against sympy."""

from __future__ import annotations

import sympy
from hypothesis import given
from sympy.matrices.normalforms import smith_normal_form

from mathref.algebra import (
    hermite_normal_form,
    integer_kernel,
    left_kernel,
    primitive,
    rank,
    rational_kernel,
)

from .matrices import int_matrices


@given(int_matrices())
def test_rank_matches_sympy(A):
    assert rank(A) == sympy.Matrix(A).rank()


@given(int_matrices())
def test_hnf_is_unimodular_and_echelon(A):
    H, U = hermite_normal_form(A)
    assert (sympy.Matrix(U) * sympy.Matrix(A)).tolist() == H
    assert abs(sympy.Matrix(U).det()) == 1
    last = -1
    for row in H:
        nz = [j for j, x in enumerate(row) if x]
        if not nz:
            last = len(row)
            continue
        assert nz[0] > last and row[nz[0]] > 0
        last = nz[0]


@given(int_matrices())
def test_integer_kernel_is_saturated_lattice_basis(A):
    B = integer_kernel(A)
    M = sympy.Matrix(A)
    assert len(B) == M.shape[1] - M.rank()
    for v in B:
        assert all(x == 0 for x in M * sympy.Matrix(v))
    if B:
        # saturated: the Smith form of the basis matrix has all invariant factors 1
        snf = smith_normal_form(sympy.Matrix(B), domain=sympy.ZZ)
        assert all(abs(snf[i, i]) == 1 for i in range(len(B)))


@given(int_matrices())
def test_rational_kernel_spans_sympy_nullspace(A):
    K = rational_kernel(A)
    ns = sympy.Matrix(A).nullspace()
    assert len(K) == len(ns)
    if K:
        assert sympy.Matrix.hstack(*[sympy.Matrix(v) for v in K], *ns).rank() == len(K)


def test_left_kernel():
    N = [[-1, 0], [1, -1], [0, 1]]
    assert left_kernel(N) == [[1, 1, 1]]


def test_primitive_sign_convention():
    assert primitive([0, -6, 4]) == [0, 3, -2]
    assert primitive([0, 0]) == [0, 0]
