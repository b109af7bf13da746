"""API robustness (issue 17 §4): every public callable of the Chebyshev, Tucker and potential modules,
called with garbage in each argument, returns or raises a mathref.errors error, quickly.

The templates below are valid calls; each test replaces one argument at a time.  The default
run uses a short list of garbage values; the full list runs under ``-m slow``.
"""

from __future__ import annotations

import copy
import pickle
import time
import warnings

import numpy as np
import pytest

from mathref.errors import MathrefError
from mathref.spectral import cheb_tucker as CT
from mathref.spectral import chebyshev as C
from mathref.spectral import potentials as PO
from mathref.spectral import tucker as T


def _g(x, y, z):
    return np.exp(-(x * x + y * y + z * z))

def templates():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 5, 6))
    c = np.array([1.0, 0.5, 0.25])
    ct = CT.ChebyshevTucker.from_function(_g, [(-1, 1)] * 3, tol=1e-6, degree=16)
    tt = T.hosvd(A, tol=1e-8)
    gs = PO.newton_long_range_gaussian_sum(0.5, r_max=3.0, tol=1e-8)
    pot = PO.MultiParticlePotential([1.0, -1.0], [[0.1, 0, 0], [-0.1, 0.2, 0]], [(-1, 1)] * 3, r0=0.5,
                                    tol=1e-4, degree=16)
    fit = C.chebyshev_fit(np.cos, tol=1e-10)
    P = np.array([[0.1, 0.2, 0.3]])
    return [
        (C.chebyshev_points, (5,), {"kind": 2, "domain": (-1, 1)}),
        (C.chebyshev_coefficients, (np.ones(5),), {"kind": 2, "axis": 0}),
        (C.chebyshev_values, (c,), {"kind": 2, "axis": 0}),
        (C.chebyshev_evaluate, (c, np.array([0.1])), {"domain": (-1, 1)}),
        (C.chebyshev_derivative, (c,), {"order": 1, "domain": (-1, 1)}),
        (C.chebyshev_integral, (c,), {"domain": (-1, 1)}),
        (C.clenshaw_curtis_weights, (5,), {"domain": (-1, 1)}),
        (C.chebyshev_chop, (c, 1e-3), {}),
        (C.standard_chop, (0.5 ** np.arange(40),), {"tol": 1e-10}),
        (C.chebyshev_fit, (np.cos,), {"domain": (-1, 1), "tol": 1e-10, "max_degree": 64, "check_points": 8,
                                      "rng": 0}),
        (C.chebyshev_fit, (np.cos,), {"degree": 8}),
        (C.chebyshev_grid, (5, [(-1, 1)] * 2), {"kind": 2}),
        (C.chebyshev_coefficients_nd, (np.ones((3, 3)),), {"kind": 2}),
        (C.chebyshev_values_nd, (np.ones((3, 3)),), {"kind": 2}),
        (C.chebyshev_evaluate_nd, (np.ones((3, 3)), np.zeros((2, 2))), {"box": [(-1, 1)] * 2}),
        (C.chebyshev_integral_nd, (np.ones((3, 3)),), {"box": [(-1, 1)] * 2}),
        (C.chebyshev_interpolate_nd, (lambda x, y: x + y, [(-1, 1)] * 2, 5), {}),
        (C.ChebyshevFit, (c, (-1.0, 1.0), 2, 0.0, True, True, 0.0, 3, 0.0), {}),
        (fit, (np.array([0.2]),), {}),
        (CT.ChebyshevTucker, (ct.core, ct.factors, [(-1, 1)] * 3), {}),
        (CT.ChebyshevTucker.from_function, (_g, [(-1, 1)] * 3), {"tol": 1e-4, "degree": 8, "check_points": 8}),
        (CT.ChebyshevTucker.from_coefficients, (np.ones((3, 3, 3)), [(-1, 1)] * 3), {"tol": 1e-6}),
        (CT.ChebyshevTucker.from_cp, ([lambda x: np.exp(-x[:, None] ** 2)] * 3, [(-1, 1)] * 3),
         {"tol": 1e-6, "degree": 8, "check_points": 8}),
        (ct, (P,), {}),
        (ct.derivative, (0,), {}),
        (ct.pointwise_error, (_g,), {"n_points": 10, "rng": 0}),
        (ct.on_grid, (np.zeros(2), np.zeros(2), np.zeros(2)), {}),
        (ct.recompress, (1e-4,), {}),
        (tt.recompress, (1e-4,), {}),
        (tt.recompress, (), {"ranks": (2, 2, 2)}),
        (T.TuckerTensor, (tt.core, tt.factors), {}),
        (T.mode_product, (A, np.ones((2, 5)), 1), {}),
        (T.unfolding_singular_values, (A,), {}),
        (T.truncation_rank, ([3.0, 2.0, 0.1], 0.2), {}),
        (T.hosvd, (A,), {"tol": 1e-8}),
        (T.hooi, (A,), {"ranks": (2, 2, 2)}),
        (T.cp_to_tucker, ([np.ones((4, 2)), np.ones((5, 2)), np.ones((6, 2))],), {"tol": 1e-8}),
        (T.rhosvd, ([np.ones((4, 2)), np.ones((5, 2)), np.ones((6, 2))],), {"tol": 1e-8}),
        (T.tucker_reconstruct, (tt.core, tt.factors), {}),
        (PO.newton, (np.array([1.0]),), {}),
        (PO.newton_long_range, (np.array([1.0]),), {"r0": 0.5}),
        (PO.newton_short_range, (np.array([1.0]),), {"r0": 0.5}),
        (PO.slater, (np.array([1.0]),), {"lam": 1.0}),
        (PO.yukawa, (np.array([1.0]),), {"lam": 1.0}),
        (PO.runge, (np.array([1.0]),), {"a": 25.0}),
        (PO.radial_field, (PO.slater,), {"centre": (0.0, 0.0, 0.0)}),
        (PO.radial_field(PO.slater), (np.zeros(2), np.zeros(2), np.zeros(2)), {}),
        (PO.GaussianSum, (np.ones(2), np.ones(2), 1.0, 0.0), {}),
        (gs, (np.array([0.5]),), {}),
        (PO.newton_long_range_gaussian_sum, (0.5,), {"r_max": 3.0, "tol": 1e-8}),
        (PO.MultiParticlePotential, ([1.0], [[0.0, 0.0, 0.0]], [(-1, 1)] * 3),
         {"r0": 0.5, "tol": 1e-6, "degree": 16, "check_points": 8}),
        (pot, (P,), {"on_charge": "exclude"}),
        (pot.gradient, (P,), {"on_charge": "exclude"}),
        (pot.short_range, (P,), {"on_charge": "exclude"}),
        (pot.long_range_values, (P,), {}),
        (pot.long_range_exact, (P,), {}),
    ]


