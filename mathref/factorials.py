"""Factorials kept as square-free splits, for exact square roots of factorial ratios.

``n! = A[n]**2 * B[n]`` with ``B[n]`` square-free.  With the split of every
factorial at hand, the square root of any product or quotient of factorials is
``r * sqrt(s)`` with a square-free ``s`` at the cost of a few gcds, and no big
integer ever has to be factorised.  The tables grow on demand and are shared by
all exact coupling and Gaunt code.
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["factorial_split", "int_split", "SqrtAccumulator", "factorial", "factorial_table"]

# Above this n, factorials and their splits are computed on demand rather than
# cached: the cache holds every smaller factorial too, and n! has ~n log n bits.
CACHE_LIMIT = 4096

_SPF: list[int] = [0, 1]  # smallest prime factor of each n
_A: list[int] = [1, 1]
_B: list[int] = [1, 1]
_FACT: list[int] = [1, 1]


def _grow_spf(n: int) -> None:
    old = len(_SPF)
    if n < old:
        return
    size = max(n + 1, 2 * old)
    spf = list(range(size))
    for p in range(2, math.isqrt(size - 1) + 1):
        if spf[p] == p:
            for q in range(p * p, size, p):
                if spf[q] == q:
                    spf[q] = p
    _SPF[:] = spf


def int_split(k: int) -> tuple[int, int]:
    """``(c, d)`` with ``k == c*c*d`` and ``d`` square-free, for an int ``k >= 1``."""
    _grow_spf(k)
    c = d = 1
    while k > 1:
        p = _SPF[k]
        e = 0
        while k % p == 0:
            k //= p
            e += 1
        c *= p ** (e // 2)
        if e & 1:
            d *= p
    return c, d


def factorial_split(n: int) -> tuple[int, int]:
    """``(a, b)`` with ``n! == a*a*b`` and ``b`` square-free.

    >>> factorial_split(5)  # 120 = 2**2 * 30
    (2, 30)
    """
    if n > CACHE_LIMIT:
        return _split_by_legendre(n)
    if n >= len(_A):
        _grow_spf(n)
        a, b = _A[-1], _B[-1]
        for k in range(len(_A), n + 1):
            c, d = int_split(k)
            g = math.gcd(b, d)
            a = a * c * g
            b = (b // g) * (d // g)
            _A.append(a)
            _B.append(b)
    return _A[n], _B[n]


def _split_by_legendre(n: int) -> tuple[int, int]:
    # exponent of p in n! is sum(n // p**i) (Legendre)
    _grow_spf(n)
    a = b = 1
    for p in range(2, n + 1):
        if _SPF[p] != p:
            continue
        e, q = 0, p
        while q <= n:
            e += n // q
            q *= p
        a *= p ** (e // 2)
        if e & 1:
            b *= p
    return a, b


class _UncachedFactorials:
    """Sequence-like access to n! without caching, for very large n."""

    def __getitem__(self, n: int) -> int:
        return math.factorial(n)


def factorial_table(n: int):
    """Indexable factorials holding at least ``0! .. n!``.

    The cached list up to :data:`CACHE_LIMIT`, beyond it an uncached view.
    Hot loops index the result directly instead of calling :func:`factorial`.
    """
    if n > CACHE_LIMIT:
        return _UncachedFactorials()
    """The cached list of factorials, grown to hold at least ``0! .. n!``.

    Hot loops index the list directly instead of calling :func:`factorial`.
    """
    if n >= len(_FACT):
        f = _FACT[-1]
        for k in range(len(_FACT), n + 1):
            f *= k
            _FACT.append(f)
    return _FACT


def factorial(n: int) -> int:
    """``n!`` from a growing cache (cheap for the small n of most labels)."""
    if n < len(_FACT):
        return _FACT[n]
    if n > CACHE_LIMIT:
        return math.factorial(n)
    return factorial_table(n)[n]


class SqrtAccumulator:
    """Accumulate ``sqrt(prod(top factorials) / prod(bottom factorials))`` as ``(num/den) * sqrt(s)``.

    >>> acc = SqrtAccumulator()
    >>> acc.mul_factorial(4); acc.div_factorial(2)   # sqrt(24/2) = 2*sqrt(3)
    >>> acc.fraction(), acc.s
    (Fraction(2, 1), 3)
    """

    __slots__ = ("num", "den", "s")

    def __init__(self):
        self.num = 1
        self.den = 1
        self.s = 1

    def _absorb(self, b: int) -> None:
        g = math.gcd(self.s, b)
        self.num *= g
        self.s = (self.s // g) * (b // g)

    def mul_factorial(self, n: int) -> None:
        a, b = factorial_split(n)
        self.num *= a
        self._absorb(b)

    def div_factorial(self, n: int) -> None:
        # sqrt(1/(a^2 b)) = sqrt(b) / (a b)
        a, b = factorial_split(n)
        self.den *= a * b
        self._absorb(b)

    def mul_int(self, k: int) -> None:
        c, d = int_split(k)
        self.num *= c
        self._absorb(d)

    def fraction(self) -> Fraction:
        return Fraction(self.num, self.den)
