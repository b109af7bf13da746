"""Every public geometry callable, fed garbage, returns or raises a mathref error quickly (issue 17 §4).

Each callable gets one valid call (its arguments listed in ``VALID``); then every
argument in turn, positional or keyword, is replaced by each value of
``GARBAGE`` while the others stay valid.  Accepted outcomes: a return value, or
an exception from :mod:`mathref.errors` (so also a ``ValueError`` or
``TypeError`` to callers who catch those), within ``BUDGET`` seconds.  Never an
``AttributeError``, ``IndexError``, ``OverflowError``, ``MemoryError``, a plain
builtin error, or a hang.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

import mathref.geometry as geometry
from mathref.errors import MathrefError

BUDGET = 2.0  # seconds per call (ValueError/TypeError messages must arrive well within this)


def _identity_map(x):
    return x


GARBAGE = {
    "None": None,
    "str": "x",
    "bytes": b"1",
    "bool": True,
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "neg": -1,
    "half": 0.5,
    "huge": 10**30,
    "-huge": -(10**30),
    "big": 10**6,
    "complex": 1 + 1j,
    "empty": np.array([]),
    "empty2d": np.zeros((0, 3)),
    "4d": np.zeros((2, 3, 4, 5)),
    "obj": object(),
    "list-str": ["a", "b"],
    "nan-array": np.array([np.nan, 1.0, 0.0]),
    "uint-huge": np.array([2**63], dtype=np.uint64),
    "dict": {},
}

_R = geometry.rotation_matrix(0.3, 0.4, 0.5)
_Q = geometry.quaternion_from_euler(0.3, 0.4, 0.5)
_X9 = np.linspace(-1, 1, 9)
_GRID = geometry.gauss_legendre_grid(4)

# name: (positional arguments, keyword arguments) of one valid call
VALID = {
    "complex_to_real_matrix": ((2,), {}),
    "convert_real_basis": ((_X9,), {"source": "standard", "target": "e3nn"}),
    "normalization_factors": ((3,), {"normalization": "integral"}),
    "real_basis_matrix": ((2,), {"basis": "e3nn"}),
    "real_sph_harm": ((2, 1, 0.3, 0.4), {}),
    "sph_harm": ((2, 1, 0.3, 0.4), {}),
    "sph_harm_all": ((2, np.array([0.0, 0.6, 0.8])), {"basis": "real", "normalization": "integral"}),
    "sph_harm_symbolic": ((2, 1), {"basis": "complex"}),
    "sph_index": ((2, 1), {}),
    "spin_weighted_sph_harm": ((-1, 2, 1, 0.3, 0.4), {}),
    "spin_weighted_sph_harm_all": ((-1, 2, 0.3, 0.4), {}),
    "SphericalGrid": ((_GRID.theta, _GRID.phi, _GRID.weights, 4), {}),
    "gauss_legendre_grid": ((4,), {"n_theta": 3, "n_phi": 5}),
    "integrate": ((np.ones((3, 5)),), {"grid": _GRID}),
    "sh_forward_transform": ((np.ones((3, 5)), 2), {"grid": _GRID}),
    "sh_inverse_transform": ((_X9,), {"grid": _GRID}),
    "euler_angles": ((_R,), {}),
    "real_wigner_D": ((2, 0.3, 0.4, 0.5), {}),
    "real_wigner_D_from_matrix": ((2, _R), {}),
    "rotate_real_sh": ((_X9, 0.3, 0.4, 0.5), {}),
    "rotation_matrix": ((0.3, 0.4, 0.5), {}),
    "wigner_D": ((2, 0.3, 0.4, 0.5), {"method": "auto", "max_bytes": 2**20}),
    "wigner_D_all": ((2, 0.3, 0.4, 0.5), {"max_bytes": 2**20}),
    "wigner_D_from_quaternion": ((1, _Q), {"method": "auto", "max_bytes": 2**20}),
    "wigner_D_index": ((2, 1, -1), {}),
    "wigner_small_d": ((2, 0.4), {"method": "auto", "max_bytes": 2**20}),
    "wigner_D_exact": ((1, 0, 1, 0.3, 0.4, 0.5), {}),
    "wigner_small_d_exact": ((1, 0, 1, 0.4), {}),
    "wigner_small_d_matrix_exact": ((1, 0.4), {}),
    "axis_angle_from_quaternion": ((_Q,), {}),
    "euler_from_matrix": ((_R,), {"convention": "zyz"}),
    "euler_from_quaternion": ((_Q,), {"convention": "zyz"}),
    "matrix_from_euler": ((0.3, 0.4, 0.5), {"convention": "zyz"}),
    "matrix_from_quaternion": ((_Q,), {}),
    "quaternion_from_axis_angle": (([0.0, 0.0, 1.0], 0.3), {}),
    "quaternion_from_euler": ((0.3, 0.4, 0.5), {"convention": "zyz"}),
    "quaternion_from_matrix": ((_R,), {}),
    "e3nn_su2_generators": ((1,), {}),
    "su2_generators": ((1,), {}),
    "su2_generators_exact": ((1,), {}),
    "assert_equivariant": ((_identity_map, 1), {"batch": 2, "trials": 1, "rtol": 1e-10, "rng": 0}),
    "clebsch_gordan_tensor_product": ((_X9[:4], _X9[:4]), {"lmax_out": 1}),
    "full_tensor_product_paths": ((1, 1, 2), {}),
    "gaunt_tensor_product": ((_X9[:4], _X9[:4], 1), {"method": "grid"}),
    "real_coupling_tensor": ((1, 1, 2), {}),
    "real_gaunt_tensor_quadrature": ((1, 1, 2), {}),
    "tensor_product_paths": (("gaunt", 1, 1, 2), {"tol": 1e-12}),
    "ExactComplex": ((geometry.sh_fourier_coefficients_exact(0, 0)[(0, 0)].real,
                      geometry.sh_fourier_coefficients_exact(0, 0)[(0, 0)].imag), {}),
    "sh_fourier_coefficients_exact": ((2, 1), {"basis": "complex"}),
    "sh_to_fourier_coefficients": ((2,), {"basis": "real"}),
    "sh_to_fourier": ((_X9,), {"basis": "real"}),
    "fourier_to_sh": ((geometry.sh_to_fourier(_X9), 2), {"basis": "real"}),
    "evaluate_fourier": ((geometry.sh_to_fourier(_X9), 0.3, 0.4), {}),
    "SU2Generators": ((1, 2, 3, 4, 5), {}),
}


def _public_callables():
    return sorted(name for name in geometry.__all__ if callable(getattr(geometry, name)))


def test_every_public_callable_has_a_valid_call():
    assert sorted(set(_public_callables()) - set(VALID)) == []


def _variants(args, kwargs):
    for i in range(len(args)):
        for label, bad in GARBAGE.items():
            yield f"arg{i}={label}", args[:i] + (bad,) + args[i + 1:], kwargs
    for key in kwargs:
        for label, bad in GARBAGE.items():
            yield f"{key}={label}", args, {**kwargs, key: bad}


def _call(fn, args, kwargs):
    t0 = time.perf_counter()
    try:
        fn(*args, **kwargs)
        outcome = None
    except MathrefError:
        outcome = None
    except Exception as exc:  # noqa: BLE001 - the failure this test exists for
        outcome = f"{type(exc).__name__}: {str(exc)[:120]}"
    return outcome, time.perf_counter() - t0


@pytest.mark.parametrize("name", _public_callables())
def test_garbage_arguments_give_library_errors_quickly(name):
    fn = getattr(geometry, name)
    args, kwargs = VALID[name]
    outcome, _ = _call(fn, args, kwargs)
    assert outcome is None, f"the valid call {name}{args} failed: {outcome}"
    failures = []
    for label, a, k in _variants(args, kwargs):
        outcome, elapsed = _call(fn, a, k)
        if outcome is not None:
            failures.append(f"{label}: {outcome}")
        elif elapsed > BUDGET:
            failures.append(f"{label}: took {elapsed:.1f} s")
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.parametrize(
    "call",
    [
        lambda: geometry.wigner_D(10**30, 0.0, 0.0, 0.0),
        lambda: geometry.wigner_D_all(10**30, 0.0, 0.0, 0.0),
        lambda: geometry.wigner_small_d(10**6, 0.1),
        lambda: geometry.spin_weighted_sph_harm_all(10**6, 10**6, 0.1, 0.2),
        lambda: geometry.sph_harm_all(10**9, [0.0, 0.0, 1.0]),
        lambda: geometry.gauss_legendre_grid(10**12),
        lambda: geometry.su2_generators(10**9),
        lambda: geometry.real_gaunt_tensor_quadrature(10**4, 10**4, 10**4),
        lambda: geometry.sh_to_fourier_coefficients(10**6),
    ],
)
def test_huge_sizes_are_refused_up_front(call):
    t0 = time.perf_counter()
    with pytest.raises(MathrefError):
        call()
    assert time.perf_counter() - t0 < BUDGET


def test_huge_spin_beyond_lmax_is_zero_not_an_allocation():
    # |s| > lmax: every ₛY_lm vanishes (a value); nothing of size |s| is built
    out = geometry.spin_weighted_sph_harm_all(10**30, 3, 0.1, 0.2)
    assert out.shape == (16,) and not out.any()
    assert geometry.spin_weighted_sph_harm(-(10**30), 3, 1, 0.1, 0.2) == 0


def test_wigner_D_index_of_a_huge_degree_is_a_closed_form():
    l = 10**30
    # the offset Σ_{k<l} (2k+1)² = l(2l-1)(2l+1)/3, computed without a loop
    assert geometry.wigner_D_index(l, -l, -l) == l * (2 * l - 1) * (2 * l + 1) // 3
    assert geometry.wigner_D_index(3, -3, -3) == sum((2 * k + 1) ** 2 for k in range(3))