QUICK = [None, "abc", float("nan"), 10**30, -1, 1j, np.array([]), np.zeros((2, 2, 2, 2))]
FULL = QUICK + [float("inf"), -float("inf"), -10**30, 0, [], np.zeros((2, 0)), [1, None], object(), True,
                np.array([np.nan]), 1e308, -1e-300]


def _slots():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = templates()
    for i, (fn, args, kw) in enumerate(cases):
        name = getattr(fn, "__qualname__", type(fn).__name__)
        for j in range(len(args)):
            yield pytest.param(i, ("a", j), id=f"{i}-{name}-arg{j}")
        for k in kw:
            yield pytest.param(i, ("k", k), id=f"{i}-{name}-{k}")


_CASES = None


def _case(i):
    global _CASES
    if _CASES is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _CASES = templates()
    return _CASES[i]


def _hammer(i, slot, garbage):
    fn, args, kw = _case(i)
    failures = []
    for value in garbage:
        a, k = list(args), dict(kw)
        if slot[0] == "a":
            a[slot[1]] = value
        else:
            k[slot[1]] = value
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                fn(*a, **k)
            except MathrefError:
                pass
            except Exception as exc:  # noqa: BLE001 - the point is to catch everything else
                failures.append(f"{value!r:.30}: {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - t0
        if elapsed > 2.0:
            failures.append(f"{value!r:.30}: took {elapsed:.1f} s")
    assert not failures, failures


@pytest.mark.parametrize("i, slot", list(_slots()))
def test_garbage_arguments_raise_mathref_errors(i, slot):
    _hammer(i, slot, QUICK)


@pytest.mark.slow
@pytest.mark.parametrize("i, slot", list(_slots()))
def test_garbage_arguments_raise_mathref_errors_full(i, slot):
    _hammer(i, slot, FULL)


# ---------------------------------------------------------------- result types: pickle, deepcopy, ==

def _results():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rng = np.random.default_rng(0)
        A = rng.normal(size=(4, 5, 6))
        ct = CT.ChebyshevTucker.from_function(_g, [(-1, 1)] * 3, tol=1e-6, degree=16)
        return {
            "ChebyshevFit": C.chebyshev_fit(np.cos, tol=1e-10),
            "ChebyshevTucker": ct,
            "ChebyshevTuckerReport": ct.report,
            "PointwiseError": ct.pointwise_error(_g, n_points=20, rng=0),
            "TuckerTensor": T.hosvd(A, tol=1e-8),
            "TruncationReport": T.hosvd(A, tol=1e-8).report,
            "HOOIResult": T.hooi(A, ranks=(2, 2, 2)),
            "GaussianSum": PO.newton_long_range_gaussian_sum(0.5, r_max=5.0, tol=1e-6),
            "MultiParticlePotential": PO.MultiParticlePotential(rng.uniform(-1, 1, 5), rng.uniform(-1, 1, (5, 3)),
                                                                [(-2.0, 2.0)] * 3, r0=0.5, tol=1e-4, degree=16),
        }


@pytest.mark.parametrize("name", sorted(_results()))
def test_result_types_pickle_deepcopy_and_compare_by_value(name):
    obj = _results()[name]
    for clone in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj)):
        assert type(clone) is type(obj)
        result = clone == obj
        assert result is True or result == True  # noqa: E712 - a bool, never an array
        assert obj == obj


def test_potentials_differ_when_their_charges_differ():
    pot = _results()["MultiParticlePotential"]
    other = PO.MultiParticlePotential(-pot.charges, pot.positions, pot.box, r0=pot.r0, tol=pot.tol, degree=16)
    assert pot != other
    g = _results()["GaussianSum"]
    assert g != PO.GaussianSum(g.weights * 2, g.exponents, g.r_max, g.max_error)
