"""Exact numbers of the form r·√s·π^k.

Every Clebsch-Gordan coefficient and Wigner 3j/6j/9j symbol is r·√s with r, s
rational; Gaunt coefficients carry an extra power of π.  :class:`SqrtRational`
holds such a number exactly with the radicand reduced to a square-free integer,
so equality and hashing are structural and cheap.

Conversions: ``float(x)`` is correctly rounded (round-half-even on the exact
value), ``x.to_mpmath(prec)`` gives an ``mpmath.mpf`` at any precision and
``sympy.sympify(x)`` gives the exact sympy number.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

from .errors import InvalidArgumentError, NotRepresentableError

__all__ = ["SqrtRational", "squarefree_split", "round_sqrt_to_float", "rational_or_none"]

_SMALL_PRIMES: list[int] = []


def _small_primes(limit: int) -> list[int]:
    global _SMALL_PRIMES
    if _SMALL_PRIMES and _SMALL_PRIMES[-1] >= limit:
        return _SMALL_PRIMES
    n = max(limit, 1000)
    sieve = bytearray([1]) * (n + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytearray(len(range(p * p, n + 1, p)))
    _SMALL_PRIMES = [i for i in range(n + 1) if sieve[i]]
    return _SMALL_PRIMES


def squarefree_split(n: int) -> tuple[int, int]:
    """Return ``(a, b)`` with ``n == a*a*b`` and ``b`` square-free, for an int ``n >= 1``.

    Trial division up to the cube root leaves a cofactor with at most two prime
    factors, which is a square exactly when it is a perfect square.  Beyond
    ~10^30 the cube root is too far to reach and sympy's ``factorint`` is used.

    >>> squarefree_split(72)
    (6, 2)
    """
    if n < 1:
        raise InvalidArgumentError(f"n={n} must be a positive integer")
    if n.bit_length() > 100:
        from sympy import factorint

        a = b = 1
        for p, e in factorint(n).items():
            a *= p ** (e // 2)
            if e % 2:
                b *= p
        return a, b
    a = b = 1
    limit = int(round(n ** (1 / 3))) + 2
    for p in _small_primes(limit):
        if p > limit or p * p > n:
            break
        if n % p == 0:
            e = 0
            while n % p == 0:
                n //= p
                e += 1
            a *= p ** (e // 2)
            if e % 2:
                b *= p
    r = math.isqrt(n)
    if r * r == n:
        a *= r
    else:
        b *= n
    return a, b


def rational_or_none(x) -> Fraction | None:
    """``x`` as a :class:`~fractions.Fraction` when it is an exact rational, else ``None``.

    Exact rationals are ints (numpy ints, bools), Fractions and anything that
    registers as :class:`numbers.Rational` (sympy Integers and Rationals, whose
    numerator may be a method).  Floats are not exact rationals here; callers
    decide what a float means.

    >>> rational_or_none(3), rational_or_none(Fraction(1, 3)), rational_or_none(0.5)
    (Fraction(3, 1), Fraction(1, 3), None)
    """
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, numbers.Integral):
        return Fraction(int(x))
    if isinstance(x, numbers.Rational):
        num, den = x.numerator, x.denominator
        num = num() if callable(num) else num
        den = den() if callable(den) else den
        return Fraction(int(num), int(den))
    return None


def round_sqrt_to_float(num: int, den: int) -> float:
    """Correctly rounded float of sqrt(num/den) for ints num >= 0, den > 0.

    >>> round_sqrt_to_float(2, 1)
    1.4142135623730951
    """
    if num == 0:
        return 0.0
    # Choose k so that m = floor(sqrt(num/den) * 2**k) has at least 60 bits.
    k = max(0, 60 - (num.bit_length() - den.bit_length()) // 2 + 2)
    scaled = (num << (2 * k)) // den
    m = math.isqrt(scaled)
    exact = m * m * den == num << (2 * k)
    # The true value lies in [m, m+1) * 2**-k; an odd 2m+1 marks "strictly
    # inside", so int/int true division (itself correctly rounded) rounds it
    # exactly as it would round the true value.
    top = 2 * m if exact else 2 * m + 1
    shift = k + 1
    if shift >= 0:
        return top / (1 << shift)
    return float(top << -shift)


class SqrtRational:
    """An exact number ``coefficient * sqrt(radicand) * pi**pi_power``.

    Parameters
    ----------
    coefficient : int, Fraction or sympy Rational
        The rational factor r.
    radicand : int, Fraction or sympy Rational, optional
        A non-negative rational s; it is reduced so the stored radicand is a
        square-free integer.
    pi_power : int or Fraction, optional
        Rational power of π (e.g. ``Fraction(-1, 2)`` for Gaunt coefficients).

    Notes
    -----
    Values are normalised (zero is ``0·√1·π^0``), so ``==`` and ``hash`` are
    structural and agree with ``int``/``Fraction`` for rational values.
    Addition is defined only between values with the same radicand and power
    of π; anything else would leave the type and raises
    :class:`~mathref.errors.NotRepresentableError`.

    Examples
    --------
    >>> from mathref.exact import SqrtRational
    >>> x = SqrtRational(1, 5) / SqrtRational(1, 14)
    >>> x
    sqrt(5/14)
    >>> -x * x
    -5/14
    >>> float(SqrtRational(1, 2))
    1.4142135623730951
    >>> import sympy
    >>> sympy.sympify(SqrtRational(-3, 8))
    -6*sqrt(2)
    """

    __slots__ = ("_r", "_s", "_pi")

    def __init__(self, coefficient=1, radicand=1, pi_power=0):
        r = rational_or_none(coefficient)
        s = rational_or_none(radicand)
        k = rational_or_none(pi_power)
        if r is None or s is None or k is None:
            raise TypeError(
                "SqrtRational(coefficient, radicand, pi_power) takes rational numbers, "
                f"got {coefficient!r}, {radicand!r}, {pi_power!r}"
            )
        if s < 0:
            raise InvalidArgumentError(f"radicand={radicand!r} must be >= 0")
        if r == 0 or s == 0:
            self._r, self._s, self._pi = Fraction(0), 1, Fraction(0)
            return
        # sqrt(p/q) = sqrt(p*q)/q, then pull squares out of p*q.
        a, b = squarefree_split(s.numerator * s.denominator)
        self._r = r * Fraction(a, s.denominator)
        self._s = b
        self._pi = k

    @classmethod
    def from_normalized(cls, r: Fraction, s: int, pi: Fraction = Fraction(0)) -> "SqrtRational":
        """Build from parts already in normal form, without checks.

        The fast path for code that knows the factorisation of what it builds
        (the coupling sums do): ``r`` a ``Fraction``, ``s`` a square-free ``int``
        ``>= 1`` and ``pi`` a ``Fraction``.  Parts that are not in normal form
        give a value whose ``==`` and ``hash`` are wrong, so anything else should
        call ``SqrtRational(r, s, pi)``, which normalises.

        >>> SqrtRational.from_normalized(Fraction(1, 3), 2)
        sqrt(2/9)
        """
        obj = object.__new__(cls)
        if r == 0:
            obj._r, obj._s, obj._pi = Fraction(0), 1, Fraction(0)
        else:
            obj._r, obj._s, obj._pi = r, s, pi
        return obj

    @classmethod
    def sqrt(cls, q) -> "SqrtRational":
        """The exact square root of a non-negative rational ``q``.

        >>> SqrtRational.sqrt(Fraction(8, 3))
        sqrt(8/3)
        """
        return cls(1, q)

    # ----------------------------------------------------------------- parts
    @property
    def coefficient(self) -> Fraction:
        """Rational factor r."""
        return self._r

    @property
    def radicand(self) -> int:
        """Square-free integer s >= 1."""
        return self._s

    @property
    def pi_power(self) -> Fraction:
        """Rational power k of π."""
        return self._pi

    @property
    def is_rational(self) -> bool:
        """True when the value is a rational number."""
        return self._s == 1 and self._pi == 0

    def sign(self) -> int:
        """-1, 0 or 1."""
        return (self._r > 0) - (self._r < 0)

    def square(self) -> "SqrtRational":
        """The exact square (rational when there is no power of π)."""
        return SqrtRational.from_normalized(self._r * self._r * self._s, 1, 2 * self._pi)

    def signed_square(self) -> Fraction:
        """``sign(x) * x**2`` as a Fraction; only for values without π.

        >>> SqrtRational(-1, Fraction(2, 3)).signed_square()
        Fraction(-2, 3)
        """
        if self._pi != 0:
            raise NotRepresentableError(f"{self} carries a power of pi; its square is not rational")
        return self.sign() * self._r * self._r * self._s

    def as_fraction(self) -> Fraction:
        """The value as a Fraction; raises if the value is irrational."""
        if not self.is_rational:
            raise NotRepresentableError(f"{self} is irrational")
        return self._r

    # ------------------------------------------------------------ arithmetic
    @staticmethod
    def _other(x) -> "SqrtRational | None":
        if isinstance(x, SqrtRational):
            return x
        q = rational_or_none(x)
        if q is None:
            return None
        return SqrtRational.from_normalized(q, 1)

    def __mul__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        g = math.gcd(self._s, o._s)
        return SqrtRational.from_normalized(self._r * o._r * g, (self._s // g) * (o._s // g), self._pi + o._pi)

    __rmul__ = __mul__

    def _inverse(self) -> "SqrtRational":
        if self._r == 0:
            raise ZeroDivisionError("division by an exact zero")
        return SqrtRational.from_normalized(1 / (self._r * self._s), self._s, -self._pi)

    def __truediv__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        return self * o._inverse()

    def __rtruediv__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        return o * self._inverse()

    def __pow__(self, n):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            return NotImplemented
        n = int(n)
        if n < 0:
            return self._inverse() ** (-n)
        result = SqrtRational.from_normalized(Fraction(1), 1)
        base = self
        while n:
            if n & 1:
                result = result * base
            base = base * base
            n >>= 1
        return result

    def __neg__(self):
        return SqrtRational.from_normalized(-self._r, self._s, self._pi)

    def __pos__(self):
        return self

    def __abs__(self):
        return SqrtRational.from_normalized(abs(self._r), self._s, self._pi)

    def _add(self, o: "SqrtRational", sgn: int) -> "SqrtRational":
        if o._r == 0:
            return self
        if self._r == 0:
            return o if sgn > 0 else -o
        if self._s != o._s or self._pi != o._pi:
            raise NotRepresentableError(
                f"({self}) {'+' if sgn > 0 else '-'} ({o}) is not of the form r*sqrt(s)*pi**k; "
                "convert with sympy.sympify() to add unlike radicals"
            )
        return SqrtRational.from_normalized(self._r + sgn * o._r, self._s, self._pi)

    def __add__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        return self._add(o, 1)

    __radd__ = __add__

    def __sub__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        return self._add(o, -1)

    def __rsub__(self, other):
        o = SqrtRational._other(other)
        if o is None:
            return NotImplemented
        return o._add(self, -1)

    # ------------------------------------------------------------ comparison
    def __bool__(self):
        return self._r != 0

    def __eq__(self, other):
        if isinstance(other, SqrtRational):
            return self._r == other._r and self._s == other._s and self._pi == other._pi
        if isinstance(other, float):
            if other != other or other in (float("inf"), float("-inf")):
                return False
            other = Fraction(other)
        q = rational_or_none(other)
        if q is None:
            return NotImplemented
        return self.is_rational and self._r == q

    def __hash__(self):
        if self.is_rational:
            return hash(self._r)
        return hash((self._r, self._s, self._pi))

    def _compare(self, other) -> int:
        o = SqrtRational._other(other)
        if o is None:
            if isinstance(other, float):
                o = SqrtRational.from_normalized(Fraction(other), 1)
            else:
                raise TypeError(f"cannot compare SqrtRational with {type(other).__name__}")
        if self == o:
            return 0
        sa, sb = self.sign(), o.sign()
        if sa != sb:
            return (sa > sb) - (sa < sb)
        if self._pi == o._pi:
            # same sign: compare squares, flipping for negatives
            a2, b2 = self._r * self._r * self._s, o._r * o._r * o._s
            c = (a2 > b2) - (a2 < b2)
            return c * sa
        # different powers of pi: the values differ, so enough precision separates them
        import mpmath

        prec = 64
        while True:
            a, b = self.to_mpmath(prec), o.to_mpmath(prec)
            if abs(a - b) > abs(a) * mpmath.mpf(2) ** (8 - prec):
                return 1 if a > b else -1
            prec *= 2

    def __lt__(self, other):
        return self._compare(other) < 0

    def __le__(self, other):
        return self._compare(other) <= 0

    def __gt__(self, other):
        return self._compare(other) > 0

    def __ge__(self, other):
        return self._compare(other) >= 0

    # ----------------------------------------------------------- conversions
    def __float__(self) -> float:
        r, s = self._r, self._s
        if self._pi == 0:
            if s == 1:
                return float(r)
            sq = r * r * s
            x = round_sqrt_to_float(sq.numerator, sq.denominator)
            return -x if r < 0 else x
        return self._float_with_pi()

    def _float_with_pi(self) -> float:
        # Ziv's strategy: evaluate with a rigorous relative error bound and widen
        # the precision until both ends of the error interval round alike.
        import mpmath

        prec = 80
        while True:
            with mpmath.workprec(prec):
                v = self._mpmath_unrounded()
                eps = abs(v) * mpmath.mpf(2) ** (10 - prec)
                lo, hi = v - eps, v + eps
            flo, fhi = float(lo), float(hi)  # mpf -> float rounds to nearest
            if flo == fhi:
                return flo
            prec *= 2
            if prec > 1 << 16:  # pragma: no cover - would need an astronomically close tie
                return float(v)

    def _mpmath_unrounded(self):
        import mpmath

        r = self._r
        v = mpmath.mpf(r.numerator) / r.denominator
        if self._s != 1:
            v *= mpmath.sqrt(self._s)
        if self._pi != 0:
            v *= mpmath.power(mpmath.pi, mpmath.mpf(self._pi.numerator) / self._pi.denominator)
        return v

    def to_mpmath(self, prec: int = 53):
        """The value as an ``mpmath.mpf`` rounded to ``prec`` bits.

        >>> import mpmath
        >>> mpmath.nstr(SqrtRational(1, 2).to_mpmath(100), 30)
        '1.41421356237309504880168872421'
        """
        import mpmath

        prec = int(prec)
        if prec < 2:
            raise InvalidArgumentError(f"prec={prec} must be at least 2 bits")
        with mpmath.workprec(prec + 30):
            v = self._mpmath_unrounded()
        with mpmath.workprec(prec):
            return +v

    def _sympy_(self):
        import sympy

        r = sympy.Rational(self._r.numerator, self._r.denominator)
        out = r * sympy.sqrt(sympy.Integer(self._s))
        if self._pi != 0:
            out = out * sympy.pi ** sympy.Rational(self._pi.numerator, self._pi.denominator)
        return out

    def __complex__(self):
        return complex(float(self))

    def __str__(self) -> str:
        r, s = self._r, self._s
        if r == 0:
            return "0"
        sign = "-" if r < 0 else ""
        if s == 1:
            body = str(abs(r))
        else:
            sq = r * r * s
            body = f"sqrt({sq})"
        k = self._pi
        if k == 0:
            return sign + body if s != 1 else str(r)
        if k == Fraction(-1, 2):
            return f"{sign}{body}/sqrt(pi)"
        if k == Fraction(1, 2):
            return f"{sign}{body}*sqrt(pi)"
        return f"{sign}{body}*pi**({k})"

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        r, s = self._r, self._s
        if r == 0:
            return "$0$"
        sign = "-" if r < 0 else ""

        def frac(q: Fraction) -> str:
            return str(q.numerator) if q.denominator == 1 else rf"\frac{{{q.numerator}}}{{{q.denominator}}}"

        body = frac(abs(r)) if s == 1 else rf"\sqrt{{{frac(r * r * s)}}}"
        k = self._pi
        if k == Fraction(-1, 2):
            body = rf"{body}\,/\sqrt{{\pi}}" if s != 1 or abs(r) != 1 else r"1/\sqrt{\pi}"
        elif k != 0:
            body = rf"{body}\,\pi^{{{k}}}"
        return f"${sign}{body}$"

    def __reduce__(self):
        return (SqrtRational.from_normalized, (self._r, self._s, self._pi))
