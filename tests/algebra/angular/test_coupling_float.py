"""Float CG / 3j paths: accuracy against the exact values, laws in float, kernels, bad input.

Sources:
- Particle Data Group, "Clebsch-Gordan coefficients, spherical harmonics, and d
  functions" (Review of Particle Physics): the 1/2 x 1/2, 1 x 1/2 and 1 x 1 tables.
- sympy.physics.wigner (independent exact implementation) for a few spot values.
- The exact ``algebra.wigner_3j`` / ``algebra.clebsch_gordan``, whose ``float()``
  is correctly rounded, as the oracle for the accuracy contract (rtol 1e-15).
- Edmonds, Angular Momentum in Quantum Mechanics (1957), eqs. 3.5.4-5 and
  3.7.5-8 (orthogonality, column permutations, m -> -m).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st
from sympy.physics import wigner as sw

from mathref import algebra
from mathref.algebra import (
    clebsch_gordan,
    clebsch_gordan_array,
    clebsch_gordan_table,
    wigner_3j,
    wigner_3j_array,
    wigner_3j_table,
)
from mathref.algebra.angular import _coupling_kernels as K
from mathref.algebra.angular.coupling_float import _factorial_table
from mathref.algebra.strategies import clebsch_gordan_labels, three_j_labels, triangle_triples

RTOL = 1e-15  # documented contract; the brief's requirement is 1e-13


def assert_matches_exact(got: float, exact) -> None:
    """Relative error <= RTOL, exact sign, exact zeros, never NaN/inf."""
    want = float(exact)
    assert math.isfinite(got), (got, exact)
    if exact == 0:
        assert got == 0.0, (got, exact)
        return
    assert math.copysign(1.0, got) == math.copysign(1.0, want), (got, exact)
    if abs(want) >= 2.2250738585072014e-308:
        assert abs(got - want) <= RTOL * abs(want), (got, want, abs(got - want) / abs(want))
        # stronger than the contract: the kernel is within 2**-90 of the exact value,
        # so it can miss correct rounding only by one ulp, next to a rounding tie
        assert abs(got - want) <= math.ulp(want), (got, want)
    else:  # subnormal or underflowed: one subnormal ulp
        assert abs(got - want) <= 5e-324, (got, want)


def doubled(labels):
    return [int(2 * F(x)) for x in labels]


# ------------------------------------------------------------------ published tables
H = 0.5
PDG_CG = [
    # (j1, m1, j2, m2, j, m, signed square of the value)
    (H, H, H, -H, 1, 0, F(1, 2)),
    (H, -H, H, H, 1, 0, F(1, 2)),
    (H, H, H, -H, 0, 0, F(1, 2)),
    (H, -H, H, H, 0, 0, F(-1, 2)),
    (1, 1, H, -H, 1.5, H, F(1, 3)),
    (1, 0, H, H, 1.5, H, F(2, 3)),
    (1, 1, H, -H, H, H, F(2, 3)),
    (1, 0, H, H, H, H, F(-1, 3)),
    (1, 1, 1, -1, 2, 0, F(1, 6)),
    (1, 0, 1, 0, 2, 0, F(2, 3)),
    (1, -1, 1, 1, 2, 0, F(1, 6)),
    (1, 1, 1, -1, 1, 0, F(1, 2)),
    (1, 0, 1, 0, 1, 0, F(0)),
    (1, -1, 1, 1, 1, 0, F(-1, 2)),
    (1, 1, 1, -1, 0, 0, F(1, 3)),
    (1, 0, 1, 0, 0, 0, F(-1, 3)),
    (1, -1, 1, 1, 0, 0, F(1, 3)),
    (1, 1, 1, 0, 2, 1, F(1, 2)),
    (1, 1, 1, 0, 1, 1, F(1, 2)),
    (1, 0, 1, 1, 1, 1, F(-1, 2)),
]


@pytest.mark.parametrize("row", PDG_CG)
def test_pdg_table_values(row):
    *labels, sq = row
    want = math.copysign(math.sqrt(abs(sq)), sq)
    got = clebsch_gordan_array(*labels)
    assert got == pytest.approx(want, rel=1e-15, abs=0)
    t = clebsch_gordan_table(labels[0], labels[2], labels[4])
    j1, m1, j2, m2, j, m = labels
    assert t[int(j1 + m1), int(j2 + m2), int(j + m)] == got


@pytest.mark.parametrize(
    "labels",
    [(2, 6, 4, 0, 0, 0), (F(7, 2), 3, F(5, 2), F(-3, 2), 2, F(-1, 2)), (10, 12, 7, -3, 5, -2), (40, 35, 20, 7, -9, 2)],
)
def test_spot_values_against_sympy(labels):
    want = float(sw.wigner_3j(*[sympy.Rational(F(x).numerator, F(x).denominator) for x in labels]))
    assert wigner_3j_array(*labels) == pytest.approx(want, rel=1e-15, abs=0)


# ------------------------------------------------------------------ float vs exact
@given(st.lists(three_j_labels(max_j=200), min_size=1, max_size=12))
@example([(36, 30, 34, 4, -4, 0)])  # wigners 0.4.1 is off by 5.7e-11 relative here
@example([(F(3, 2), F(3, 2), 2, F(-1, 2), F(-1, 2), 1)])  # a structural zero
@example([(200, 200, 400, 200, -200, 0), (200, 200, 200, 0, 0, 0), (200, 200, 200, 200, -200, 0)])
def test_3j_matches_exact_up_to_200(batch):
    cols = list(zip(*batch))
    got = wigner_3j_array(*[np.array([float(x) for x in c]) for c in cols])
    for labels, g in zip(batch, got):
        assert_matches_exact(float(g), wigner_3j(*labels))


@given(st.lists(clebsch_gordan_labels(max_j=200), min_size=1, max_size=12))
@example([(100, -37, 80, 12, 60, -25)])
def test_cg_matches_exact_up_to_200(batch):
    cols = list(zip(*batch))
    got = clebsch_gordan_array(*[np.array([float(x) for x in c]) for c in cols])
    for labels, g in zip(batch, got):
        assert_matches_exact(float(g), clebsch_gordan(*labels))


@st.composite
def mid_j_labels(draw):
    """3j labels with every j in 50..120 and a valid m-sum (where `spherical` fails)."""
    t1 = draw(st.integers(100, 240))
    t2 = draw(st.integers(100, 240))
    lo, hi = max(abs(t1 - t2), 100 + (t1 + t2) % 2), min(t1 + t2, 240)
    t3 = lo + 2 * draw(st.integers(0, (hi - lo) // 2))
    u1 = t1 - 2 * draw(st.integers(0, t1))
    lo2, hi2 = max(-t2, -t3 - u1), min(t2, t3 - u1)
    u2 = lo2 + 2 * draw(st.integers(0, (hi2 - lo2) // 2))
    return tuple(F(t, 2) for t in (t1, t2, t3, u1, u2, -u1 - u2))


@given(st.lists(mid_j_labels(), min_size=4, max_size=12))
def test_3j_signs_in_the_region_where_spherical_fails(batch):
    # `spherical` 1.1 gets ~2% of signs wrong for random 3j with j in 50..120
    cols = list(zip(*batch))
    got = wigner_3j_array(*cols)
    for labels, g in zip(batch, got):
        assert_matches_exact(float(g), wigner_3j(*labels))


LARGE_J = [
    (1000, 1000, 1000, 0, 0, 0),
    (1000, 900, 800, -300, 250, 50),
    (1000, 1000, 2000, 0, 0, 0),
    (1000, 500, 500, 0, 0, 0),
    (1000, 1000, 1000, 1000, -1000, 0),  # 4.7e-116
    (1000, 1000, 1000, 1000, -500, -500),
    (500, 500, 1000, 500, -500, 0),  # 1.6e-302, just inside the normal range
    (530, 530, 1060, 530, -530, 0),  # 1.3e-320, subnormal
    (550, 550, 1100, 550, -550, 0),  # 1.2e-332, underflows to +0.0
    (1000, F(1999, 2), F(3999, 2), 1000, F(-1999, 2), F(-1, 2)),  # -1.7e-603 -> -0.0
    (F(1999, 2), 1000, F(3999, 2), F(-1999, 2), 1000, F(-1, 2)),  # +1.7e-603 -> +0.0
    (F(1999, 2), F(1001, 2), 700, F(-301, 2), F(555, 2), -127),
    (999, 998, 997, -400, 401, -1),
]


@pytest.mark.parametrize("labels", LARGE_J)
def test_pinned_large_j_against_exact(labels):
    got = float(wigner_3j_array(*labels))
    assert_matches_exact(got, wigner_3j(*labels))
    want = float(wigner_3j(*labels))
    assert got == want and math.copysign(1, got) == math.copysign(1, want)


def test_cg_large_j_against_exact():
    labels = (1000, -300, 900, 250, 800, -50)
    assert_matches_exact(float(clebsch_gordan_array(*labels)), clebsch_gordan(*labels))


def random_3j_labels(rng, n, lo_j, hi_j):
    """Doubled 3j labels, j in [lo_j, hi_j], triangle and m-sum valid, m's uniform."""
    rows = []
    while len(rows) < n:
        t1, t2 = (int(x) for x in rng.integers(2 * lo_j, 2 * hi_j + 1, 2))
        lo, hi = max(abs(t1 - t2), 2 * lo_j + (t1 + t2) % 2), min(t1 + t2, 2 * hi_j)
        if lo > hi:
            continue
        t3 = lo + 2 * int(rng.integers(0, (hi - lo) // 2 + 1))
        u1 = t1 - 2 * int(rng.integers(0, t1 + 1))
        u2 = t2 - 2 * int(rng.integers(0, t2 + 1))
        if abs(u1 + u2) <= t3:
            rows.append((t1, t2, t3, u1, u2, -u1 - u2))
    return np.array(rows).T


def test_no_nan_or_inf_up_to_1000():
    labels = random_3j_labels(np.random.default_rng(2026), 120, 900, 1000)
    vals = wigner_3j_array(*(labels / 2))
    assert np.all(np.isfinite(vals))
    assert np.all(np.abs(vals) <= 1.0)
    assert np.count_nonzero(vals) > 100
    for i in range(0, 120, 30):  # and the signs are right
        assert_matches_exact(float(vals[i]), wigner_3j(*(F(int(x), 2) for x in labels[:, i])))


@pytest.mark.slow
def test_random_large_j_against_exact_slow():
    labels = random_3j_labels(np.random.default_rng(11), 300, 200, 1000)
    vals = wigner_3j_array(*(labels / 2))
    for i in range(labels.shape[1]):
        assert_matches_exact(float(vals[i]), wigner_3j(*(F(int(x), 2) for x in labels[:, i])))
    cg = clebsch_gordan_array(labels[0] / 2, labels[3] / 2, labels[1] / 2, labels[4] / 2, labels[2] / 2, -labels[5] / 2)
    for i in range(0, labels.shape[1], 10):
        t1, t2, t3, u1, u2, u3 = (F(int(x), 2) for x in labels[:, i])
        assert_matches_exact(float(cg[i]), clebsch_gordan(t1, u1, t2, u2, t3, -u3))


def test_structural_zeros_are_exact():
    zeros = []
    for t1 in range(13):
        for t2 in range(t1 + 1):
            for t3 in range(t1 - t2, t1 + t2 + 1, 2):
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        u3 = -u1 - u2
                        if abs(u3) <= t3 and wigner_3j(*(F(x, 2) for x in (t1, t2, t3, u1, u2, u3))) == 0:
                            zeros.append((t1, t2, t3, u1, u2, u3))
    assert len(zeros) > 100
    arr = np.array(zeros).T / 2
    assert np.all(wigner_3j_array(*arr) == 0.0)


# ------------------------------------------------------------------ laws in float
@given(three_j_labels(max_j=60), st.permutations(range(3)), st.booleans())
def test_3j_column_permutations_and_m_reversal(labels, perm, flip):
    js, ms = labels[:3], labels[3:]
    base = float(wigner_3j_array(*labels))
    pj = [js[i] for i in perm]
    pm = [(-ms[i] if flip else ms[i]) for i in perm]
    odd = sum(1 for a in range(3) for b in range(a + 1, 3) if perm[a] > perm[b]) % 2
    phase = (-1) ** int(sum(js)) if (odd + flip) % 2 else 1
    assert float(wigner_3j_array(*pj, *pm)) == pytest.approx(phase * base, rel=1e-15, abs=0)


@given(st.tuples(st.integers(0, 24), st.integers(0, 24)))
def test_cg_tables_form_an_orthogonal_matrix(tt):
    j1, j2 = F(tt[0], 2), F(tt[1], 2)
    n1, n2 = tt[0] + 1, tt[1] + 1
    blocks = [clebsch_gordan_table(j1, j2, F(t, 2)).reshape(n1 * n2, -1)
              for t in range(abs(tt[0] - tt[1]), tt[0] + tt[1] + 1, 2)]
    u = np.hstack(blocks)
    assert u.shape == (n1 * n2, n1 * n2)
    np.testing.assert_allclose(u @ u.T, np.eye(n1 * n2), atol=2e-15 * n1 * n2, rtol=0)
    np.testing.assert_allclose(u.T @ u, np.eye(n1 * n2), atol=2e-15 * n1 * n2, rtol=0)


@given(triangle_triples(max_j=15))
def test_3j_table_orthogonality(triple):
    t = wigner_3j_table(*triple)
    gram = np.einsum("abm,abn->mn", t, t)
    np.testing.assert_allclose(gram, np.eye(t.shape[2]) / t.shape[2], atol=1e-15, rtol=0)


@given(triangle_triples(max_j=8))
def test_tables_agree_with_arrays(triple):
    j1, j2, j = triple
    m1 = np.arange(-j1, j1 + 1)[:, None, None]
    m2 = np.arange(-j2, j2 + 1)[None, :, None]
    m = np.arange(-j, j + 1)[None, None, :]
    np.testing.assert_array_equal(clebsch_gordan_table(j1, j2, j), clebsch_gordan_array(j1, m1, j2, m2, j, m))
    np.testing.assert_array_equal(wigner_3j_table(j1, j2, j), wigner_3j_array(j1, j2, j, m1, m2, m))


@given(clebsch_gordan_labels(max_j=30))
def test_cg_is_scaled_3j(labels):
    j1, m1, j2, m2, j, m = labels
    cg = float(clebsch_gordan_array(*labels))
    w = float(wigner_3j_array(j1, j2, j, m1, m2, -m))
    phase = -1 if int(j1 - j2 + m) % 2 else 1
    assert cg == pytest.approx(phase * math.sqrt(2 * j + 1) * w, rel=1e-15, abs=0)


# ------------------------------------------------------------------ selection rules, shapes, inputs
def test_selection_rules_give_zero():
    assert wigner_3j_array(1, 1, 1, 1, 0, 0) == 0.0  # m-sum
    assert wigner_3j_array(1, 1, 1, 2, -2, 0) == 0.0  # |m| > j
    assert wigner_3j_array(1, 1, 3, 0, 0, 0) == 0.0  # triangle
    assert clebsch_gordan_array(1, 1, 1, 0, 2, 0) == 0.0  # m1 + m2 != m
    assert clebsch_gordan_array(1, 1, 1, 0, 3, 1) == 0.0
    assert not np.any(clebsch_gordan_table(1, 1, 3))
    assert not np.any(wigner_3j_table(1, H, 1))  # half-integer sum


def test_shapes_scalars_and_label_types():
    v = wigner_3j_array(1, 1, 0, 1, -1, 0)
    assert isinstance(v, np.float64)
    out = wigner_3j_array(np.arange(3)[:, None], 2, 2, 0, [0, 0, 0, 0], 0)
    assert out.shape == (3, 4)
    assert wigner_3j_array([], [], [], [], [], []).shape == (0,)
    ref = float(wigner_3j(F(7, 2), 3, F(5, 2), F(-3, 2), 2, F(-1, 2)))
    for labels in [
        (F(7, 2), 3, F(5, 2), F(-3, 2), 2, F(-1, 2)),
        (3.5, 3.0, 2.5, -1.5, 2.0, -0.5),
        (sympy.Rational(7, 2), sympy.Integer(3), sympy.Rational(5, 2), sympy.Rational(-3, 2), 2, sympy.Rational(-1, 2)),
        (3.5, np.int64(3), np.float32(2.5), -1.5, np.int8(2), -0.5),
    ]:
        assert wigner_3j_array(*labels) == ref
    assert clebsch_gordan_table(np.int64(1), 1.0, F(2)).shape == (3, 3, 5)
    a, b = clebsch_gordan_table(1, 1, 1), clebsch_gordan_table(1, 1, 1)
    a[0, 0, 0] = 7.0
    assert b[0, 0, 0] != 7.0  # fresh arrays


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: wigner_3j_array(0.3, 1, 1, 0, 0, 0), "j1"),
        (lambda: wigner_3j_array(1, [1, -1], 1, 0, 0, 0), "j2"),
        (lambda: wigner_3j_array(1, 1, 1, 0, 0.5, -0.5), "j2"),  # parity of j2 and m2
        (lambda: wigner_3j_array(1, 1, 1, 0, 0, float("nan")), "m3"),
        (lambda: wigner_3j_array(1, 1, 20001, 0, 0, 0), "j3"),
        (lambda: clebsch_gordan_array(1, 0, 1, 0, 1, np.array([0.25])), "m"),
        (lambda: clebsch_gordan_array(1, 0, 1, 0, -1, 0), "j"),
        (lambda: clebsch_gordan_array(1, 0, 1.5, 0, 1, 0), "j2"),
        (lambda: clebsch_gordan_table(1, F(1, 3), 1), "j2"),
        (lambda: clebsch_gordan_table(-1, 1, 1), "j1"),
        (lambda: wigner_3j_table(1, 1, 10000.5 + 1), "j3"),
    ],
)
def test_bad_labels_raise_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call()


