"""QSVT on dense block encodings: the circuit against the SVD reference, inversion, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral import inverse_target, qsp_phases, qsvt_apply, singular_value_transform, unitary_dilation


def _contraction(rng, n):
    A = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    return A / (np.linalg.norm(A, 2) * 1.01)


@settings(max_examples=20)
@given(st.integers(0, 2**31), st.integers(1, 5), st.integers(1, 9))
def test_qsvt_circuit_applies_p_to_singular_values(seed, n, d):
    rng = np.random.default_rng(seed)
    A = _contraction(rng, n)
    ph = rng.uniform(-np.pi, np.pi, d + 1)
    got = qsvt_apply(ph, A)
    ref = singular_value_transform(ph, A)
    assert np.allclose(got, ref, atol=1e-12)
    U = unitary_dilation(A)
    assert np.allclose(U @ U.conj().T, np.eye(2 * n), atol=1e-12)


def test_qsvt_inverts_a_well_conditioned_matrix():
    rng = np.random.default_rng(7)
    Q1, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    Q2, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    s = np.array([1.0, 0.6, 0.3, 0.2])
    A = Q1 @ np.diag(s) @ Q2.T
    t = inverse_target(5.0, eps=1e-10)
    ph = qsp_phases(t).phases
    block = 0.5 * (qsvt_apply(ph, A) + qsvt_apply(-ph, A))  # real part of P^(SV)(A)
    # P(sigma) = scale / (kappa sigma): the block is scale/kappa times the pseudo-inverse of A^H
    expected = t.scale / 5.0 * np.linalg.inv(A).conj().T
    assert np.allclose(block, expected, atol=1e-8)


def test_qsvt_rejects_non_contraction():
    with pytest.raises(InvalidArgumentError, match="norm"):
        unitary_dilation(np.eye(2) * 1.5)
    with pytest.raises(InvalidArgumentError, match="square"):
        unitary_dilation(np.ones((2, 3)) * 0.1)
