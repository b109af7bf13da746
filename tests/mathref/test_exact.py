"""SqrtRational: exact arithmetic, correct rounding, conversions.

Correct rounding is checked two independent ways: against mpmath at 60
significant digits, and by an exact rational test that the returned double is
within half an ulp of the true value (ties to even).
"""

from __future__ import annotations

import math
import pickle
import random
from fractions import Fraction

import mpmath
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from mathref.errors import NotRepresentableError
from mathref.exact import SqrtRational, squarefree_split

squarefree = st.integers(1, 10**6).map(lambda n: squarefree_split(n)[1])
rationals = st.fractions(max_denominator=10**12).filter(lambda q: abs(q.numerator) < 10**15)
values = st.builds(SqrtRational.from_normalized, rationals, squarefree)


def _mp60(x: SqrtRational):
    with mpmath.workdps(60):
        return x._mpmath_unrounded()


def _is_correctly_rounded(x: SqrtRational, f: float) -> bool:
    """Exact check that f is the round-to-nearest-even double of x (x without pi)."""
    if x == 0:
        return f == 0.0
    if (f < 0) != (x.sign() < 0):
        return False
    sq = x.coefficient**2 * x.radicand  # |x|**2, exact
    af = abs(f)
    up = math.nextafter(af, math.inf)
    down = math.nextafter(af, 0.0) if af > 0 else 0.0
    lo = (Fraction(af) + Fraction(down)) / 2
    hi = (Fraction(af) + Fraction(up)) / 2
    # |x| must lie in [lo, hi], with the ends allowed only when f is the even neighbour
    if not (lo * lo <= sq <= hi * hi):
        return False
    even = (Fraction(af) / Fraction(math.ulp(af))) % 2 == 0
    if sq == lo * lo or sq == hi * hi:
        return even
    return True


def test_squarefree_split_examples():
    assert squarefree_split(1) == (1, 1)
    assert squarefree_split(72) == (6, 2)
    assert squarefree_split(2**61 - 1) == (1, 2**61 - 1)  # a Mersenne prime
    big = (2**89 - 1) ** 2 * 6  # beyond the trial-division range
    assert squarefree_split(big) == (2**89 - 1, 6)


@given(st.integers(1, 10**9))
def test_squarefree_split_property(n):
    a, b = squarefree_split(n)
    assert a * a * b == n
    assert all(b % (p * p) for p in range(2, 1000))


def test_float_correctly_rounded_thousands_against_mpmath():
    rng = random.Random(20261123)
    checked = 0
    for _ in range(4000):
        kind = rng.random()
        if kind < 0.5:
            r = Fraction(rng.randint(1, 10**40), rng.randint(1, 10**40))
        elif kind < 0.7:  # huge
            r = Fraction(rng.randint(1, 10**40) * 10 ** rng.randint(200, 260), rng.randint(1, 10**5))
        elif kind < 0.9:  # tiny, into the subnormal range
            r = Fraction(rng.randint(1, 10**10), 10 ** rng.randint(300, 320))
        else:
            r = Fraction(rng.randint(1, 1000), rng.randint(1, 1000))
        s = squarefree_split(rng.randint(1, 10**7))[1]
        x = SqrtRational.from_normalized(r if rng.random() < 0.5 else -r, s)
        f = float(x)
        ref = _mp60(x)
        with mpmath.workprec(53):
            expected = float(+ref) if abs(ref) > mpmath.mpf("2.3e-308") else None
        if expected is not None:
            assert f == expected, (x, f, expected)
        assert _is_correctly_rounded(x, f), (x, f)
        checked += 1
    assert checked == 4000


@given(values)
@example(SqrtRational.from_normalized(Fraction(1, 3), 1))
@example(SqrtRational.from_normalized(Fraction(10**400), 2))
@example(SqrtRational.from_normalized(Fraction(1, 10**330), 3))
def test_float_is_correctly_rounded(x):
    try:
        f = float(x)
    except OverflowError:
        assert abs(x) > SqrtRational(Fraction(2) ** 1023)
        return
    assert _is_correctly_rounded(x, f)


def test_float_exact_squares_and_ties():
    assert float(SqrtRational(1, 4)) == 2.0
    assert float(SqrtRational(1, Fraction(9, 16))) == 0.75
    # sqrt(2)^2 exactly 2 as a rational
    assert SqrtRational(1, 2) * SqrtRational(1, 2) == 2


