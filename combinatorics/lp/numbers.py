"""Numbers of LP/MILP models: exact reading, exact writing, and equality classes.

Exact where the input is exact: ints, Fractions, sympy Rationals and decimal
text become :class:`fractions.Fraction`; floats stay floats; ``inf`` (and the
solvers' ±1e30) is ``float('inf')``.  :func:`number_classes` ranks numbers into
equality classes, exactly when every value is exact and with a stated
tolerance otherwise.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.exact import rational_or_none
from mathref.validation import checked_fields

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INF", "NumberClasses", "as_number", "parse_number", "format_number", "number_classes"]

INF = float("inf")

_POSITIVE_INFINITY = ("inf", "+inf", "infinity", "+infinity", "1e30", "1e+30", "1.0e30", "1.0e+30")
_NEGATIVE_INFINITY = ("-inf", "-infinity", "-1e30", "-1e+30", "-1.0e30", "-1.0e+30")


def as_number(x: object, name: str) -> Fraction | float | int:
    """Keep exact numbers exact (int, Fraction, sympy Rational -> Fraction); floats stay floats.

    Strings are read with :func:`parse_number`; NaN and bools are rejected.

    Examples
    --------
    >>> as_number(3, "c"), as_number(0.5, "c"), as_number("1/3", "c")
    (Fraction(3, 1), 0.5, Fraction(1, 3))
    """
    if isinstance(x, (bool, np.bool_)):
        raise InvalidTypeError(f"{name}={x!r} is a bool, expected a number")
    exact = rational_or_none(x)  # ints, Fractions, sympy Rationals
    if exact is not None:
        return exact
    if isinstance(x, numbers.Real):
        xf = float(x)
        if xf != xf:
            raise InvalidArgumentError(f"{name} is NaN")
        return xf
    if isinstance(x, str):
        return parse_number(x, name)
    mod = type(x).__module__ or ""
    if mod.startswith("sympy") and getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    raise InvalidTypeError(f"{name}={x!r} has type {type(x).__name__}, expected a number")


def parse_number(text: str, name: str = "number") -> Fraction | float:
    """A number from LP/MPS text: a Fraction from its decimal (or ``p/q``) text, or ±inf.

    Examples
    --------
    >>> parse_number("2.5"), parse_number("-1e30"), parse_number("Infinity")
    (Fraction(5, 2), -inf, inf)
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"{name}={text!r} must be a str, got {type(text).__name__}")
    t = text.strip().lower()
    if t in _POSITIVE_INFINITY:
        return INF
    if t in _NEGATIVE_INFINITY:
        return -INF
    try:
        return Fraction(t)
    except (ValueError, ZeroDivisionError):
        raise InvalidArgumentError(f"{name}: cannot read {text!r} as a number") from None


def format_number(x: Fraction | float | int) -> str:
    """Number as LP/MPS text: exact when the value is a finite decimal, else float repr.

    Examples
    --------
    >>> format_number(Fraction(3, 8)), format_number(Fraction(1, 3)), format_number(-INF)
    ('0.375', '0.3333333333333333', '-inf')
    """
    if isinstance(x, bool) or not isinstance(x, (int, float, Fraction)):
        raise InvalidTypeError(f"x={x!r} must be an int, float or Fraction, got {type(x).__name__}")
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if x != x:
            raise InvalidArgumentError("x=nan has no LP/MPS text")
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return repr(x)
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        # a terminating decimal: write it out exactly
        digits = 0
        y = x
        while y.denominator != 1:
            y *= 10
            digits += 1
        s = str(abs(y.numerator)).rjust(digits + 1, "0")
        return ("-" if x < 0 else "") + s[:-digits] + "." + s[-digits:]
    return repr(float(x))


@checked_fields
class NumberClasses(NamedTuple):
    """Equality classes of a list of numbers: a class id per number (ordered by value) and a value per class."""

    ids: list
    representatives: list


def _exact_key(v):
    if isinstance(v, float):
        return ("+inf",) if v > 0 else ("-inf",)
    if isinstance(v, int):
        return (v, 1)
    return (v.numerator, v.denominator)


def _key_order(t):
    return (0, 0) if t == ("-inf",) else (2, 0) if t == ("+inf",) else (1, Fraction(t[0], t[1]))


def _key_value(t):
    return -INF if t == ("-inf",) else INF if t == ("+inf",) else Fraction(t[0], t[1])


def _exact_classes(values) -> NumberClasses:
    # hash (numerator, denominator) int pairs: hashing Fractions themselves dominates large models
    keys = [_exact_key(v) for v in values]
    uniq = sorted(set(keys), key=_key_order)
    index = {t: i for i, t in enumerate(uniq)}
    return NumberClasses([index[t] for t in keys], [_key_value(t) for t in uniq])


def _float_classes(values, rtol, atol) -> NumberClasses:
    xs = np.array([float(v) for v in values], dtype=float)
    order = np.argsort(xs, kind="stable")
    sx = xs[order]
    cls = np.zeros(len(xs), dtype=np.int64)
    reps = []
    current = -1
    prev = None
    for pos, idx in enumerate(order):
        x = sx[pos]
        if prev is None or not (x == prev or (math.isfinite(x) and math.isfinite(prev)
                                             and abs(x - prev) <= atol + rtol * max(abs(x), abs(prev)))):
            current += 1
            reps.append(x)
        cls[idx] = current
        prev = x
    return NumberClasses(cls.tolist(), reps)


def number_classes(values: Sequence[Fraction | float | int], rtol: float, atol: float) -> NumberClasses:
    """Rank numbers into equality classes: exact if every value is exact, else tolerance-merged floats.

    Floats within ``atol + rtol * max(|a|, |b|)`` of their neighbour in sorted
    order share a class (single linkage); infinities only equal themselves.
    Class ids are ordered by value, so they are canonical.

    Examples
    --------
    >>> number_classes([Fraction(1, 2), 3, Fraction(1, 2), INF], 0, 0)
    NumberClasses(ids=[0, 1, 0, 2], representatives=[Fraction(1, 2), Fraction(3, 1), inf])
    >>> number_classes([1.0, 1.0 + 1e-12, 2.0], 1e-9, 0).ids
    [0, 0, 1]
    """
    try:
        values = list(values)
    except TypeError:
        raise InvalidTypeError(f"values must be a sequence of numbers, got {type(values).__name__}") from None
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, (int, float, Fraction)) or v != v:
            raise InvalidArgumentError(f"values[{i}]={v!r} must be an int, Fraction or non-NaN float")
    for nm, tol in (("rtol", rtol), ("atol", atol)):
        if isinstance(tol, bool) or not isinstance(tol, (int, float, Fraction)) or not (0 <= tol < math.inf):
            raise InvalidArgumentError(f"{nm}={tol!r} must be a finite non-negative number")
    if all(not isinstance(v, float) or math.isinf(v) for v in values):
        return _exact_classes(values)
    return _float_classes(values, rtol, atol)
