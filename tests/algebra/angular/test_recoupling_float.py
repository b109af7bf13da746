"""Float 6j / 9j arrays: accuracy against the exact symbols, adversarial labels, kernels both ways, bad input.

Oracle: ``float()`` of the exact :func:`mathref.algebra.wigner_6j` / ``wigner_9j``
(correctly rounded), itself equal to sympy.physics.wigner (tests/algebra/angular/
test_coupling.py).  Independent high-precision check: mpmath evaluation of
Racah's sum at 300 digits for labels with heavy cancellation.
"""

from __future__ import annotations

import math
import pickle
from fractions import Fraction as F

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import wigner_6j, wigner_6j_array, wigner_9j, wigner_9j_array
from mathref.algebra.angular import _recoupling_kernels as K
from mathref.algebra.angular import is_triangle
from mathref.algebra.angular._float_labels import binomial_table, factorial_dd
from mathref.errors import InvalidLabelError


def within_one_ulp(got: float, exact) -> bool:
    want = float(exact)
    if not math.isfinite(got):
        return False
    if exact == 0:
        return got == 0.0
    if math.copysign(1.0, got) != math.copysign(1.0, want):
        return False
    return abs(got - want) <= math.ulp(want)


def random_6j(rng, jmax, n):
    rows = []
    while len(rows) < n:
        t = [int(x) for x in rng.integers(0, 2 * jmax + 1, 6)]
        a, b, c, d, e, f = t
        if is_triangle(a, b, c) and is_triangle(a, e, f) and is_triangle(d, b, f) and is_triangle(d, e, c):
            rows.append(t)
    return np.array(rows, np.int64)


def random_9j(rng, jmax, n):
    rows = []
    while len(rows) < n:
        t = [int(x) for x in rng.integers(0, 2 * jmax + 1, 9)]
        tri = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8))
        if all(is_triangle(t[i], t[j], t[k]) for i, j, k in tri):
            rows.append(t)
    return np.array(rows, np.int64)


@pytest.mark.parametrize("jmax, n", [(3, 300), (12, 200), (50, 60)])
def test_6j_within_one_ulp_of_exact(jmax, n):
    labels = random_6j(np.random.default_rng(jmax), jmax, n)
    got = wigner_6j_array(*(labels.T / 2))
    for row, g in zip(labels, got):
        exact = wigner_6j(*(F(int(x), 2) for x in row))
        assert within_one_ulp(float(g), exact), (row, g, float(exact))


@pytest.mark.parametrize("jmax, n", [(2, 200), (6, 60), (15, 15)])
def test_9j_within_one_ulp_of_exact(jmax, n):
    labels = random_9j(np.random.default_rng(jmax), jmax, n)
    got = wigner_9j_array(*(labels.T / 2))
    for row, g in zip(labels, got):
        exact = wigner_9j(*(F(int(x), 2) for x in row))
        assert within_one_ulp(float(g), exact), (row, g, float(exact))


def _six_j_mpmath(a, b, c, d, e, f, dps=300):
    """Racah's sum in mpmath at ``dps`` digits: an oracle independent of both mathref paths."""
    with mpmath.workdps(dps):
        fac = mpmath.factorial

        def delta(x, y, z):
            return fac(x + y - z) * fac(x - y + z) * fac(-x + y + z) / fac(x + y + z + 1)

        pre = mpmath.sqrt(delta(a, b, c) * delta(a, e, f) * delta(d, b, f) * delta(d, e, c))
        lo = int(max(a + b + c, a + e + f, d + b + f, d + e + c))
        hi = int(min(a + b + d + e, a + c + d + f, b + c + e + f))
        total = mpmath.mpf(0)
        for k in range(lo, hi + 1):
            total += (-1) ** k * fac(k + 1) / (
                fac(k - a - b - c) * fac(k - a - e - f) * fac(k - d - b - f) * fac(k - d - e - c)
                * fac(a + b + d + e - k) * fac(a + c + d + f - k) * fac(b + c + e + f - k)
            )
        return pre * total