def test_object_arrays_of_exact_labels():
    js = np.array([F(7, 2), sympy.Rational(5, 2)], dtype=object)
    got = wigner_3j_array(js, 3, [F(5, 2), F(5, 2)], [F(-3, 2), F(1, 2)], 2, [F(-1, 2), F(-5, 2)])
    want = [wigner_3j(F(7, 2), 3, F(5, 2), F(-3, 2), 2, F(-1, 2)), wigner_3j(F(5, 2), 3, F(5, 2), F(1, 2), 2, F(-5, 2))]
    for g, w in zip(got, want):
        assert_matches_exact(float(g), w)
    with pytest.raises(ValueError, match=r"\bm2\b"):
        wigner_3j_array(1, 1, 1, 0, np.array([F(1, 3)], dtype=object), 0)


def test_bad_types_and_shapes():
    with pytest.raises(TypeError, match="j1"):
        wigner_3j_array("1", 1, 1, 0, 0, 0)
    with pytest.raises(TypeError, match="m1"):
        wigner_3j_array(1, 1, 1, True, 0, 0)
    with pytest.raises(TypeError, match="j"):
        clebsch_gordan_table(1, 1, "x")
    with pytest.raises(ValueError, match="broadcast"):
        wigner_3j_array([1, 1], [1, 1, 1], 1, 0, 0, 0)


