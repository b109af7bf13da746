"""The Numba circuit search and its stages, compiled and as plain Python."""

from __future__ import annotations

import numpy as np
import pytest

from mathref.algebra import (
    composition_matrix,
    iter_circuits,
    primitive,
)
from mathref.algebra.intlinalg import _circuit_kernels as K
from mathref.algebra.intlinalg._circuit_kernels import circuit_search_depth_first


def search_state(columns):
    """Fresh resumable search state for an int64 (n, m) column array."""
    n, m = columns.shape
    d = m + 2
    return (np.zeros((d, n), np.int64), np.zeros((d, n, m), np.int64), np.zeros((d, n, n), np.int64),
            np.zeros(d, np.int64), np.zeros(d, np.int64), np.zeros(2, np.int64))


def workspace(columns):
    """The search state arrays of the driver for an int64 (n, m) column array."""
    n, m = columns.shape
    return (np.empty((m + 2, n), np.int64), np.zeros((m + 2, n, m), np.int64), np.zeros((m + 2, n, n), np.int64))


@pytest.mark.kernel
def test_kernel_python_twin_agrees(jit_mode):
    A = composition_matrix(["CH4", "O2", "CO2", "H2O", "CO", "H2", "C", "CH3OH"]).to_list()
    cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T)
    buf = np.zeros((500, cols.shape[0]), dtype=np.int64)
    count, status = jit_mode(circuit_search_depth_first)(cols, *search_state(cols), buf, 500)
    assert status == 0
    got = {tuple(primitive(r)) for r in buf[:count].tolist()}
    assert got == {tuple(c) for c in iter_circuits(A)}


@pytest.mark.kernel
def test_kernel_resumes_in_batches(jit_mode):
    # a full buffer stops the search before a branch; calling again continues in the same order
    A = composition_matrix(["CH4", "O2", "CO2", "H2O", "CO", "H2", "C", "CH3OH"]).to_list()
    cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T)
    n = cols.shape[0]
    state = search_state(cols)
    got, calls = [], 0
    while True:
        buf = np.zeros((n + 1, n), dtype=np.int64)
        count, status = jit_mode(circuit_search_depth_first)(cols, *state, buf, n + 1)
        got.extend(buf[:count].tolist())
        calls += 1
        if status == K.FINISHED:
            break
        assert status == K.OUTPUT_FULL and count <= n + 1
    assert calls > 1
    assert [tuple(primitive(r)) for r in got] == [tuple(c) for c in iter_circuits(A)]


@pytest.mark.kernel
def test_gcd_and_bound(jit_mode):
    gcd, within = jit_mode(K.gcd_int64), jit_mode(K.within_bound)
    assert gcd(-12, 18) == 6 and gcd(0, -5) == 5 and gcd(0, 0) == 0
    assert within((1 << 31) - 1) and within(-(1 << 31) + 1)
    assert not within(1 << 31) and not within(-(1 << 31))


@pytest.mark.kernel
def test_seed_candidates(jit_mode):
    columns = np.array([[1, 0], [0, 0], [2, 3]], dtype=np.int64)  # column 1 is zero: a circuit of size one
    cand_idx, cand_x, cand_y = workspace(columns)
    out = np.zeros((4, 3), np.int64)
    k, count, status = jit_mode(K.seed_candidates)(columns, cand_idx, cand_x, cand_y, out, 4)
    assert (k, count, status) == (2, 1, K.FINISHED)
    assert cand_idx[0, :2].tolist() == [0, 2]
    assert cand_x[0, :2].tolist() == [[1, 0], [2, 3]]
    assert cand_y[0, :2].tolist() == [[1, 0, 0], [0, 0, 1]]
    assert out[0].tolist() == [0, 1, 0]
    out = np.zeros((1, 3), np.int64)
    columns = np.zeros((3, 2), np.int64)
    assert jit_mode(K.seed_candidates)(columns, cand_idx, cand_x, cand_y, out, 1)[1:] == (1, K.OUTPUT_FULL)


@pytest.mark.kernel
def test_pivot_and_row_division(jit_mode):
    rows = np.zeros((2, 2, 3), np.int64)
    rows[0, 1] = [0, 0, -4]
    assert jit_mode(K.pivot_row)(rows, 0, 1) == 2
    rows[1, 0] = [6, -9, 3]
    jit_mode(K.divide_rows)(rows, 1, 0, 3)
    assert rows[1, 0].tolist() == [2, -3, 1]


@pytest.mark.kernel
def test_close_circuit(jit_mode):
    # at depth 2 the independent set has two members: a vanished combination is a circuit when it uses
    # both and the candidate (three columns), and closes nothing new when it uses fewer
    cand_y = np.zeros((4, 2, 4), np.int64)
    cand_y[2, 0] = [0, -2, 1, 1]
    cand_y[2, 1] = [0, -1, 1, 0]
    out = np.zeros((2, 4), np.int64)
    close = jit_mode(K.close_circuit)
    assert jit_mode(K.support_size)(cand_y, 2, 0) == 3
    assert close(cand_y, 2, 1, out, 0, 2) == (0, K.FINISHED)
    assert close(cand_y, 2, 0, out, 0, 2) == (1, K.FINISHED)
    assert out[0].tolist() == [0, 2, -1, -1]  # first non-zero entry made positive
    assert close(cand_y, 2, 0, out, 2, 2) == (2, K.OUTPUT_FULL)
    jit_mode(K.store_circuit)(cand_y, 2, 0, out, 1)
    assert out[1].tolist() == [0, 2, -1, -1]


@pytest.mark.kernel
def test_search_stops_at_the_int64_bound(jit_mode):
    big = (1 << 31) + 1
    columns = np.array([[big, 1], [1, big], [1, 1]], dtype=np.int64)
    out = np.zeros((8, 3), np.int64)
    assert jit_mode(circuit_search_depth_first)(columns, *search_state(columns), out, 8)[1] == K.BOUND_REACHED