@pytest.mark.parametrize(
    "labels",
    [
        (200, 200, 200, 200, 200, 200),  # terms exceed the value by hundreds of orders of magnitude
        (300, 250, 150, 260, 240, 180),
        (1000, 1000, 1000, 1000, 1000, 1000),
        (F(801, 2), 400, F(401, 2), F(799, 2), 399, F(403, 2)),
    ],
)
def test_6j_huge_cancellation_against_mpmath(labels):
    got = float(wigner_6j_array(*labels))
    ref = _six_j_mpmath(*(mpmath.mpf(F(x).numerator) / F(x).denominator for x in labels))
    want = float(ref)
    assert got != 0.0 and math.copysign(1, got) == math.copysign(1, want)
    assert abs(got - want) <= math.ulp(want)


def test_9j_structural_and_accidental_zeros_are_exact():
    # rows/columns that fail a triangle, and a known nontrivial zero (sympy's test_wigner)
    assert wigner_9j_array(5, 5, 5, 5, 5, 5, 5, 5, 5) == 0.0
    assert wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, 1) == 0.0
    assert wigner_9j_array(1, 1, 3, 1, 1, 1, 1, 1, 1) == 0.0
    assert wigner_6j_array(1, 1, 3, 1, 1, 1) == 0.0


def test_shapes_broadcast_and_scalars():
    v = wigner_6j_array(1, 1, 1, 1, 1, 1)
    assert isinstance(v, np.float64) and v == 1 / 6
    arr = wigner_6j_array(np.arange(4)[:, None], 1, 1, 1, 1, np.arange(3))
    assert arr.shape == (4, 3)
    assert wigner_9j_array([], 1, 1, 1, 1, 1, 1, 1, 0).shape == (0,)
    assert float(wigner_6j_array(np.array(1), np.int32(1), 1.0, F(1), 1, 1)) == 1 / 6
    assert float(wigner_9j_array(0.5, 0.5, 0, 0.5, 0.5, 0, 1, 1, 0)) == float(wigner_9j(F(1, 2), F(1, 2), 0, F(1, 2),
                                                                                         F(1, 2), 0, 1, 1, 0))


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: wigner_6j_array(-1, 1, 1, 1, 1, 1), "j1"),
        (lambda: wigner_6j_array(0.3, 1, 1, 1, 1, 1), "j1"),
        (lambda: wigner_6j_array(1, 1, 1, 1, 1, 10001), "j6"),
        (lambda: wigner_6j_array(np.array([2**63], np.uint64), 1, 1, 1, 1, 1), "j1"),
        (lambda: wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, [1, -2]), "j9"),
        (lambda: wigner_6j_array([1, 2], [1, 2, 3], 1, 1, 1, 1), "broadcast"),
    ],
)
def test_bad_labels_name_the_argument(call, match):
    with pytest.raises(InvalidLabelError, match=match):
        call()


def test_bad_types():
    with pytest.raises(TypeError):
        wigner_6j_array("1", 1, 1, 1, 1, 1)
    with pytest.raises(TypeError):
        wigner_9j_array(True, 1, 1, 1, 1, 1, 1, 1, 0)


@settings(max_examples=40)
@given(st.lists(st.integers(0, 8), min_size=6, max_size=6))
def test_6j_symmetries_in_float(t):
    a, b, c, d, e, f = (F(x, 2) for x in t)
    v = wigner_6j_array(a, b, c, d, e, f)
    assert wigner_6j_array(b, a, c, e, d, f) == v
    assert wigner_6j_array(a, e, f, d, b, c) == v
    assert np.isfinite(v)


# ------------------------------------------------------------- kernels, compiled and pure Python
def test_six_j_kernel_both_ways(jit_mode):
    labels = random_6j(np.random.default_rng(5), 6, 40)
    fact = factorial_dd(64)
    out = np.zeros(len(labels))
    cols = [np.ascontiguousarray(c) for c in labels.T]
    general = np.zeros(len(labels), np.uint8)
    jit_mode(K.six_j_batch)(*cols, binomial_table(), out, general)
    for row, g, big in zip(labels, out, general):
        if not big:  # the small-label kernel's rows; the general kernel below takes every row
            assert within_one_ulp(float(g), wigner_6j(*(F(int(x), 2) for x in row)))
    jit_mode(K.six_j_batch_general)(*cols, *fact, out)
    for row, g in zip(labels, out):
        assert within_one_ulp(float(g), wigner_6j(*(F(int(x), 2) for x in row)))


