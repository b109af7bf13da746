"""Sizes, closed forms, caches and the one label rule across the exact, scalar-float and array paths.

References for the closed forms: Edmonds (1957) eq. 3.7.17 (all projections zero),
3.7.9 (a zero j), 6.3.2 (a 6j symbol with a zero entry); values checked against
sympy.physics.wigner and the Racah-sum path.
"""

from __future__ import annotations

import math
import threading
import tracemalloc
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from sympy.physics import wigner as sw

import mathref
from mathref.algebra import (
    clebsch_gordan,
    gaunt,
    gaunt_block,
    real_gaunt,
    real_gaunt_block,
    real_gaunt_rules,
    wigner_3j,
    wigner_3j_array,
    wigner_6j,
    wigner_6j_array,
    wigner_9j,
)
from mathref.algebra.angular.gaunt_float import _real_rules
from mathref.errors import InvalidLabelError, SizeLimitError


# ------------------------------------------------------------------ closed forms
@pytest.mark.parametrize("js", [(0, 3, 3), (4, 0, 4), (F(5, 2), F(5, 2), 0), (7, 3, 4), (6, 6, 6), (9, 5, 8)])
def test_closed_forms_equal_sympy(js):
    j1, j2, j3 = js
    for m1 in np.arange(-j1, j1 + 1):
        for m2 in np.arange(-j2, j2 + 1):
            m1f, m2f = F(m1), F(m2)
            m3 = -m1f - m2f
            if abs(m3) > j3:
                continue
            mine = sympy.sympify(wigner_3j(j1, j2, j3, m1f, m2f, m3))
            labels = (F(j1), F(j2), F(j3), m1f, m2f, m3)
            ref = sw.wigner_3j(*(sympy.Rational(x.numerator, x.denominator) for x in labels))
            assert sympy.simplify(mine - ref) == 0


@pytest.mark.parametrize("labels", [(0, 1, 1, 1, 1, 1), (2, 2, 2, 2, 2, 0), (F(1, 2), 1, F(3, 2), 0, F(3, 2), 1),
                                    (0, 0, 0, F(1, 2), F(1, 2), F(1, 2))])
def test_6j_zero_entry_closed_form_equals_sympy(labels):
    ref = sw.wigner_6j(*(sympy.Rational(F(x).numerator, F(x).denominator) for x in labels))
    assert sympy.simplify(sympy.sympify(wigner_6j(*labels)) - ref) == 0


def test_big_labels_with_closed_forms_are_instant_and_exact():
    v = wigner_3j(10**6, 10**6, 0, 5, -5, 0)  # (-1)^(j-m) / sqrt(2j+1)
    assert v == -mathref.exact.SqrtRational(F(1, 2 * 10**6 + 1), 2 * 10**6 + 1) or v * v == F(1, 2 * 10**6 + 1)
    assert v.signed_square() == F(-1, 2 * 10**6 + 1)
    w = wigner_3j(10**18, 10**18, 0, 0, 0, 0)
    assert w.signed_square() == F(1, 2 * 10**18 + 1)
    assert clebsch_gordan(10**6, 3, 0, 0, 10**6, 3) == 1


def test_large_legendre_path_matches_float_path():
    # j1 + j2 + j3 + 1 > 4096: the prefactor comes from the Legendre split of the whole ratio
    for labels in ((2000, 2100, 1500, 3, -5, 2), (1500, 1500, 1500, 0, 0, 0), (3000, 3000, 6000, 7, -2, -5)):
        exact = wigner_3j(*labels)
        got = float(wigner_3j_array(*labels))
        assert abs(got - float(exact)) <= math.ulp(float(exact))


@pytest.mark.parametrize(
    "call",
    [
        lambda: wigner_3j(10**18, 10**18, 10**18, 0, 0, 0),
        lambda: wigner_3j(10**6, 10**6, 10**6, 1, -1, 0),
        lambda: wigner_6j(10**6, 10**6, 10**6, 10**6, 10**6, 10**6),
        lambda: wigner_9j(*([10**5] * 8), 0),
        lambda: gaunt(10**6, 10**6, 10**6, 0, 0, 0),
    ],
)
def test_oversize_exact_symbols_are_refused_with_the_size(call):
    with pytest.raises(SizeLimitError, match="estimated") as info:
        call()
    assert isinstance(info.value, ValueError) and info.value.estimate


