"""QSP responses and unitaries: the SU(2) products of every convention.

References: Chebyshev polynomials from sympy (``sympy.chebyshevt``); the Wx
product and its T_d identity from Gilyén, Su, Low, Wiebe (STOC 2019), Thm 3; the
reflection and Wz products written out as dense 2x2 products.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from mathref.spectral import qsp_response, qsp_unitary

phase_arrays = st.lists(st.floats(-np.pi, np.pi), min_size=2, max_size=40).map(np.array)


@pytest.mark.parametrize("d", range(0, 9))
def test_zero_phases_give_chebyshev_T(d):
    x = np.linspace(-1, 1, 11)
    t = sympy.lambdify(sympy.Symbol("x"), sympy.chebyshevt(d, sympy.Symbol("x")))(x)
    assert np.allclose(qsp_response(np.zeros(d + 1), x), t, atol=1e-14)


def test_reflection_product_is_the_gslw_reflection_sequence():
    psi = np.array([0.3, -0.4, 1.1])
    x = 0.37
    s = np.sqrt(1 - x * x)
    R = np.array([[x, s], [s, -x]])
    U = np.eye(2, dtype=complex)
    for p in psi:
        U = U @ np.diag(np.exp([1j * p, -1j * p])) @ R
    assert np.allclose(qsp_unitary(psi, np.array([x]), convention="reflection")[0], U, atol=1e-14)


def test_wz_product_is_z_signal_with_x_phases_and_plus_readout():
    ph = np.array([0.2, -0.5, 0.7])
    x = -0.4
    th = np.arccos(x)
    Z = np.diag(np.exp([1j * th, -1j * th]))

    def rx(p):
        return np.array([[np.cos(p), 1j * np.sin(p)], [1j * np.sin(p), np.cos(p)]])

    U = rx(ph[0]) @ Z @ rx(ph[1]) @ Z @ rx(ph[2])
    assert np.allclose(qsp_unitary(ph, np.array([x]), convention="Wz")[0], U, atol=1e-14)
    plus = np.array([1, 1]) / np.sqrt(2)
    assert abs(plus @ U @ plus - qsp_response(ph, np.array([x]), convention="Wz")[0]) < 1e-14


@given(phase_arrays, st.floats(-1, 1))
def test_response_is_unitary(ph, x):
    U = qsp_unitary(ph, np.array([x]))[0]
    assert np.allclose(U.conj().T @ U, np.eye(2), atol=1e-13)
    assert abs(np.linalg.det(U) - 1) < 1e-12
