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
from typing import TYPE_CHECKING

from .errors import InvalidArgumentError, InvalidTypeError, NotRepresentableError

if TYPE_CHECKING:
    import mpmath

__all__ = [
    "SqrtRational",
    "squarefree_split",
    "partial_squarefree_split",
    "round_sqrt_to_float",
    "rational_or_none",
    "int_to_str",
    "TRIAL_DIVISION_BOUND",
]

# Trial division in the normalisation of a radicand stops at this prime bound
# (6542 primes, about a millisecond).  A cofactor left after it either is
# settled cheaply (1, a prime, a product of two primes, a perfect square) or
# stays in the radicand unnormalised: SqrtRational keeps such values exact and
# compares them by their squares, so nothing ever has to factor a 60-digit
# semiprime.
TRIAL_DIVISION_BOUND = 1 << 16
# The largest bound a caller may ask for: the prime sieve behind it holds about 2**24 / 16 primes.
MAX_TRIAL_DIVISION_BOUND = 1 << 24

_SMALL_PRIMES: tuple[int, ...] = ()


def _small_primes(limit: int) -> tuple[int, ...]:
    # Published by rebinding a tuple: threads racing here compute the same
    # table and a reader never sees half of it.
    global _SMALL_PRIMES
    primes = _SMALL_PRIMES
    if primes and primes[-1] >= limit:
        return primes
    n = max(limit, 1000)
    sieve = bytearray([1]) * (n + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytearray(len(range(p * p, n + 1, p)))
    primes = tuple(i for i in range(n + 1) if sieve[i])
    _SMALL_PRIMES = primes
    return primes


def _trial_split(n: int, bound: int) -> tuple[int, int, int]:
    """``(a, b, m)`` with ``n == a*a*b*m``, ``b`` square-free over primes <= bound, m free of them."""
    a = b = 1
    for p in _small_primes(bound):
        if p > bound:
            break
        if p * p > n:
            break
        if n % p == 0:
            e = 0
            while n % p == 0:
                n //= p
                e += 1
            a *= p ** (e // 2)
            if e % 2:
                b *= p
    return a, b, n


def partial_squarefree_split(n: int, bound: int = TRIAL_DIVISION_BOUND) -> tuple[int, int, bool]:
    """``(a, b, proven)`` with ``n == a*a*b``; ``b`` is square-free when ``proven``.

    The work is bounded: trial division by the primes up to ``bound``, then a
    cofactor ``m`` free of those primes is settled without factoring it when
    that is possible (``m < bound**3`` has at most two prime factors, so it is
    square-free unless it is a perfect square).  Otherwise ``m`` stays in ``b``
    and ``proven`` is False.

    >>> partial_squarefree_split(72)
    (6, 2, True)
    >>> p, q = 2**61 - 1, 2**89 - 1          # two Mersenne primes
    >>> partial_squarefree_split(p * p * q * 12)[2]
    False
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidTypeError(f"n={n!r} must be a positive int")
    if n < 1:
        raise InvalidArgumentError(f"n={n!r} must be a positive integer")
    if isinstance(bound, bool) or not isinstance(bound, int):
        raise InvalidTypeError(f"bound={bound!r} must be an int")
    if not 2 <= bound <= MAX_TRIAL_DIVISION_BOUND:
        raise InvalidArgumentError(f"bound={bound!r} must lie in [2, {MAX_TRIAL_DIVISION_BOUND}]")
    a, b, m = _trial_split(n, bound)
    if m == 1:
        return a, b, True
    r = math.isqrt(m)
    if r * r == m:
        # the whole cofactor is a square: it leaves the radicand completely
        return a * r, b, True
    if m < bound * bound * bound:
        # no prime factor <= bound and not a square: at most two distinct primes
        return a, b * m, True
    return a, b * m, False


def squarefree_split(n: int) -> tuple[int, int]:
    """Return ``(a, b)`` with ``n == a*a*b`` and ``b`` square-free, for an int ``n >= 1``.

    Bounded trial division settles almost every integer (see
    :func:`partial_squarefree_split`); a cofactor it cannot settle is factored
    by sympy, which can take very long for a product of two huge primes.  Code
    that only needs an exact value, not a square-free radicand, should call
    :func:`partial_squarefree_split` (``SqrtRational`` does).

    >>> squarefree_split(72)
    (6, 2)
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidTypeError(f"n={n!r} must be a positive int")
    if n < 1:
        raise InvalidArgumentError(f"n={n!r} must be a positive integer")
    a, b, proven = partial_squarefree_split(n)
    if proven:
        return a, b
    from sympy import factorint

    c = d = 1
    for p, e in factorint(b).items():
        c *= p ** (e // 2)
        if e % 2:
            d *= p
    return a * c, d


def rational_or_none(x: object) -> Fraction | None:
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
    if type(num) is not int or type(den) is not int:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (num, den)):
            raise InvalidTypeError(f"round_sqrt_to_float takes ints, got num={num!r}, den={den!r}")
        num, den = int(num), int(den)
    if num < 0 or den <= 0:
        raise InvalidArgumentError(f"num={num!r} must be >= 0 and den={den!r} > 0")
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


def int_to_str(n: int) -> str:
    """Decimal digits of any int, however long (Python's ``str`` refuses past 4300 digits).

    Splits by powers of ten so that every piece stays under the limit; exact for
    every size, subquadratic in the number of digits.

    >>> int_to_str(-(10**5000 + 7))[-4:], len(int_to_str(10**5000))
    ('0007', 5001)
    """
    if type(n) is not int:
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidTypeError(f"n={n!r} must be an int")
        n = int(n)
    if n < 0:
        return "-" + int_to_str(-n)
    if n.bit_length() < 10_000:  # < ~3010 digits: within every int_max_str_digits setting >= 3100
        return str(n)
    k = (n.bit_length() * 3) // 20  # about half the decimal digits
    hi, lo = divmod(n, 10**k)
    return int_to_str(hi) + int_to_str(lo).rjust(k, "0")


def _frac_str(q: Fraction) -> str:
    if q.denominator == 1:
        return int_to_str(q.numerator)
    return f"{int_to_str(q.numerator)}/{int_to_str(q.denominator)}"


def _abbrev(text: str, keep: int = 40) -> str:
    # repr() of a value with thousands of digits: the ends and the length
    if len(text) <= 2 * keep + 30:
        return text
    return f"{text[:keep]}...({len(text)} digits)...{text[-keep:]}"



_FRACTION_ZERO = Fraction(0)

if hasattr(Fraction, "_from_coprime_ints"):  # Python >= 3.12
    _coprime_fraction = Fraction._from_coprime_ints
else:  # Python 3.11: the same two slots, filled without Fraction.__new__'s pure-Python checks

    def _coprime_fraction(numerator: int, denominator: int) -> Fraction:
        """``Fraction(numerator, denominator)`` for coprime ints with ``denominator > 0``, unchecked.

        (The one copy: the angular-momentum sums reach it through ``SqrtRational.from_coprime_ints``.)
        """
        value = object.__new__(Fraction)
        value._numerator = numerator
        value._denominator = denominator
        return value


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
    Values are normalised (zero is ``0·√1·π^0``) and the radicand is made
    square-free by bounded trial division.  A huge radicand whose square-free
    part that cannot settle (a product of large primes, say) is kept as it is:
    the value stays exact, :attr:`is_normalized` is False, and ``==``/``hash``
    compare such values by their signed squares, so they stay right.  ``==`` and
    ``hash`` agree with ``int``/``Fraction`` for rational values.
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

    __slots__ = ("_r", "_s", "_pi", "_n")

    def __init__(self, coefficient: numbers.Rational | int = 1, radicand: numbers.Rational | int = 1,
                 pi_power: numbers.Rational | int = 0) -> None:
        r = rational_or_none(coefficient)
        s = rational_or_none(radicand)
        k = rational_or_none(pi_power)
        if r is None or s is None or k is None:
            raise InvalidTypeError(
                "SqrtRational(coefficient, radicand, pi_power) takes rational numbers, "
                f"got {coefficient!r}, {radicand!r}, {pi_power!r}"
            )
        if s < 0:
            raise InvalidArgumentError(f"radicand={radicand!r} must be >= 0")
        if r == 0 or s == 0:
            self._r, self._s, self._pi, self._n = Fraction(0), 1, Fraction(0), True
            return
        # sqrt(p/q) = sqrt(p*q)/q, then pull squares out of p*q (bounded work).
        a, b, proven = partial_squarefree_split(s.numerator * s.denominator)
        self._r = r * Fraction(a, s.denominator)
        self._s = b
        self._pi = k
        self._n = proven

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
        return cls._from_parts(r, s, pi, True)

    @classmethod
    def from_coprime_ints(cls, numerator: int, denominator: int, s: int) -> "SqrtRational":
        """``numerator / denominator * sqrt(s)`` from parts in lowest terms, without checks.

        The fastest constructor, for bulk tables that build thousands of values whose
        parts they reduced themselves: ``numerator`` and ``denominator > 0`` coprime
        ints, ``s`` a square-free ``int >= 1`` (and 1 when ``numerator`` is 0).  Parts
        not in that form give a value whose ``==`` and ``hash`` are wrong; anything
        else should call ``SqrtRational(Fraction(numerator, denominator), s)``.

        >>> SqrtRational.from_coprime_ints(-1, 3, 2)
        -sqrt(2/9)
        """
        obj = object.__new__(cls)
        obj._r = _coprime_fraction(numerator, denominator)
        obj._s = s
        obj._pi = _FRACTION_ZERO
        obj._n = True
        return obj

    @classmethod
    def _from_parts(cls, r: Fraction, s: int, pi: Fraction, normalized: bool) -> "SqrtRational":
        obj = object.__new__(cls)
        if not normalized and r != 0:
            # a product of unnormalised radicands may have become a square, or
            # small enough to settle: try again (bounded work)
            a, s, normalized = partial_squarefree_split(s)
            r = r * a
        if r == 0:
            obj._r, obj._s, obj._pi, obj._n = Fraction(0), 1, Fraction(0), True
        else:
            obj._r, obj._s, obj._pi, obj._n = r, s, pi, normalized
        return obj

    @classmethod
    def sqrt(cls, q: numbers.Rational | int) -> "SqrtRational":
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
        """Integer s >= 1; square-free when :attr:`is_normalized`."""
        return self._s

    @property
    def is_normalized(self) -> bool:
        """True when the radicand is known to be square-free (always, but for huge radicands).

        >>> SqrtRational(1, 12).is_normalized
        True
        """
        return self._n

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
        # for square-free s1, s2: s1*s2 = g**2 * (s1/g)(s2/g) with a square-free rest
        return SqrtRational._from_parts(
            self._r * o._r * g, (self._s // g) * (o._s // g), self._pi + o._pi, self._n and o._n
        )

    __rmul__ = __mul__

    def _inverse(self) -> "SqrtRational":
        if self._r == 0:
            raise ZeroDivisionError("division by an exact zero")
        return SqrtRational._from_parts(1 / (self._r * self._s), self._s, -self._pi, self._n)

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
        return SqrtRational._from_parts(-self._r, self._s, self._pi, self._n)

    def __pos__(self):
        return self

    def __abs__(self):
        return SqrtRational._from_parts(abs(self._r), self._s, self._pi, self._n)

    def _add(self, o: "SqrtRational", sgn: int) -> "SqrtRational":
        if o._r == 0:
            return self
        if self._r == 0:
            return o if sgn > 0 else -o
        if self._pi == o._pi and self._s != o._s and not (self._n and o._n):
            # an unnormalised radicand may still be a rational square times the other
            t = math.isqrt(self._s * o._s)
            if t * t == self._s * o._s:
                # sqrt(s2) = (t / s1) * sqrt(s1)
                return SqrtRational._from_parts(
                    self._r + sgn * o._r * Fraction(t, self._s), self._s, self._pi, self._n
                )
        if self._s != o._s or self._pi != o._pi:
            raise NotRepresentableError(
                f"({self}) {'+' if sgn > 0 else '-'} ({o}) is not of the form r*sqrt(s)*pi**k; "
                "convert with sympy.sympify() to add unlike radicals"
            )
        return SqrtRational._from_parts(self._r + sgn * o._r, self._s, self._pi, self._n and o._n)

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
            if self._n and other._n:
                return self._r == other._r and self._s == other._s and self._pi == other._pi
            return self._pi == other._pi and self.sign() == other.sign() and self._squared() == other._squared()
        if isinstance(other, float):
            if other != other or other in (float("inf"), float("-inf")):
                return False
            other = Fraction(other)
        q = rational_or_none(other)
        if q is None:
            return NotImplemented
        return self.is_rational and self._r == q

    def _squared(self) -> Fraction:
        return self._r * self._r * self._s

    def __hash__(self):
        if self.is_rational:
            return hash(self._r)
        # by value, so that unnormalised radicands hash like their normal forms
        return hash((self.sign(), self._squared(), self._pi))

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

    def to_mpmath(self, prec: int = 53) -> "mpmath.mpf":
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
        # sympy's printers turn big Integers into decimal strings with str(int), so printing the sympy
        # form of a value with more than sys.get_int_max_str_digits() (4300) digits raises Python's
        # ValueError there; SqrtRational's own str/repr print any size (docs/conventions.md).
        import sympy

        r = sympy.Rational(self._r.numerator, self._r.denominator)
        if self._s.bit_length() <= 64:
            out = r * sympy.sqrt(sympy.Integer(self._s))
        else:
            # sympy.sqrt tries to pull squares out of a big radicand (minutes at
            # j = 10**4); ours is already square-free, so build the node as is.
            root = sympy.Pow(sympy.Integer(self._s), sympy.S.Half, evaluate=False)
            out = sympy.Mul(r, root, evaluate=False) if r != 1 else root
        if self._pi != 0:
            out = out * sympy.pi ** sympy.Rational(self._pi.numerator, self._pi.denominator)
        return out

    def __complex__(self):
        return complex(float(self))

    def _text(self, frac) -> str:
        r, s = self._r, self._s
        if r == 0:
            return "0"
        sign = "-" if r < 0 else ""
        body = frac(abs(r)) if s == 1 else f"sqrt({frac(r * r * s)})"
        k = self._pi
        if k == 0:
            return sign + body
        if k == Fraction(-1, 2):
            return f"{sign}{body}/sqrt(pi)"
        if k == Fraction(1, 2):
            return f"{sign}{body}*sqrt(pi)"
        return f"{sign}{body}*pi**({k})"

    def __str__(self) -> str:
        # every digit, at any size (int_to_str passes Python's int-string limit)
        return self._text(_frac_str)

    def __repr__(self) -> str:
        # the same text, with numbers of thousands of digits shortened to their ends
        return self._text(lambda q: _abbrev(_frac_str(q)))

    def _repr_latex_(self) -> str:
        r, s = self._r, self._s
        if r == 0:
            return "$0$"
        sign = "-" if r < 0 else ""

        def frac(q: Fraction) -> str:
            num, den = _abbrev(int_to_str(q.numerator)), _abbrev(int_to_str(q.denominator))
            return num if q.denominator == 1 else rf"\frac{{{num}}}{{{den}}}"

        body = frac(abs(r)) if s == 1 else rf"\sqrt{{{frac(r * r * s)}}}"
        k = self._pi
        if k == Fraction(-1, 2):
            body = rf"{body}\,/\sqrt{{\pi}}" if s != 1 or abs(r) != 1 else r"1/\sqrt{\pi}"
        elif k != 0:
            body = rf"{body}\,\pi^{{{k}}}"
        return f"${sign}{body}$"

    def __reduce__(self):
        return (SqrtRational._from_parts, (self._r, self._s, self._pi, self._n))