# ------------------------------------------------------------------ kernels: compiled vs plain Python
LIMB = 1 << K.LIMB_BITS


def to_limbs(n: int, size: int) -> tuple[np.ndarray, int]:
    arr = np.zeros(size, np.int64)
    k = 0
    while n:
        arr[k] = n % LIMB
        n //= LIMB
        k += 1
    return arr, k


def from_limbs(arr, k) -> int:
    return sum(int(arr[i]) << (K.LIMB_BITS * i) for i in range(k))


@pytest.mark.kernel
@given(st.integers(0, 1 << 400), st.integers(1, (1 << 31) - 1), st.integers(1, (1 << 31) - 1), st.integers(1, 3000))
def test_big_integer_helpers_match_python_ints(x, f1, f2, f3):
    for kernel_name in ("compiled", "python"):
        pick = (lambda k: k) if kernel_name == "compiled" else (lambda k: k.py_func)
        a, n = to_limbs(x, 40)
        n = pick(K.big_mul_three)(a, n, f1, f2, f3)
        assert from_limbs(a, n) == x * f1 * f2 * f3
        y = x * f1 * f2 * f3
        b, nb = to_limbs(x + f3, 40)
        a, n = to_limbs(y, 40)
        n = pick(K.big_add_into)(a, n, b, nb)
        assert from_limbs(a, n) == y + x + f3
        lo, hi = sorted((y, x + f3))
        a, n = to_limbs(lo, 40)
        h, nh = to_limbs(hi, 40)
        assert pick(K.big_compare)(a, n, h, nh) == (0 if lo == hi else -1)
        n = pick(K.big_sub_into)(a, n, h, nh, True)
        assert from_limbs(a, n) == hi - lo
        if y:
            a, n = to_limbs(y, 40)
            hh, ll, e = pick(K.big_to_dd)(a, n)
            assert 0.5 <= hh < 1
            err = (F(hh) + F(ll)) * F(2) ** e - y
            assert abs(err) <= F(y, 1 << 89)


