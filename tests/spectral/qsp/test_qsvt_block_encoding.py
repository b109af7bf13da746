"""QSVT through a block encoding: the circuit unitary, its block against dense matrix functions.

References: Gilyén, Su, Low, Wiebe, *Quantum singular value transformation and beyond*
(STOC 2019), Def. 15 (the alternating phase circuit) and Thm 17 (its block is P^(SV)(A)).
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.linalg import aslinearoperator

from mathref.errors import MathrefError, SizeLimitError
from mathref.spectral.qsp.minimax import minimax_target
from mathref.spectral.qsp.qsvt import (
    block_encoded_transform,
    qsvt_circuit,
    singular_value_transform,
    unitary_dilation,
)
from mathref.spectral.qsp.response import qsp_response
from mathref.spectral.qsp.solvers import qsp_phases
from mathref.spectral.qsp.targets import cos_target


def _haar(rng, n):
    Z = (rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))) / np.sqrt(2)
    Q, R = np.linalg.qr(Z)
    return Q * (np.diag(R) / np.abs(np.diag(R)))


def _svt_reference(ph, A):
    """P^(SV)(A) for rectangular A from a full SVD (zero singular values padded)."""
    r, c = A.shape
    W, s, Vh = np.linalg.svd(A, full_matrices=True)
    s = np.minimum(s, 1.0)  # a block of a unitary: singular values may round to 1 + 1e-16
    k = min(r, c)
    d = len(ph) - 1
    if d % 2:
        return (W[:, :k] * qsp_response(ph, s)) @ Vh[:k]
    sig = np.zeros(c)
    sig[:k] = s
    V = Vh.conj().T
    return (V * qsp_response(ph, sig)) @ V.conj().T


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 3), st.integers(1, 3), st.integers(0, 4), st.integers(1, 8))
def test_block_of_the_circuit_is_the_singular_value_transform(seed, r, c, extra, d):
    rng = np.random.default_rng(seed)
    N = max(r, c) + extra + 1
    U = _haar(rng, N)
    ph = rng.uniform(-np.pi, np.pi, d + 1)
    got = block_encoded_transform(ph, U, rows=r, cols=c)
    assert np.allclose(got, _svt_reference(ph, U[:r, :c]), atol=1e-11)
    C = qsvt_circuit(ph, U, rows=r, cols=c)
    assert np.allclose(C @ C.conj().T, np.eye(N), atol=1e-11)
    block = C[:r, :c] if d % 2 else C[:c, :c]
    assert np.allclose(block, got, atol=1e-12)


def test_hermitian_block_encoding_gives_the_matrix_function():
    # A Hermitian: P^(SV)(A) = P(A) for a definite-parity P; compared with the eigendecomposition
    rng = np.random.default_rng(3)
    H = rng.normal(size=(4, 4))
    H = (H + H.T) / 2
    A = H / (np.linalg.norm(H, 2) * 1.05)
    lam, Q = np.linalg.eigh(A)
    t = cos_target(3.0, eps=1e-12)
    ph = qsp_phases(t).phases
    U = unitary_dilation(A)
    # embed in a larger register: U (+) a random unitary on 3 spare dimensions
    big = np.zeros((11, 11), dtype=complex)
    big[:8, :8] = U
    big[8:, 8:] = _haar(rng, 3)
    block = block_encoded_transform(ph, big, rows=4)
    expected = (Q * (t.scale * np.cos(3.0 * lam))) @ Q.T
    assert np.allclose(block.real, expected, atol=1e-10)


def test_minimax_sign_through_a_block_encoding_is_a_projector_on_the_big_singular_values():
    rng = np.random.default_rng(5)
    W, Vh = _haar(rng, 3), _haar(rng, 3)
    s = np.array([0.9, 0.6, 0.05])
    A = (W * s) @ Vh
    t = minimax_target("threshold", c=0.3, delta=0.1, eps=1e-6)
    ph = qsp_phases(t).phases
    U = unitary_dilation(A)
    # Re P^(SV)(A): the phases negated give the conjugate response (Wx), so average the two circuits
    block = 0.5 * (block_encoded_transform(ph, U, rows=3) + block_encoded_transform(-ph, U, rows=3))
    V = Vh.conj().T
    expected = (V * np.array([t.scale, t.scale, 0.0])) @ V.conj().T
    assert np.max(np.abs(block - expected)) <= 2 * t.max_error + 1e-9


def test_linear_operator_block_encoding_matches_the_dense_one():
    rng = np.random.default_rng(11)
    U = _haar(rng, 6)
    ph = rng.uniform(-1, 1, 6)
    L = qsvt_circuit(ph, aslinearoperator(U), rows=2, cols=3)
    C = qsvt_circuit(ph, U, rows=2, cols=3)
    assert np.allclose(L.matmat(np.eye(6)), C, atol=1e-12)
    assert np.allclose(L.rmatmat(np.eye(6)), C.conj().T, atol=1e-12)
    v = rng.normal(size=6)
    assert np.allclose(L.matvec(v), C @ v, atol=1e-12)
    assert np.allclose(block_encoded_transform(ph, aslinearoperator(U), rows=2, cols=3),
                       block_encoded_transform(ph, U, rows=2, cols=3), atol=1e-12)


def test_the_dilation_route_and_the_block_encoding_route_agree():
    rng = np.random.default_rng(2)
    A = rng.normal(size=(3, 3)) * 0.2
    ph = rng.uniform(-1, 1, 5)
    assert np.allclose(block_encoded_transform(ph, unitary_dilation(A), rows=3),
                       singular_value_transform(ph, A), atol=1e-12)


GARBAGE = [None, "U", float("nan"), [], [[1.0, 0.0]], np.full((2, 2), np.nan), np.ones((2, 2)), 10**30,
           np.zeros((0, 0))]


@pytest.mark.parametrize("bad", GARBAGE, ids=repr)
@pytest.mark.parametrize("fn", [qsvt_circuit, block_encoded_transform])
def test_bad_block_encodings_raise_mathref_errors(fn, bad):
    t0 = time.perf_counter()
    with pytest.raises(MathrefError):
        fn([0.1, 0.2], bad, rows=1)
    assert time.perf_counter() - t0 < 2


@pytest.mark.parametrize("rows,cols", [(0, None), (5, None), (1, 9), (-1, 1), ("1", 1), (None, 1), (1.5, 1),
                                       (10**30, 1)])
def test_bad_block_shapes_raise_mathref_errors(rows, cols):
    with pytest.raises(MathrefError):
        block_encoded_transform([0.1, 0.2], np.eye(4), rows=rows, cols=cols)


@pytest.mark.parametrize("phases", [[], None, "0.1", [np.nan], [[0.1]]], ids=repr)
def test_bad_phases_raise_mathref_errors(phases):
    with pytest.raises(MathrefError):
        qsvt_circuit(phases, np.eye(2), rows=1)


def test_huge_dense_encodings_are_refused():
    with pytest.raises(SizeLimitError):
        qsvt_circuit([0.1, 0.2], np.broadcast_to(np.eye(1), (5000, 5000)), rows=1)
