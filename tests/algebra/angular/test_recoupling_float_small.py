"""Small-label float 6j / 9j kernels (exact integers in doubles), the modular 9j zero proof, the scalar fast path.

Oracle: the exact :func:`mathref.algebra.wigner_6j` / ``wigner_9j`` (rounded
once, or evaluated at 300 bits through ``to_mpmath``) and Racah sums in
Python integers.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import mpmath
import numpy as np
import pytest

from mathref.algebra import wigner_6j, wigner_6j_array, wigner_9j, wigner_9j_array
from mathref.algebra.angular import _recoupling_kernels as K
from mathref.algebra.angular import is_triangle
from mathref.algebra.angular import recoupling_float as RF
from mathref.algebra.angular._float_labels import binomial_table, factorial_dd
from mathref.errors import InvalidArgumentError, InvalidLabelError

B = binomial_table()
NINE_J_TRIADS = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8))


def within_one_ulp(got: float, exact) -> bool:
    want = float(exact)
    if exact == 0:
        return got == 0.0
    return math.copysign(1.0, got) == math.copysign(1.0, want) and abs(got - want) <= math.ulp(want)


def random_rows(rng, jmax, n, size, lo=0):
    tri = ((0, 1, 2), (0, 4, 5), (3, 1, 5), (3, 4, 2)) if size == 6 else NINE_J_TRIADS
    rows = []
    while len(rows) < n:
        t = [int(x) for x in rng.integers(2 * lo, 2 * jmax + 1, size)]
        if all(is_triangle(t[i], t[j], t[k]) for i, j, k in tri):
            rows.append(t)
    return rows


def racah_sum_int(ta, tb, tc, td, te, tf):
    """Racah's 6j sum (Edmonds 1957, eq. 6.3.7, without the triangle coefficients) in Python integers."""
    a = [(ta + tb + tc) // 2, (ta + te + tf) // 2, (td + tb + tf) // 2, (td + te + tc) // 2]
    b = [(ta + tb + td + te) // 2, (ta + tc + td + tf) // 2, (tb + tc + te + tf) // 2]
    total = 0
    for k in range(max(a), min(b) + 1):
        den = math.prod(math.factorial(k - x) for x in a) * math.prod(math.factorial(x - k) for x in b)
        total += (-1) ** k * (math.factorial(k + 1) // den)
    return total


@pytest.mark.kernel
def test_racah_exact_is_the_integer_sum(jit_mode):
    racah = jit_mode(K.racah_exact)
    seen_ok = seen_refused = 0
    for row in random_rows(np.random.default_rng(1), 14, 150, 6):
        value, ok = racah(*row, B)
        exact = racah_sum_int(*row)
        if ok:
            seen_ok += 1
            assert value == exact and abs(exact) < 2**53, row
        else:  # refused: the general path takes it
            seen_refused += 1
    assert seen_ok > 20 and seen_refused > 5


@pytest.mark.kernel
def test_triangle_number_is_exact(jit_mode):
    tri = jit_mode(K.triangle_number)
    for ta, tb, tc in [(0, 0, 0), (1, 1, 2), (10, 7, 5), (40, 40, 40), (120, 100, 60)]:
        low = ((ta + tb - tc) // 2, (ta - tb + tc) // 2, (tb + tc - ta) // 2)
        want = math.factorial((ta + tb + tc) // 2 + 1) // math.prod(math.factorial(n) for n in low)
        got = tri(ta, tb, tc, B)
        assert got == (want if want < 2**53 else math.inf)


@pytest.mark.kernel
def test_six_j_small_within_one_ulp(jit_mode):
    six = jit_mode(K.six_j_small)
    ok_count = 0
    for row in random_rows(np.random.default_rng(2), 9, 200, 6):
        value, ok = six(*row, B)
        if ok:
            ok_count += 1
            assert within_one_ulp(value, wigner_6j(*(F(x, 2) for x in row))), row
    assert ok_count > 100
    # every 6j with j <= 5 is small
    assert all(six(*row, B)[1] for row in random_rows(np.random.default_rng(3), 5, 200, 6))


def test_six_j_small_against_300_bits():
    # the kernel's relative error before rounding is below 2**-100: check it, not just the rounded value
    for row in random_rows(np.random.default_rng(4), 6, 60, 6):
        value, ok = K.six_j_small.py_func(*row, B)
        exact = wigner_6j(*(F(x, 2) for x in row))
        if ok and exact != 0:
            ref = exact.to_mpmath(300)
            with mpmath.workdps(90):
                # the rounded double is within half an ulp plus 2**-100 relative of the exact value
                assert abs(mpmath.mpf(value) - ref) <= (0.5 * math.ulp(value)) + abs(ref) * mpmath.mpf(2) ** -100


@pytest.mark.kernel
def test_nine_j_small_certified_values_and_zero_proofs(jit_mode):
    nine = jit_mode(K.nine_j_small)
    for row in random_rows(np.random.default_rng(5), 3, 150, 9):
        value, status = nine(*row, B)
        assert status in (0, 1, 2)
        if status == 1:
            assert within_one_ulp(value, wigner_9j(*(F(x, 2) for x in row))), row
    # accidental zeros (no symmetry explains them) that the double-double bound cannot certify:
    # before the modular test they went to the exact path
    for row in ([1, 2, 3, 3, 1, 4, 4, 3, 3], [4, 4, 0, 3, 4, 3, 3, 4, 3], [3, 3, 4, 4, 4, 6, 1, 5, 6],
                [5, 5, 2, 8, 7, 7, 5, 8, 5], [2, 6, 4, 3, 3, 4, 5, 7, 8], [8, 10, 6, 5, 6, 7, 13, 12, 13]):
        assert wigner_9j(*(F(x, 2) for x in row)) == 0
        assert not K.nine_j_symmetry_zero.py_func(*row)
        assert nine(*row, B) == (0.0, 1), row


def test_nine_j_small_zero_test_refuses_what_it_cannot_prove():
    zero = K.nine_j_small_zero.py_func
    # (1 1 1; 1 1 1; 1 1 0) = 1/18: the sum is not zero modulo the first prime
    assert zero(2, 2, 2, 2, 2, 2, 2, 2, 0, 0.0, B) == (True, False)
    # a bound needing more primes than the list holds: unknown, so the caller goes exact
    assert zero(2, 2, 2, 2, 2, 2, 2, 2, 0, 5000.0, B) == (False, False)
    # (1 1 1; 1 1 1; 1 1 1) = 0 (sympy's test_wigner)
    assert zero(2, 2, 2, 2, 2, 2, 2, 2, 2, 0.0, B) == (True, True)


def test_no_exact_fallback_for_small_random_9j():
    # 300 random 9j with j <= 5 (half-integers included): every value certified by the kernel
    rows = np.array(random_rows(np.random.default_rng(6), 5, 300, 9), np.int64)
    out = np.zeros(len(rows))
    status = np.zeros(len(rows), np.uint8)
    assert K.nine_j_batch(*[np.ascontiguousarray(c) for c in rows.T], B, out, status) == 0
    assert (status == 1).all()


@pytest.mark.kernel
def test_general_kernels_both_ways(jit_mode):
    # labels beyond the exact-double range take the limb / scaled double-double path
    rows = [r for r in random_rows(np.random.default_rng(7), 25, 60, 6, lo=12) if not K.six_j_small.py_func(*r, B)[1]]
    rows = np.array(rows[:12], np.int64)
    out = np.zeros(len(rows))
    general = np.zeros(len(rows), np.uint8)
    cols = [np.ascontiguousarray(c) for c in rows.T]
    assert jit_mode(K.six_j_batch)(*cols, B, out, general) == len(rows) and general.all()
    jit_mode(K.six_j_batch_general)(*cols, *factorial_dd(110), out)
    for row, g in zip(rows.tolist(), out):
        assert within_one_ulp(float(g), wigner_6j(*(F(x, 2) for x in row))), row
    rows9 = [r for r in random_rows(np.random.default_rng(8), 9, 40, 9, lo=5) if K.nine_j_small.py_func(*r, B)[1] == 2]
    rows9 = np.array(rows9[:4], np.int64)
    out = np.zeros(len(rows9))
    cert = np.zeros(len(rows9), np.uint8)
    jit_mode(K.nine_j_batch_general)(*[np.ascontiguousarray(c) for c in rows9.T], *factorial_dd(80), out, cert)
    for row, g, ok in zip(rows9.tolist(), out, cert):
        if ok:
            assert within_one_ulp(float(g), wigner_9j(*(F(x, 2) for x in row))), row


# ------------------------------------------------------------- the one-symbol fast path
def test_fast_path_takes_only_plain_labels():
    assert RF._plain_doubled((1, 2, 0.5, 0, 10000, 1.0)) == [2, 4, 1, 0, 20000, 2]
    assert RF._plain_doubled((np.int64(3), np.float64(1.5))) == [6, 3]
    for bad in (-1, 10001, 0.3, float("nan"), float("inf"), -0.5, True, np.int32(1), F(1, 2), "1", None, [1],
                np.float64("nan"), np.int64(-2), np.array(1)):
        assert RF._plain_doubled((1, 1, bad)) is None


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1, 10**30, 0.25, 10000.5])
def test_fast_path_rejections_still_raise(bad):
    with pytest.raises((InvalidLabelError, InvalidArgumentError), match="j1"):
        wigner_6j_array(bad, 1, 1, 1, 1, 1)
    with pytest.raises((InvalidLabelError, InvalidArgumentError), match="j9"):
        wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, bad)


def test_fast_path_same_values_as_the_general_path():
    for row in random_rows(np.random.default_rng(9), 6, 40, 6):
        plain = wigner_6j_array(*(x / 2 for x in row))
        general = wigner_6j_array(*(F(x, 2) for x in row))
        assert type(plain) is np.float64 and plain == general
    for row in random_rows(np.random.default_rng(10), 3, 20, 9):
        plain = wigner_9j_array(*(x / 2 for x in row))
        general = wigner_9j_array(*(np.float64(x / 2) for x in row))
        assert type(plain) is np.float64 and plain == general


def test_public_functions_mix_small_and_general_rows():
    # one array holding labels for both kernels: the rows the small kernel leaves go to the general one
    rows = random_rows(np.random.default_rng(11), 3, 20, 6) + random_rows(np.random.default_rng(12), 30, 10, 6, lo=15)
    got = wigner_6j_array(*(np.array(rows).T / 2))
    for row, g in zip(rows, got):
        assert within_one_ulp(float(g), wigner_6j(*(F(x, 2) for x in row))), row
    rows = random_rows(np.random.default_rng(13), 2, 10, 9) + random_rows(np.random.default_rng(14), 9, 3, 9, lo=6)
    got = wigner_9j_array(*(np.array(rows).T / 2))
    for row, g in zip(rows, got):
        assert within_one_ulp(float(g), wigner_9j(*(F(x, 2) for x in row))), row
    assert within_one_ulp(float(wigner_9j_array(*(x / 2 for x in rows[-1]))), wigner_9j(*(F(x, 2) for x in rows[-1])))
    assert within_one_ulp(float(wigner_6j_array(20, 20, 20, 20, 20, 20)), wigner_6j(20, 20, 20, 20, 20, 20))