def test_nine_j_kernel_both_ways(jit_mode):
    labels = random_9j(np.random.default_rng(6), 3, 30)
    fact = factorial_dd(64)
    out = np.zeros(len(labels))
    cert = np.zeros(len(labels), np.uint8)
    cols = [np.ascontiguousarray(c) for c in labels.T]
    jit_mode(K.nine_j_batch)(*cols, binomial_table(), out, cert)
    for row, g, ok in zip(labels, out, cert):
        if ok == 1:  # certified by the small-label kernel (2: too large for it, 0: exact path)
            assert within_one_ulp(float(g), wigner_9j(*(F(int(x), 2) for x in row)))
    jit_mode(K.nine_j_batch_general)(*cols, *fact, out, cert)
    for row, g, ok in zip(labels, out, cert):
        if ok:  # a certified value is within one ulp; the others go to the exact path in the public function
            assert within_one_ulp(float(g), wigner_9j(*(F(int(x), 2) for x in row)))


def test_error_bounds_are_bounds():
    # the bound the 9j certificate relies on, against the exact 6j at several sizes
    for labels in ((20, 20, 20, 20, 20, 20), (80, 60, 40, 70, 50, 30), (400, 400, 400, 400, 400, 400)):
        t = [2 * x for x in labels]
        fact = factorial_dd(4 * max(t) + 4)
        num = np.zeros(K.six_j_limb_bound_for(max(t)), np.int64)
        den = np.zeros_like(num)
        h, lo, e = K.six_j_scaled(*t, *fact, num, den)
        exact = wigner_6j(*labels)
        with mpmath.workdps(60):
            got = (mpmath.mpf(h) + mpmath.mpf(lo)) * mpmath.mpf(2) ** e
            rel = abs(got - exact.to_mpmath(200)) / abs(exact.to_mpmath(200))
        assert rel <= K.six_j_rel_error(max((t[0] + t[1] + t[3] + t[4]) // 2, 1) + 2)


def test_results_pickle():
    v = wigner_9j_array([1, 1], 1, 1, 1, 1, 1, 1, 1, 0)
    assert np.array_equal(pickle.loads(pickle.dumps(v)), v)


@pytest.mark.parametrize("jmax, n, seed", [(3, 150, 31), (6, 80, 32), (15, 15, 33)])
def test_nine_j_error_bound_covers_the_exact_error(jmax, n, seed):
    # the factored 9j sum (Racah sums and triangle coefficients, one square root) returns an
    # absolute error bound; check it against the exact symbol at 300 bits, half-integers included
    fact = factorial_dd(8 * jmax + 4)
    for row in random_9j(np.random.default_rng(seed), jmax, n).tolist():
        top = max(row)
        num = np.zeros(K.six_j_limb_bound_for(2 * top), np.int64)
        den = np.zeros_like(num)
        th, tl, te = np.zeros(top + 2), np.zeros(top + 2), np.zeros(top + 2, np.int64)
        h, lo, e, bound = K.nine_j_scaled(*row, *fact, num, den, th, tl, te)
        exact = wigner_9j(*(F(x, 2) for x in row)).to_mpmath(300)
        with mpmath.workdps(90):
            got = (mpmath.mpf(h) + mpmath.mpf(lo)) * mpmath.mpf(2) ** e
            assert abs(got - exact) <= mpmath.mpf(bound) * mpmath.mpf(2) ** e, row


def test_nine_j_symmetry_zeros_are_exact_zeros(jit_mode):
    # every 9j the symmetry test calls zero is zero exactly; (5 5 5; 5 5 5; 5 5 5) is one of them
    zero = jit_mode(K.nine_j_symmetry_zero)
    assert zero(*(10,) * 9) and wigner_9j(*(5,) * 9) == 0
    found = 0
    for row in random_9j(np.random.default_rng(41), 3, 400).tolist():
        if zero(*row):
            found += 1
            assert wigner_9j(*(F(x, 2) for x in row)) == 0, row
    assert found > 10
    assert not zero(2, 2, 2, 2, 2, 2, 2, 2, 0)  # 1/18