@pytest.mark.parametrize("k", [Fraction(-1, 2), Fraction(1, 2), Fraction(1), Fraction(-3, 2)])
def test_float_with_pi_matches_mpmath(k):
    rng = random.Random(7)
    for _ in range(300):
        x = SqrtRational(Fraction(rng.randint(-10**6, 10**6) or 1, rng.randint(1, 10**6)), rng.randint(1, 10**5), k)
        with mpmath.workdps(60):
            r = mpmath.mpf(x.coefficient.numerator) / x.coefficient.denominator
            ref = r * mpmath.sqrt(x.radicand) * mpmath.pi ** (mpmath.mpf(k.numerator) / k.denominator)
        with mpmath.workprec(53):
            assert float(x) == float(+ref)


@given(values, values)
def test_arithmetic_matches_sympy(a, b):
    sa, sb = sympy.sympify(a), sympy.sympify(b)
    assert sympy.sympify(a * b) - sa * sb == 0
    assert sympy.sympify(-a) == -sa
    assert sympy.sympify(abs(a)) == abs(sa)
    if b:
        assert sympy.simplify(sympy.sympify(a / b) - sa / sb) == 0
    assert sympy.sympify(a**3) - sa**3 == 0


@given(values, values)
def test_ordering_matches_floats(a, b):
    if a == b:
        assert a <= b and a >= b and not a < b
    else:
        assert (a < b) == (a.to_mpmath(200) < b.to_mpmath(200))


@given(values)
@example(SqrtRational.from_normalized(Fraction(2372249), 141177))  # prints as sqrt(794482788899427177)
def test_str_is_sympy_parsable_and_exact(x):
    # compare squares and signs: sympy pulls only small square factors out of a big
    # radicand, so the same number can print as two different sympy forms
    parsed, exact = sympy.sympify(str(x)), sympy.sympify(x)
    assert sympy.expand(parsed**2) == sympy.expand(exact**2)
    assert sympy.sign(parsed) == sympy.sign(exact)
    assert x._repr_latex_().startswith("$")


@given(rationals)
def test_rational_values_agree_with_fraction_and_int(q):
    x = SqrtRational(q)
    assert x == q and hash(x) == hash(q)
    assert x.is_rational and x.as_fraction() == q
    if q.denominator == 1:
        assert x == int(q) and hash(x) == hash(int(q))


def test_add_same_radicand_and_refuse_unlike():
    a, b = SqrtRational(1, 2), SqrtRational(3, 8)  # sqrt(2), 3*sqrt(8)=6*sqrt(2)
    assert a + b == SqrtRational(7, 2)
    assert b - a - a == SqrtRational(4, 2)
    assert a + 0 == a and 0 + a == a
    with pytest.raises(NotRepresentableError, match="sympy"):
        a + SqrtRational(1, 3)
    with pytest.raises(ArithmeticError):
        a + 1


def test_conversions():
    x = SqrtRational(-3, Fraction(5, 14))
    assert str(x) == "-sqrt(45/14)"
    assert repr(SqrtRational(-1, Fraction(5, 14))) == "-sqrt(5/14)"
    assert sympy.sympify(x) == -3 * sympy.sqrt(sympy.Rational(5, 14))
    g = SqrtRational(1, 3, Fraction(-1, 2))
    assert str(g) == "sqrt(3)/sqrt(pi)"
    assert sympy.sympify(g) == sympy.sqrt(3) / sympy.sqrt(sympy.pi)
    with mpmath.workdps(50):
        assert abs(g.to_mpmath(200) - mpmath.sqrt(3) / mpmath.sqrt(mpmath.pi)) < mpmath.mpf(10) ** -45
    assert pickle.loads(pickle.dumps(x)) == x
    assert complex(SqrtRational(1, 4)) == 2 + 0j
    assert SqrtRational(0, 5) == 0 and not SqrtRational(0, 5)
    assert SqrtRational(1, 2) != 1.4142135623730951  # irrational never equals a float


def test_bad_construction():
    with pytest.raises(ValueError, match="radicand"):
        SqrtRational(1, -2)
    with pytest.raises(TypeError):
        SqrtRational(1.5)
    with pytest.raises(TypeError):
        SqrtRational("1")
    with pytest.raises(ZeroDivisionError):
        SqrtRational(1) / SqrtRational(0)
    with pytest.raises(ValueError, match="prec"):
        SqrtRational(1, 2).to_mpmath(1)
