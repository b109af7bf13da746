"""Exact integer linear algebra: rank, HNF, kernels and circuits against sympy and brute force."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sympy.matrices.normalforms import smith_normal_form

from mathref.algebra import (
    circuits,
    composition_matrix,
    hermite_normal_form,
    integer_kernel,
    iter_circuits,
    left_kernel,
    primitive,
    rank,
    rational_kernel,
)
from mathref.algebra._intlinalg_kernels import circuit_search_depth_first


def int_matrices(max_rows=4, max_cols=6, lo=-4, hi=4):
    return st.integers(1, max_rows).flatmap(
        lambda m: st.integers(1, max_cols).flatmap(
            lambda n: st.lists(st.lists(st.integers(lo, hi), min_size=n, max_size=n), min_size=m, max_size=m)
        )
    )


def brute_force_circuits(A):
    """Minimal dependent column sets by checking every subset with sympy (small matrices only)."""
    M = sympy.Matrix(A)
    n = M.shape[1]
    found = []
    for k in range(1, n + 1):
        for S in combinations(range(n), k):
            if any(set(c) <= set(S) for c in found):
                continue
            sub = M[:, list(S)]
            if sub.rank() == k - 1:
                ns = sub.nullspace()
                if len(ns) == 1 and all(x != 0 for x in ns[0]):
                    found.append(S)
    out = set()
    for S in found:
        v = M[:, list(S)].nullspace()[0]
        den = sympy.ilcm(1, 1, *[sympy.fraction(x)[1] for x in v])
        full = [0] * n
        for i, x in zip(S, v):
            full[i] = int(x * den)
        out.add(tuple(primitive(full)))
    return out


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


@pytest.mark.kernel
def test_kernel_python_twin_agrees(jit_mode):
    A = composition_matrix(["CH4", "O2", "CO2", "H2O", "CO", "H2", "C", "CH3OH"]).to_list()
    cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T)
    buf = np.zeros((500, cols.shape[0]), dtype=np.int64)
    count, status = jit_mode(circuit_search_depth_first)(cols, buf, 500)
    assert status == 0
    got = {tuple(primitive(r)) for r in buf[:count].tolist()}
    assert got == {tuple(c) for c in iter_circuits(A)}


def test_kernel_reports_limit():
    A = [[1, 1, 1, 1, 1]]
    cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T)
    buf = np.zeros((3, 5), dtype=np.int64)
    count, status = circuit_search_depth_first.py_func(cols, buf, 3)
    assert (count, status) == (3, 1)


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