@pytest.mark.kernel
@given(
    st.integers(1, 1 << 300), st.integers(1, 1 << 300), st.sampled_from([1, -1]),
    st.integers(1, (1 << 32) - 1), st.integers(1, (1 << 32) - 1),
)
@example(1, 1, 1, 1, 1)  # P becomes zero
@example(150909484801818622, 653198148336005478, -1, 2447285472, 1344540214)  # carry into a new limb
def test_fused_horner_step_matches_python_ints(p, q, sign, a, b):
    for pick in (lambda k: k, lambda k: k.py_func):
        num, nn = to_limbs(p, 40)
        den, nd = to_limbs(q, 40)
        num[nn:] = 7  # stale limbs from an earlier symbol must not leak in
        den[nd:] = 9
        nn, new_sign, nd = pick(K.big_horner_step)(num, nn, sign, den, nd, a, b)
        assert from_limbs(den, nd) == b * q
        assert new_sign * from_limbs(num, nn) == b * q - a * sign * p
        assert (new_sign == 0) == (b * q == a * sign * p)


@pytest.mark.kernel
@given(st.floats(0.5, 1.0, exclude_max=True), st.floats(0.5, 1.0, exclude_max=True))
def test_double_double_operations(a, b):
    al, bl = a * 2.0**-60, -b * 2.0**-61
    A, B = F(a) + F(al), F(b) + F(bl)
    for pick in (lambda k: k, lambda k: k.py_func):
        h, l = pick(K.dd_mul)(a, al, b, bl)
        assert abs(F(h) + F(l) - A * B) <= A * B * F(1, 1 << 100)
        h, l = pick(K.dd_div)(a, al, b, bl)
        assert abs(F(h) + F(l) - A / B) <= A / B * F(1, 1 << 100)
        h, l = pick(K.dd_sqrt)(a, al)
        assert abs((F(h) + F(l)) ** 2 - A) <= A * F(1, 1 << 100)


