"""Factorials kept as square-free splits, for exact square roots of factorial ratios.

``n! = A[n]**2 * B[n]`` with ``B[n]`` square-free.  With the split of every
factorial at hand, the square root of any product or quotient of factorials is
``r * sqrt(s)`` with a square-free ``s`` at the cost of a few gcds, and no big
integer ever has to be factorised.  The tables grow on demand and are shared by
all exact coupling and Gaunt code.
"""

from __future__ import annotations

import math
import numbers
import threading
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from . import caches
from .errors import InvalidArgumentError, InvalidTypeError, SizeLimitError
from .exact import squarefree_split

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "factorial_split",
    "int_split",
    "SqrtAccumulator",
    "factorial",
    "factorial_table",
    "CACHE_LIMIT",
    "SIEVE_LIMIT",
    "MAX_FACTORIAL",
]

# Above this n, factorials and their splits are computed on demand rather than
# cached: the cache holds every smaller factorial too, and n! has ~n log n bits.
CACHE_LIMIT = 4096

# The smallest-prime-factor sieve stops here (int32 entries: 16 MB).  Integers
# beyond it are split by trial division (exact.squarefree_split) instead of
# growing the sieve to their size, which once cost gigabytes for one Gaunt value.
SIEVE_LIMIT = 1 << 22
# factorial(n) and factorial_split(n) beyond this n are refused with SizeLimitError:
# 10**5! has 456,574 digits (a tenth of a second); 10**6! takes seconds to tens of
# seconds, and the exact coupling code guards its own sizes well below either.
MAX_FACTORIAL = 10**5

# Thread safety.  Every table below is grown under _LOCK and published by
# rebinding the module global to a new object (or by appending whole entries
# to a list, an atomic operation), so a reader that takes a local reference
# never sees a half-built table.  Splits are kept as (a, b) pairs in ONE list:
# two parallel lists appended one after the other once let a reader pair a[n]
# with b[n-1] and return CG values off by factors of 10**270 under threads.
_LOCK = threading.RLock()
_SPF = np.arange(2, dtype=np.int32)  # smallest prime factor of each index (0, 1 map to themselves)
_SPLITS: list[tuple[int, int]] = [(1, 1), (1, 1)]  # (a, b) with n! = a*a*b, b square-free
_FACT: list[int] = [1, 1]


def _spf_table(n: int) -> np.ndarray:
    """The sieve, grown (under the lock, published whole) to cover ``n < SIEVE_LIMIT``."""
    global _SPF
    spf = _SPF
    if n < len(spf):
        return spf
    with _LOCK:
        spf = _SPF
        if n < len(spf):
            return spf
        size = min(SIEVE_LIMIT, max(n + 1, 2 * len(spf), 1024))
        new = np.arange(size, dtype=np.int32)
        for p in range(2, math.isqrt(size - 1) + 1):
            if new[p] == p:
                tail = new[p * p :: p]
                unset = tail == np.arange(p * p, size, p, dtype=np.int32)
                tail[unset] = p
        _SPF = new
        return new


def _check_count(n, name: str) -> int:
    """``n`` as a non-negative int, or a mathref error naming ``name``."""
    if type(n) is int and n >= 0:  # the exact sums' every call: skip the slow ABC check
        return n
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise InvalidTypeError(f"{name}={n!r} must be a non-negative int")
    n = int(n)
    if n < 0:
        raise InvalidArgumentError(f"{name}={n!r} must be >= 0")
    return n


def _check_size(n, caller: str) -> int:
    n = _check_count(n, "n")
    if n > MAX_FACTORIAL:
        digits = f"about {n * (math.log10(n) - 0.4343):.3g} decimal digits"
        raise SizeLimitError(f"{caller}(n={n}): n! has {digits}; the limit is n <= {MAX_FACTORIAL}",
                             argument="n", estimate=digits)
    return n


