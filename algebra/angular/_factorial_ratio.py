"""Square roots of large factorial ratios, and the cost estimate that guards the exact path.

The exact coupling code takes square roots of products and quotients of
factorials.  For small arguments it combines cached square-free splits of each
factorial (``mathref.factorials``); for arguments past that cache, this module
splits the whole ratio at once with Legendre's formula (the exponent of a prime
``p`` in ``n!`` is ``sum_i n // p**i``) over a byte-array sieve, so no factorial is
ever formed or factorised and the memory is a few bytes per integer up to the
largest argument.

:func:`exact_cost_bits` is the up-front estimate the public exact functions use
to refuse sizes that would run for minutes or exhaust memory.
"""

from __future__ import annotations

import math

from mathref.errors import SizeLimitError
from mathref.factorials import int_split

__all__ = ["sqrt_factorial_ratio", "split_small_factors", "exact_cost_bits", "check_exact_cost", "MAX_EXACT_COST"]

#: Refuse exact evaluations whose estimated cost exceeds this many nanoseconds
#: (about 20 s of CPython big-integer arithmetic on one 2020s core).
MAX_EXACT_COST = 20_000_000_000


def _primes_upto(n: int) -> list[int]:
    """Primes ``<= n`` by a byte-array sieve (one byte per integer, built per call: no global growth)."""
    if n < 2:
        return []
    sieve = bytearray([1]) * (n + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, n + 1, p)))
    return [i for i, flag in enumerate(sieve) if flag]


def _legendre(n: int, p: int) -> int:
    e = 0
    while n:
        n //= p
        e += n
    return e


def _product(values: list[int]) -> int:
    """Product of many ints by a balanced tree (sequential products would be quadratic in size)."""
    while len(values) > 1:
        nxt = [values[i] * values[i + 1] for i in range(0, len(values) - 1, 2)]
        if len(values) & 1:
            nxt.append(values[-1])
        values = nxt
    return values[0] if values else 1


def sqrt_factorial_ratio(top: tuple[int, ...], bottom: tuple[int, ...]) -> tuple[int, int, int]:
    """``sqrt(prod(n! for n in top) / prod(n! for n in bottom))`` as ``(num, den, s)``, ``s`` square-free.

    The value is ``num / den * sqrt(s)``; arguments are non-negative ints.

    Examples
    --------
    >>> sqrt_factorial_ratio((4,), (2,))   # sqrt(24 / 2) = 2 sqrt(3)
    (2, 1, 3)
    """
    nmax = max((*top, *bottom, 1))
    num: list[int] = []
    den: list[int] = []
    s: list[int] = []
    for p in _primes_upto(nmax):
        e = sum(_legendre(n, p) for n in top) - sum(_legendre(n, p) for n in bottom)
        if e == 0:
            continue
        half = e // 2  # floor: p**e = p**(2*half) * p**(e & 1)
        if half > 0:
            num.append(p**half)
        elif half < 0:
            den.append(p ** (-half))
        if e & 1:
            s.append(p)
    return _product(num), _product(den), _product(s)


def split_small_factors(factors: tuple[int, ...]) -> tuple[int, int]:
    """``(c, d)`` with ``prod(factors) == c*c*d`` and ``d`` square-free, splitting each factor alone.

    Splitting each factor (each at most a few times ``j``) with the ground
    floor's bounded sieve (``mathref.factorials.int_split``) and combining the
    square-free parts with gcds costs a few steps per factor, where splitting
    the product would need a sieve up to the product.

    Examples
    --------
    >>> split_small_factors((3, 5, 15))   # 225 = 15**2
    (15, 1)
    """
    c, d = 1, 1
    for k in factors:
        if k == 1:
            continue
        a, b = int_split(k)
        g = math.gcd(d, b)
        c *= a * g
        d = (d // g) * (b // g)
    return c, d


def exact_cost_bits(jsum: int, terms: int) -> int:
    """Estimated cost, in nanoseconds of CPython big-integer work, of one exact Racah-type evaluation.

    ``jsum`` bounds every factorial argument, so each factorial has about
    ``F = jsum * log2(jsum)`` bits; ``terms`` is the length of the alternating
    sum.  Two parts dominate, each calibrated on this machine (RESULTS.md,
    angular section): the Horner scheme, whose numerator and denominator grow
    by ``3 log2(jsum)`` bits per term (``~0.2 ns`` per bit and term), and the
    final gcd that reduces the ``F``-bit fraction, quadratic in ``F``
    (``~2 ns`` per pair of 64-bit words).  Integer arithmetic only; an estimate,
    good to a factor of a few.

    Examples
    --------
    >>> exact_cost_bits(10, 3) < exact_cost_bits(1000, 300)
    True
    """
    lg = max(jsum, 2).bit_length()
    words = (jsum + 1) * lg // 64 + 1
    return terms * terms * 3 * lg // 5 + 2 * words * words


def check_exact_cost(jsum: int, terms: int, what: str, labels: str) -> None:
    """Raise :class:`~mathref.errors.SizeLimitError` (a ``ValueError``) beyond the budget of :func:`exact_cost_bits`."""
    cost = exact_cost_bits(jsum, terms)
    if cost > MAX_EXACT_COST:
        digits = (jsum + 1) * max(jsum, 2).bit_length() * 3 // 10
        raise SizeLimitError(
            f"the exact {what} {labels} is too large for the exact path: its factorials have about "
            f"{digits:.3g} digits and its Racah sum {terms} terms, an estimated {cost / 1e9:.3g} s "
            f"(the exact path refuses more than {MAX_EXACT_COST / 1e9:.3g} s); use the float functions "
            "(wigner_3j_array, wigner_6j_array, ...) or smaller labels",
            argument=what,
            estimate=f"{cost / 1e9:.3g} s, {digits:.3g}-digit factorials, {terms} terms",
        )