@pytest.mark.kernel
def test_factorial_table_kernel(jit_mode):
    n = 40
    hi, lo, ex = np.empty(n + 1), np.empty(n + 1), np.empty(n + 1, np.int64)
    jit_mode(K.factorial_dd_table)(n, hi, lo, ex)
    for k in range(n + 1):
        value = (F(hi[k]) + F(lo[k])) * F(2) ** int(ex[k])
        assert abs(value - math.factorial(k)) <= math.factorial(k) * F(1, 1 << 100)


@pytest.mark.kernel
@pytest.mark.parametrize(
    "labels",
    [(2, 2, 0, 2, -2, 0), (7, 6, 5, -3, 4, -1), (12, 10, 8, 4, -6, 2), (3, 3, 4, -1, -1, 2), (40, 30, 20, 10, -4, -6)],
)
def test_three_j_kernel_compiled_and_python_agree(jit_mode, labels):
    fhi, flo, fex = _factorial_table(60)
    num, den = np.zeros(64, np.int64), np.zeros(64, np.int64)
    m, e = jit_mode(K.three_j_scaled)(*labels, 1, fhi, flo, fex, num, den)
    got = math.ldexp(m, int(e)) if m else 0.0
    assert_matches_exact(got, wigner_3j(*(F(x, 2) for x in labels)))


