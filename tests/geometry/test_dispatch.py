"""Small calls run the kernels' Python / numpy twins on a cold cache (issue 17 §3): both paths give the same values.

The twins are the kernels' own code (``python_module``) or numpy transcriptions of the Legendre and
spherical-harmonic kernels with the same operation order; :mod:`mathref.dispatch` decides per call.
"""

from __future__ import annotations

import types

import numpy as np
import pytest

from mathref import dispatch as _dispatch
from mathref.geometry import _sph_harm_kernels as SK
from mathref.geometry import _wigner_d_kernels as WK
from mathref.geometry import sph_harm_all, wigner_D, wigner_D_all, wigner_small_d
from mathref.geometry.sph_harm import legendre_table

RNG = np.random.default_rng(17)


def _points(n: int) -> np.ndarray:
    pts = RNG.normal(size=(n, 3))
    pts[0] = [0.0, 0.0, 1.0]  # the pole: φ = 0
    if n > 2:
        pts[1] = [1e-3, 0.0, 1.0]  # sectoral values underflow at high degree: the scaled path
        pts[2] = [0.0, 1e-9, -1.0]
    return np.ascontiguousarray(pts)


@pytest.mark.kernel
@pytest.mark.parametrize("lmax", [0, 1, 2, 7, 40, 600])
def test_numpy_legendre_triangle_is_the_kernel_table(lmax):
    theta = np.concatenate([RNG.uniform(-3.0, 6.5, 6), [0.0, np.pi, 1e-4, np.pi - 1e-5, 1e-300]])
    t = np.cos(theta)
    u = np.where(t >= 0, 2.0 * np.sin(theta / 2) ** 2, 2.0 * np.cos(theta / 2) ** 2)
    s = np.sin(theta)
    a, b, sectoral = SK.legendre_recurrence_coefficients(lmax)
    ref = np.empty((theta.size, (lmax + 1) * (lmax + 2) // 2))
    SK.normalized_legendre_table(lmax, t, u, s, a, b, sectoral, ref)
    got = SK.legendre_triangle_numpy(lmax, t, u, s, a, b, sectoral).T
    # the same operations in the same order: equal to the last bit
    assert np.array_equal(got, ref)


@pytest.mark.kernel
@pytest.mark.parametrize("lmax", [0, 1, 5, 33, 400, 1000])
@pytest.mark.parametrize("is_angles", [False, True])
@pytest.mark.parametrize("complex_basis", [False, True])
def test_numpy_sph_harm_equals_the_kernels(lmax, is_angles, complex_basis):
    n = 9
    coords = _points(n) if not is_angles else np.ascontiguousarray(
        np.column_stack([RNG.uniform(-1.0, 4.0, n), RNG.uniform(-7.0, 7.0, n)]))
    if is_angles:
        coords[0, 0] = 1e-3
    a, b, sectoral = SK.legendre_recurrence_coefficients(lmax)
    work = np.empty((lmax + 1) * (lmax + 2) // 2)
    ref = np.empty((n, (lmax + 1) ** 2), dtype=complex if complex_basis else float)
    kernel = SK.complex_sph_harm_points if complex_basis else SK.real_sph_harm_points
    kernel(lmax, coords, is_angles, a, b, sectoral, work, ref)
    got = SK.sph_harm_points_numpy(lmax, coords, is_angles, a, b, sectoral, complex_basis)
    assert got.dtype == ref.dtype and got.shape == ref.shape
    # bit for bit: a call's floats must not depend on whether the kernel was compiled (threads, order of calls)
    assert np.array_equal(got.view(np.uint64), ref.view(np.uint64))


@pytest.mark.kernel
def test_public_calls_agree_on_both_paths(monkeypatch):
    pts = _points(5)
    theta = RNG.uniform(0.0, np.pi, 7)
    small = {
        "real": lambda: sph_harm_all(6, pts),
        "complex": lambda: sph_harm_all(6, pts, basis="complex", normalization="norm"),
        "table": lambda: legendre_table(6, theta),
        "D": lambda: wigner_D(3, [0.1, 2.0], [0.4, 3.0], [-0.2, 1.0]),
        "d": lambda: wigner_small_d(4, [0.0, 0.3, np.pi]),
        "D_all": lambda: wigner_D_all(3, 0.7, 1.1, -0.4),
    }
    with _dispatch.compiled_kernels():
        compiled = {k: f() for k, f in small.items()}
    # pretend no kernel is compiled and nothing was spent: every call above takes its twin
    monkeypatch.setattr(_dispatch, "JIT_ENABLED", True)
    monkeypatch.setattr(_dispatch, "is_compiled", lambda kernel: False)
    for tier in _tiers():
        monkeypatch.setattr(tier, "spent", 0.0)
    twins = {k: f() for k, f in small.items()}
    for k in small:
        assert twins[k].shape == compiled[k].shape and twins[k].dtype == compiled[k].dtype, k
        assert np.array_equal(twins[k], compiled[k]), k


def _tiers():
    from mathref.geometry import sph_harm, wigner_d

    return [v for mod in (sph_harm, wigner_d) for v in vars(mod).values() if isinstance(v, _dispatch.Tier)]


def test_tier_rules(monkeypatch):
    fake = types.SimpleNamespace(kernel=types.SimpleNamespace(signatures=()))
    tier = _dispatch.Tier(fake, "kernel")
    monkeypatch.setattr(_dispatch, "JIT_ENABLED", True)
    assert not tier.use_kernel(1e-3)  # small and nothing compiled: the twin
    assert tier.use_kernel(10 * _dispatch.SINGLE_CALL_SECONDS)  # too big for the twin: compile
    with _dispatch.compiled_kernels():
        assert tier.use_kernel(1e-3)  # the warm-up's switch
    assert not tier.use_kernel(1e-3)
    assert tier.run_twin(lambda x: x + 1, 1) == 2 and tier.spent > 0
    tier.spent = 2 * _dispatch.BUDGET_SECONDS  # a loop of small calls: compile once
    assert tier.use_kernel(1e-3)
    tier.spent = 0.0
    fake.kernel = types.SimpleNamespace(signatures=("float64",))  # compiled already: always the kernel
    assert tier.use_kernel(1e-3)
    monkeypatch.setattr(_dispatch, "JIT_ENABLED", False)  # no JIT: the "kernel" is plain Python anyway
    fake.kernel = types.SimpleNamespace(signatures=())
    assert tier.use_kernel(1e-3)


def test_python_module_reaches_no_compiled_code():
    space = _dispatch.python_module(WK)
    assert _dispatch.python_module(WK) is space
    for name in WK.__all__:
        func = getattr(space, name)
        assert isinstance(func, types.FunctionType)
        # every kernel reachable from the copies' globals is a plain function too
        for value in func.__globals__.values():
            if hasattr(value, "py_func"):
                assert isinstance(value, types.FunctionType)
    out_twin = np.empty((1, 5, 5), complex)
    out = np.empty((1, 5, 5), complex)
    args = (2, np.array([0.3]), np.array([1.2]), np.array([-0.7]))
    space.wigner_D_recursion(*args, out_twin)
    WK.wigner_D_recursion(*args, out)
    assert np.array_equal(out_twin, out)
