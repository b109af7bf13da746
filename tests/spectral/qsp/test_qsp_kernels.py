"""The compiled QSP kernels, compiled and as plain Python: SU(2) products, Jacobian, layer stripping.

Reference: dense 2x2 products of the Wx factors (Gilyén, Su, Low, Wiebe, STOC 2019,
Thm 3) and finite differences.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathref.spectral import qsp_response
from mathref.spectral.qsp import _qsp_kernels as K

# ----------------------------------------------------------------------------- kernels (jit and python)


@pytest.mark.kernel
def test_response_kernel_twins_agree_and_match_dense_products(jit_mode):
    rng = np.random.default_rng(1)
    ph = rng.uniform(-np.pi, np.pi, 9)
    th = rng.uniform(0, np.pi, 7)
    x, s = np.cos(th), np.sin(th)
    out = np.empty(7, dtype=complex)
    jit_mode(K.wx_top_left_entries)(ph, x, s, out)
    full = np.empty((7, 2, 2), dtype=complex)
    jit_mode(K.wx_unitaries)(ph, x, full)
    for j in range(7):
        W = np.array([[x[j], 1j * s[j]], [1j * s[j], x[j]]])
        U = np.diag(np.exp([1j * ph[0], -1j * ph[0]]))
        for p in ph[1:]:
            U = U @ W @ np.diag(np.exp([1j * p, -1j * p]))
        assert np.allclose(full[j], U, atol=1e-14)
        assert abs(out[j] - U[0, 0]) < 1e-14


@pytest.mark.kernel
def test_jacobian_kernel_matches_finite_differences(jit_mode):
    rng = np.random.default_rng(2)
    ph = rng.uniform(-1, 1, 6)
    x = np.array([0.2, -0.7, 0.9])
    vals = np.empty(3, dtype=complex)
    jac = np.empty((3, 6), dtype=complex)
    jit_mode(K.wx_top_left_jacobian)(ph, x, vals, jac)
    assert np.allclose(vals, qsp_response(ph, x), atol=1e-14)
    h = 1e-6
    for k in range(6):
        e = np.zeros(6)
        e[k] = h
        fd = (qsp_response(ph + e, x) - qsp_response(ph - e, x)) / (2 * h)
        assert np.allclose(jac[:, k], fd, atol=1e-8)


@pytest.mark.kernel
def test_layer_stripping_inverts_forward_nlft(jit_mode):
    rng = np.random.default_rng(3)
    ts = rng.uniform(-0.5, 0.5, 12)
    alpha = np.empty(12)
    beta = np.empty(12)
    jit_mode(K.real_nlft_forward_coefficients)(ts, alpha, beta)
    out = np.empty(12)
    jit_mode(K.real_nlft_layer_stripping)(alpha.copy(), beta.copy(), out)
    assert np.allclose(out, ts, atol=1e-13)


def test_forward_nlft_realises_the_im_readout():
    # the NLFT correspondence of qsp.py: F_k = i tan(phi_k), Im <0|U|0> = sum_k beta_k T_|2k-d|
    rng = np.random.default_rng(4)
    ph = rng.uniform(-0.6, 0.6, 7)
    alpha = np.empty(7)
    beta = np.empty(7)
    K.real_nlft_forward_coefficients(np.tan(ph), alpha, beta)
    x = np.linspace(-1, 1, 9)
    th = np.arccos(x)
    expected = sum(beta[k] * np.cos((2 * k - 6) * th) for k in range(7))
    assert np.allclose(qsp_response(ph, x).imag, expected, atol=1e-14)