def int_split(k: int) -> tuple[int, int]:
    """``(c, d)`` with ``k == c*c*d`` and ``d`` square-free, for an int ``k >= 1``.

    Below :data:`SIEVE_LIMIT` a cached smallest-prime-factor sieve answers in a
    few steps; above it the integer is split by trial division, so callers
    should split the small factors they multiply rather than their product.

    >>> int_split(72), int_split(2**40 * 3)
    ((6, 2), (1048576, 3))
    """
    if type(k) is not int or k < 1:
        k = _check_count(k, "k")
        if k < 1:
            raise InvalidArgumentError(f"k={k!r} must be >= 1")
    if k >= SIEVE_LIMIT:
        return squarefree_split(k)
    spf = _spf_table(k)
    c = d = 1
    while k > 1:
        p = int(spf[k])
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
    splits = _SPLITS
    if type(n) is int and 0 <= n < len(splits):
        return splits[n]
    n = _check_size(n, "factorial_split")
    if n > CACHE_LIMIT:
        return _split_by_legendre(n)
    with _LOCK:
        splits = _SPLITS
        _spf_table(n)
        a, b = splits[-1]
        for k in range(len(splits), n + 1):
            c, d = int_split(k)
            g = math.gcd(b, d)
            a = a * c * g
            b = (b // g) * (d // g)
            splits.append((a, b))  # one atomic append per entry: readers see whole pairs
        return splits[n]


def _split_by_legendre(n: int) -> tuple[int, int]:
    # exponent of p in n! is sum(n // p**i) (Legendre)
    a = b = 1
    for p in _primes_upto(n):
        e, q = 0, p
        while q <= n:
            e += n // q
            q *= p
        a *= p ** (e // 2)
        if e & 1:
            b *= p
    return a, b


def _primes_upto(n: int):
    if n < SIEVE_LIMIT:
        spf = _spf_table(n)
        idx = np.arange(2, n + 1)
        return [int(p) for p in idx[spf[2 : n + 1] == idx]]
    # a local sieve for the rare huge factorial (not cached)
    sieve = np.ones(n + 1, dtype=bool)
    sieve[:2] = False
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = False
    return [int(p) for p in np.flatnonzero(sieve)]


def clear() -> None:
    """Drop the cached sieve, splits and factorials (they regrow on demand).

    >>> clear(); factorial(10)
    3628800
    """
    global _SPF, _SPLITS, _FACT
    with _LOCK:
        _SPF = np.arange(2, dtype=np.int32)
        _SPLITS = [(1, 1), (1, 1)]
        _FACT = [1, 1]


def _info() -> dict:
    return {
        "currsize": len(_SPF) + len(_SPLITS) + len(_FACT),
        "maxsize": SIEVE_LIMIT + 2 * (CACHE_LIMIT + 1),
        "sieve": len(_SPF),
        "splits": len(_SPLITS),
        "factorials": len(_FACT),
    }


caches.register("mathref.factorials", clear, _info)


class _UncachedFactorials:
    """Sequence-like access to n! without caching, for very large n."""

    def __getitem__(self, n: int) -> int:
        return math.factorial(n)


def factorial_table(n: int) -> "Sequence[int]":
    """Indexable factorials holding at least ``0! .. n!``.

    The cached list up to :data:`CACHE_LIMIT`, beyond it an uncached view.
    Hot loops index the result directly instead of calling :func:`factorial`;
    the list returned only ever grows, so holding it is safe under threads.

    >>> factorial_table(5)[5]
    120
    """
    n = _check_count(n, "n")
    if n > CACHE_LIMIT:
        return _UncachedFactorials()
    fact = _FACT
    if n < len(fact):
        return fact
    with _LOCK:
        fact = _FACT
        f = fact[-1]
        for k in range(len(fact), n + 1):
            f *= k
            fact.append(f)
        return fact


def factorial(n: int) -> int:
    """``n!`` from a growing cache (cheap for the small n of most labels).

    >>> factorial(20)
    2432902008176640000
    """
    fact = _FACT
    if type(n) is int and 0 <= n < len(fact):
        return fact[n]
    n = _check_size(n, "factorial")
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

    def __init__(self) -> None:
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