@pytest.mark.kernel
def test_dense_and_batch_kernels_compiled_and_python_agree(jit_mode):
    fhi, flo, fex = _factorial_table(40)
    out = np.zeros((5, 4, 6))
    jit_mode(K.clebsch_gordan_dense)(4, 3, 5, fhi, flo, fex, out)
    np.testing.assert_array_equal(out, clebsch_gordan_table(2, 1.5, 2.5))
    out3 = np.zeros((5, 4, 6))
    jit_mode(K.wigner_3j_dense)(4, 3, 5, fhi, flo, fex, out3)
    np.testing.assert_array_equal(out3, wigner_3j_table(2, 1.5, 2.5))
    lab = [np.array(v, np.int64) for v in ([4, 6, 2], [3, 6, 2], [5, 6, 0], [2, 0, 0], [-1, 2, 0], [-1, -2, 0])]
    res = np.zeros(3)
    jit_mode(K.wigner_3j_batch)(*lab, fhi, flo, fex, res)
    np.testing.assert_array_equal(res, wigner_3j_array(*[v / 2 for v in lab]))
    res_cg = np.zeros(3)
    jit_mode(K.clebsch_gordan_batch)(lab[0], lab[3], lab[1], lab[4], lab[2], -lab[5], fhi, flo, fex, res_cg)
    np.testing.assert_array_equal(res_cg, clebsch_gordan_array(lab[0] / 2, lab[3] / 2, lab[1] / 2, lab[4] / 2,
                                                               lab[2] / 2, -lab[5] / 2))


def test_public_names_exported():
    for name in ("clebsch_gordan_table", "wigner_3j_table", "clebsch_gordan_array", "wigner_3j_array"):
        assert name in algebra.__all__
