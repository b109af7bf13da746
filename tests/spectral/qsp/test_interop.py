"""pyqsp's and qsppack's test cases, ported, and mathref's phases checked through their own evaluators.

Ported (cases in our own words; the facts are the target polynomials and conventions):

* pyqsp 0.2.0, ``pyqsp/test/test_angle_sequence.py`` (``test_response_1`` … ``_6``,
  ``test_poly2laurent_3``) and ``pyqsp/test/test_response.py`` (``test_response2``): x, T_2, T_3,
  T_10, T_4 (all touching |P| = 1), the complex targets ``(-2 + i) x + 2 x^3`` and a degree-4
  complex polynomial read as ``<0|U|0>`` (pyqsp's ``measurement="z"``), a target without
  parity that must be refused.  pyqsp reads ``signal_operator="Wx"`` with its default x
  measurement as ``<+|U|+> = P``: mathref's ``"laurent"`` convention.
* qsppack (pyqsppack, commit 267a51b, ``tests/test_solver.py``, ``tests/test_optimizers.py``,
  ``tests/test_utils.py``): P = x by FPI, Newton and coordinate minimisation, P = T_0 = 1,
  the reduced/full phase lengths for both parities.

Documented differences: pyqsp's ``angle_sequence`` on raw Laurent coefficients
(``test_response3``/``4``) is a pyqsp-internal representation with no mathref counterpart;
qsppack's solvers take only the nonzero-parity coefficients and return phases with pi/4
added at both ends (its ``targetPre``); mathref takes all coefficients.  mathref's Newton
and FPI switch to the completion path for targets touching |P| = 1 (``result.method`` says
so) instead of iterating on a singular map.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial import chebyshev as C

from mathref.errors import InvalidArgumentError
from mathref.spectral import qsp_phases, qsp_response
from mathref.spectral.qsp import complex_qsp_phases, full_phases, reduced_phases

X = np.linspace(-1, 1, 101)

REAL_TOUCHING = {
    "x": [0.0, 1.0],
    "T2": [0.0, 0.0, 1.0],
    "T3 (monomial 4x^3 - 3x)": C.poly2cheb([0, -3, 0, 4]),
    "T10 (monomial)": C.poly2cheb([-1.0, 0.0, 50.0, 0.0, -400.0, 0.0, 1120.0, 0.0, -1280.0, 0.0, 512.0]),
    "T4 (monomial, test_response2)": C.poly2cheb([1, 0, -8, 0, 8]),
    "x^2 (touches at +-1)": [0.5, 0.0, 0.5],
    "-x": [0.0, -1.0],
    "qsppack P = 1": [1.0],
}

COMPLEX = {
    "(-2+i)x + 2x^3 (test_response_4)": C.poly2cheb([0.0, -2 + 1j, 0.0, 2.0]),
    "degree 4 (test_response_6)": C.poly2cheb([-1.0, 0.0, (1 / 2) * (4 + 3j - (1 - 2j) * np.sqrt(3)), 0.0,
                                               (1 - 1j) * (-1j + np.sqrt(3))]),
}


@pytest.mark.parametrize("name", list(REAL_TOUCHING))
@pytest.mark.parametrize("convention", ["Wx", "laurent", "Wz", "reflection"])
def test_targets_touching_one_are_realised(name, convention):
    c = np.asarray(REAL_TOUCHING[name], dtype=float)
    if convention == "reflection" and c.size == 1:
        with pytest.raises(InvalidArgumentError, match="degree >= 1"):  # d phases: none for degree 0
            qsp_phases(c, convention=convention)
        return
    res = qsp_phases(c, convention=convention)
    assert res.max_error < 1e-13
    resp = qsp_response(res.phases, X, convention=convention)
    p = C.chebval(X, c)
    assert np.max(np.abs(resp.real - p)) < 1e-13
    if convention == "laurent":
        assert np.max(np.abs(resp - p)) < 1e-13  # the whole <+|U|+>, as pyqsp reads it


@pytest.mark.parametrize("method", ["nlft", "newton", "fpi"])
def test_qsppack_solver_cases_p_equals_x(method):
    res = qsp_phases(np.array([0.0, 1.0]), method=method)
    assert res.method == "completion"
    assert res.max_error < 1e-14


@pytest.mark.parametrize("name", list(COMPLEX))
def test_complex_targets_as_the_top_left_entry(name):
    c = COMPLEX[name]
    res = complex_qsp_phases(c)
    assert res.max_error < 1e-13
    assert res.error_bound < 1e-12
    assert np.max(np.abs(qsp_response(res.phases, X) - C.chebval(X, c))) < 1e-13


def test_targets_without_parity_are_refused():
    # pyqsp's test_poly2laurent_3: 1 + (-5 + 5i) x + (8 - 4i) x^3 mixes parities
    c = C.poly2cheb([1.0, -5 + 5j, 0.0, 8 - 4j])
    with pytest.raises(InvalidArgumentError, match="parity"):
        complex_qsp_phases(c)


def test_reduced_and_full_phase_lengths_for_both_parities():
    # qsppack's test_utils: odd degree 2m - 1 has m reduced phases, even degree 2m - 2 has m
    odd = qsp_phases(np.array([0.0, 0.3, 0.0, 0.4]))
    even = qsp_phases(np.array([0.2, 0.0, 0.3, 0.0, 0.1]))
    for res in (odd, even):
        r = res.reduced()
        assert r.size == (res.degree + 2) // 2
        np.testing.assert_array_equal(full_phases(r, res.degree), res.phases)
    with pytest.raises(InvalidArgumentError, match="symmetric"):
        reduced_phases([0.1, 0.2, 0.3])
    with pytest.raises(InvalidArgumentError, match="reduced phases"):
        full_phases([0.1], 3)


# ----------------------------------------------------------------------------- through their evaluators


@pytest.mark.parametrize("name", list(REAL_TOUCHING) + ["0.3 T1 + 0.4 T3", "cos target"])
def test_mathref_phases_through_pyqsp_response(name):
    response = pytest.importorskip("pyqsp.response")
    if name == "0.3 T1 + 0.4 T3":
        c = np.array([0.0, 0.3, 0.0, 0.4])
    elif name == "cos target":
        from mathref.spectral import cos_target

        c = cos_target(8.0).coef
    else:
        c = np.asarray(REAL_TOUCHING[name], dtype=float)
    res = qsp_phases(c, convention="laurent")
    a = np.linspace(-1, 1, 41)
    pdat = response.ComputeQSPResponse(a, res.phases, signal_operator="Wx")["pdat"]  # <+|U|+>
    assert np.max(np.abs(pdat - C.chebval(a, c))) < 1e-12
    wx = qsp_phases(c, convention="Wx")
    pz = response.ComputeQSPResponse(a, wx.phases, signal_operator="Wx", measurement="z")["pdat"]
    assert np.max(np.abs(pz.real - C.chebval(a, c))) < 1e-12


@pytest.mark.parametrize("name", list(COMPLEX))
def test_complex_phases_through_pyqsp_response(name):
    response = pytest.importorskip("pyqsp.response")
    c = COMPLEX[name]
    res = complex_qsp_phases(c)
    a = np.linspace(-1, 1, 41)
    pz = response.ComputeQSPResponse(a, res.phases, signal_operator="Wx", measurement="z")["pdat"]
    assert np.max(np.abs(pz - C.chebval(a, c))) < 1e-12


@pytest.mark.parametrize("c", [np.array([0.0, 1.0]), np.array([0.5, 0.0, 0.5]), np.array([0.0, 0.3, 0.0, 0.4]),
                               np.array([0.1, 0.0, -0.2, 0.0, 0.6])])
def test_mathref_phases_through_qsppack_get_unitary(c):
    utils = pytest.importorskip("qsppack.utils")
    res = qsp_phases(c)
    for x in np.linspace(-1, 1, 21):
        assert abs(utils.get_unitary(res.phases, float(x)) - C.chebval(x, c)) < 1e-12


def test_qsppack_phases_agree_with_mathref_up_to_its_convention():
    solver = pytest.importorskip("qsppack.solver")
    c = np.array([0.0, 0.3, 0.0, 0.4])
    phi, out = solver.solve(c[1::2], 1, {"method": "Newton", "criteria": 1e-14})
    # qsppack's full phases realise Re <0|U|0> = P in the Wx product: mathref's reader agrees
    resp = qsp_response(np.asarray(phi, dtype=float), X)
    assert np.max(np.abs(resp.real - C.chebval(X, c))) < 1e-12