def test_exact_gaunt_at_l1000_stays_small():
    mathref.clear_caches()
    tracemalloc.start()
    try:
        g = gaunt(1000, 1000, 1000, 3, -3, 0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, peak
    # the value: two 3j symbols and sqrt((2l+1)^3 / 4pi)
    two = wigner_3j(1000, 1000, 1000, 0, 0, 0) * wigner_3j(1000, 1000, 1000, 3, -3, 0)
    assert float(g) == pytest.approx(float(two) * math.sqrt(2001**3 / (4 * math.pi)), rel=1e-14)


# ------------------------------------------------------------------ Gaunt blocks
@pytest.mark.parametrize("ls", [(0, 0, 0), (1, 1, 2), (3, 3, 3), (5, 2, 4), (4, 4, 8), (6, 1, 5), (7, 7, 2)])
def test_vectorised_real_rules_equal_the_rule_list(ls):
    want = {(r.m1, r.m2, r.m3): (r.complex_orders, r.weight * 0.5 ** (r.nonzero // 2)
                                   * (math.sqrt(0.5) if r.nonzero & 1 else 1.0)) for r in real_gaunt_rules(*ls)}
    ints, w = _real_rules(*ls)
    got = {tuple(map(int, i[:3])): (tuple(map(int, i[3:])), float(x)) for i, x in zip(ints, w)}
    assert got == want


def test_real_gaunt_block_at_large_l_against_exact_entries():
    b = real_gaunt_block(300, 299, 3)
    c = gaunt_block(300, 299, 3)
    for m1, m2, m3 in ((5, -4, -1), (-5, -4, 1), (300, -299, -1), (0, 2, -2), (-7, 7, 0)):
        want = float(real_gaunt(300, 299, 3, m1, m2, m3))
        assert b[300 + m1, 299 + m2, 3 + m3] == pytest.approx(want, rel=1e-13, abs=1e-300)
        assert c[300 + m1, 299 + m2, 3 + m3] == pytest.approx(float(gaunt(300, 299, 3, m1, m2, m3)), rel=1e-13,
                                                              abs=1e-300)


# ------------------------------------------------------------------ one label rule
ACCEPTED = [1, np.int8(1), np.uint64(1), np.int64(1), 1.0, np.float32(1.0), F(1), sympy.Integer(1), np.array(1),
            np.array(1.0)]
HALF_ACCEPTED = [0.5, F(1, 2), sympy.Rational(1, 2), np.array(0.5), np.float64(0.5)]
REJECTED_VALUE = [-1, 0.3, np.array(-1), float("nan"), np.float64(2.25)]
REJECTED_TYPE = ["1", True, np.bool_(True), None, sympy.Symbol("x")]

def _m(x):
    """A projection of the right parity, built without negating x (numpy would wrap -np.uint64(1))."""
    try:
        return 0 if float(x) % 1 == 0 else F(1, 2)
    except (TypeError, ValueError):
        return 0  # a non-number: the path under test must raise TypeError for x itself


PATHS = {
    "exact 3j": lambda x: wigner_3j(x, x, 0, _m(x), -_m(x), 0),
    "float 3j": lambda x: wigner_3j_array(x, x, 0, _m(x), -_m(x), 0),
    "exact 6j": lambda x: wigner_6j(x, x, 0, x, x, 0),
    "float 6j": lambda x: wigner_6j_array(x, x, 0, x, x, 0),
    "exact gaunt": lambda x: gaunt(x, x, 0, 0, 0, 0),
}


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("x", ACCEPTED, ids=repr)
def test_label_rule_accepts(path, x):
    assert float(PATHS[path](x)) != 0.0


@pytest.mark.parametrize("path", sorted(p for p in PATHS if "gaunt" not in p))
@pytest.mark.parametrize("x", HALF_ACCEPTED, ids=repr)
def test_label_rule_accepts_half_integers(path, x):
    assert float(PATHS[path](x)) != 0.0


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("x", REJECTED_VALUE, ids=repr)
def test_label_rule_rejects_values(path, x):
    with pytest.raises(ValueError):
        PATHS[path](x)


@pytest.mark.parametrize("path", sorted(PATHS))
def test_label_rule_size_limit_only_on_float_paths(path):
    # the same rule, plus |j| <= 10000 on the float paths; the exact path takes any size it can afford
    x = np.uint64(2**63)
    if path.startswith("float"):
        with pytest.raises(InvalidLabelError, match="limit"):
            PATHS[path](x)
    else:
        assert PATHS[path](x)  # zero-j closed forms: exact and instant


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("x", REJECTED_TYPE, ids=repr)
def test_label_rule_rejects_types(path, x):
    with pytest.raises(TypeError):
        PATHS[path](x)


def test_unsigned_and_oversized_integer_arrays_never_wrap():
    for arr in (np.array([2**63], np.uint64), np.array([2**62], np.int64), np.array([-(2**63)], np.int64),
                np.array([10**30], dtype=object)):
        with pytest.raises(InvalidLabelError, match="j1"):
            wigner_3j_array(arr, 1, 1, 0, 0, 0)
    assert wigner_3j_array(np.array([1], np.uint8), 1, 0, 1, -1, 0)[0] == pytest.approx(3**-0.5)


# ------------------------------------------------------------------ caches and threads
def test_angular_caches_are_registered_and_bounded():
    wigner_3j(3, 4, 5, 1, -1, 0)
    gaunt(2, 2, 2, 0, 0, 0)
    float(wigner_6j_array(1, 1, 1, 1, 1, 1))
    info = mathref.cache_info()
    for name in ("algebra.angular.sqrt_triangle", "algebra.angular.sqrt_jm", "algebra.angular.gaunt_prefactor",
                 "algebra.angular.factorial_dd", "algebra.angular.gaunt_tensors"):
        assert name in info
    assert all(info[n].get("maxsize") or info[n].get("limit") for n in info if n.startswith("algebra.angular"))
    mathref.clear_caches()
    assert mathref.cache_info()["algebra.angular.sqrt_jm"]["currsize"] == 0
    assert wigner_3j(3, 4, 5, 1, -1, 0) == wigner_3j(4, 5, 3, -1, 0, 1)


def test_threads_get_the_same_values():
    labels = [(j, j + 1, 2 * j, 1, -1, 0) for j in range(1, 40)]
    want = [wigner_3j(*l) for l in labels]
    want6 = wigner_6j_array(np.arange(40), np.arange(40), np.arange(40), 3, 3, 3)
    errors: list = []

    def work():
        try:
            mathref.clear_caches()
            assert [wigner_3j(*l) for l in labels] == want
            assert np.array_equal(wigner_6j_array(np.arange(40), np.arange(40), np.arange(40), 3, 3, 3), want6)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


# ------------------------------------------------- cost guards found by the issue-12 audit (2026-12-02)
@pytest.mark.parametrize("name", ["wigner_3j_table", "clebsch_gordan_table"])
def test_dense_float_tables_refuse_what_cannot_be_held(name):
    # (6001)^3 doubles is 1.7 TB: a SizeLimitError naming the size, never numpy's MemoryError
    from mathref import algebra

    with pytest.raises(mathref.errors.SizeLimitError, match="GB"):
        getattr(algebra, name)(3000, 3000, 3000)
    assert getattr(algebra, name)(2, 2, 2).shape == (5, 5, 5)


@pytest.mark.parametrize("call", [
    ("gaunt_block_exact", (1000, 1000, 1000)),
    ("real_gaunt_block_exact", (300, 300, 300)),
    ("gaunt_table_exact", (40,)),
    ("real_gaunt_table_exact", (100,)),
])
def test_exact_gaunt_blocks_and_tables_refuse_minutes_up_front(call):
    import time

    from mathref.algebra.angular import gaunt_exact

    name, args = call
    t0 = time.perf_counter()
    with pytest.raises(mathref.errors.SizeLimitError, match="estimated"):
        getattr(gaunt_exact, name)(*args)
    assert time.perf_counter() - t0 < 1.0  # refused before any coefficient, not after a timeout


def test_table_entry_bound_is_a_bound():
    from mathref.algebra.angular import gaunt_exact

    for lmax in range(6):
        assert gaunt_exact.table_entry_bound(lmax) >= len(gaunt_exact.gaunt_table_exact(lmax))
        assert gaunt_exact.table_entry_bound(lmax) >= len(gaunt_exact.real_gaunt_table_exact(lmax))


def test_exact_d_matrix_refuses_minutes_up_front():
    from mathref.geometry.wigner_d_exact import wigner_small_d_matrix_exact

    with pytest.raises(mathref.errors.SizeLimitError, match="argument l"):
        wigner_small_d_matrix_exact(150, 0.3)
    assert wigner_small_d_matrix_exact(1, 0.3).shape == (3, 3)
