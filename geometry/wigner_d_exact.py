"""Exact Wigner small-d and D matrix elements of every spin, as sympy expressions (for tests and tables).

Wigner's explicit sum

    d^j_{m'm}(β) = Σ_k (−1)^{k−m+m'} sqrt((j+m')!(j−m')!(j+m)!(j−m)!) / ((j+m−k)! k! (j−k−m')! (k−m+m')!)
                   · cos(β/2)^{2j+m−m'−2k} sin(β/2)^{2k−m+m'}

on Python ints: the square root of the factorial product is split as a·sqrt(b)
with b square-free from the prime exponents of the factorials (Legendre's
formula), so no large integer is ever factorised and sympy only receives
integers and one square-free radicand.  Conventions as
:func:`~mathref.geometry.wigner_D` (equal to sympy's ``Rotation.d``/``Rotation.D``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError

from ._checks import format_half, two_times, two_times_nonneg
from ._limits import check_count

if TYPE_CHECKING:
    from fractions import Fraction

    import sympy

    # an integer or half-integer label (j, m', m)
    HalfInteger = int | float | Fraction | sympy.Rational
    # a real number or a sympy expression (symbols included)
    Angle = int | float | Fraction | sympy.Expr

__all__ = ["wigner_small_d_exact", "wigner_D_exact", "wigner_small_d_matrix_exact"]

# the sum has at most 2j+1 terms with integers of ≈ 2j·log10(2j) digits; sympy expressions get slow past this
_MAX_TWO_J = 400
#: the whole exact d matrix is refused when estimated above this many seconds (about j = 110)
MAX_MATRIX_SECONDS = 60.0
_MATRIX_SECONDS = 1.2e-5


def _primes_upto(n: int) -> list[int]:
    if n < 2:
        return []
    sieve = bytearray([1]) * (n + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytearray(len(range(p * p, n + 1, p)))
    return [p for p in range(n + 1) if sieve[p]]


def _factorial_exponent(n: int, p: int) -> int:
    e, q = 0, p
    while q <= n:
        e += n // q
        q *= p
    return e


def _sqrt_of_factorial_product(ns: tuple[int, ...]) -> tuple[int, int]:
    """(a, b) with sqrt(Π n!) = a·sqrt(b), b square-free."""
    a, b = 1, 1
    for p in _primes_upto(max(ns)):
        e = sum(_factorial_exponent(n, p) for n in ns)
        a *= p ** (e // 2)
        if e % 2:
            b *= p
    return a, b


def _angle(x, name: str):
    """An exact-capable angle as a sympy expression: numbers and sympy expressions, nothing else."""
    import numbers

    import sympy

    if isinstance(x, sympy.Basic):
        if not isinstance(x, sympy.Expr):  # sympy.true, relations, sets: not angles
            raise InvalidTypeError(f"{name}={x!r} must be a number or a sympy expression")
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Number) or isinstance(x, numbers.Complex) and not isinstance(
            x, numbers.Real):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or a sympy expression")
    if isinstance(x, float) and not math.isfinite(x):
        raise InvalidArgumentError(f"{name}={x!r} must be finite")
    return sympy.sympify(x)


def _labels(l, mp, m) -> tuple[int, int, int]:
    two_j = two_times_nonneg(l, "l")
    if two_j > _MAX_TWO_J:
        raise InvalidArgumentError(
            f"l={format_half(two_j)}: exact d is built for j <= {_MAX_TWO_J // 2} (up to 2j+1 sympy terms of "
            f"≈ {int(two_j * math.log10(max(two_j, 2)))} digits each); use the float wigner_small_d"
        )
    two_mp, two_m = two_times(mp, "mp"), two_times(m, "m")
    for two_x, name in ((two_mp, "mp"), (two_m, "m")):
        if (two_j - two_x) % 2:
            raise InvalidArgumentError(
                f"{name}={format_half(two_x)} and l={format_half(two_j)} differ by a half-integer"
            )
    return two_j, two_mp, two_m


def wigner_small_d_exact(l: HalfInteger, mp: HalfInteger, m: HalfInteger, beta: Angle) -> sympy.Expr:
    """Exact d^j_{m'm}(β) as a sympy expression in cos(β/2), sin(β/2) (exact; |m| > j gives 0).

    Parameters
    ----------
    l, mp, m : int or half-integer
        j, m', m (j ≤ 200).
    beta : sympy expression or number
        Converted with ``sympy.sympify`` (a float becomes a sympy Float: pass
        ``sympy.Rational`` or a symbol for exact results).

    Examples
    --------
    >>> import sympy
    >>> b = sympy.Symbol("beta")
    >>> wigner_small_d_exact(1, 1, 0, b)
    -sqrt(2)*sin(beta/2)*cos(beta/2)
    >>> wigner_small_d_exact(sympy.S(1) / 2, sympy.S(1) / 2, -sympy.S(1) / 2, b)
    -sin(beta/2)
    """
    import sympy

    two_j, two_mp, two_m = _labels(l, mp, m)
    b = _angle(beta, "beta")
    if abs(two_mp) > two_j or abs(two_m) > two_j:
        return sympy.Integer(0)
    jpm, jmm = (two_j + two_m) // 2, (two_j - two_m) // 2  # j + m, j − m
    jpmp, jmmp = (two_j + two_mp) // 2, (two_j - two_mp) // 2
    a, rad = _sqrt_of_factorial_product((jpmp, jmmp, jpm, jmm))
    c, s = sympy.cos(b / 2), sympy.sin(b / 2)
    d_mm = (two_mp - two_m) // 2  # m' − m
    total = sympy.Integer(0)
    for k in range(max(0, -d_mm), min(jpm, jmmp) + 1):
        den = math.factorial(jpm - k) * math.factorial(k) * math.factorial(jmmp - k) * math.factorial(k + d_mm)
        coeff = sympy.Rational((-1) ** ((k + d_mm) % 2) * a, den)
        total += coeff * c ** (two_j - d_mm - 2 * k) * s ** (2 * k + d_mm)
    return total * sympy.sqrt(sympy.Integer(rad))


def wigner_D_exact(l: HalfInteger, mp: HalfInteger, m: HalfInteger, alpha: Angle, beta: Angle,
                   gamma: Angle) -> sympy.Expr:
    """Exact D^j_{m'm}(α, β, γ) = e^{−im'α} d^j_{m'm}(β) e^{−imγ} as a sympy expression (exact).

    Examples
    --------
    >>> import sympy
    >>> a, b, g = sympy.symbols("alpha beta gamma")
    >>> wigner_D_exact(1, 1, 1, a, b, g)
    exp(-I*alpha)*exp(-I*gamma)*cos(beta/2)**2
    """
    import sympy

    two_j, two_mp, two_m = _labels(l, mp, m)
    a, g = _angle(alpha, "alpha"), _angle(gamma, "gamma")
    d = wigner_small_d_exact(l, mp, m, beta)
    return sympy.exp(-sympy.I * sympy.Rational(two_mp, 2) * a) * d * sympy.exp(-sympy.I * sympy.Rational(two_m, 2) * g)


def wigner_small_d_matrix_exact(l: HalfInteger, beta: Angle) -> sympy.Matrix:

    """The whole exact matrix d^j(β) as a sympy ``Matrix``, rows m', columns m = −j..j (exact).

    A matrix estimated above :data:`MAX_MATRIX_SECONDS` (about j = 110) is
    refused with ``SizeLimitError``; the float ``wigner_small_d`` has no such limit.

    Examples
    --------
    >>> import sympy
    >>> wigner_small_d_matrix_exact(sympy.S(1) / 2, sympy.pi / 2)
    Matrix([
    [ sqrt(2)/2, sqrt(2)/2],
    [-sqrt(2)/2, sqrt(2)/2]])
    """
    import sympy

    two_j = two_times_nonneg(l, "l")
    _labels(l, sympy.Rational(two_j, 2), sympy.Rational(two_j, 2))  # the size check
    # (2j+1)^2 entries of up to 2j+1 sympy terms each: measured about 11 µs per entry and unit of j
    # (j = 50: 5.6 s); refuse what would take more than a minute before building any entry
    entries = (two_j + 1) ** 2
    check_count(_MATRIX_SECONDS * entries * max(two_j / 2, 1), MAX_MATRIX_SECONDS, argument="l",
                what=f"wigner_small_d_matrix_exact(l={format_half(two_j)})", unit="s")
    beta = _angle(beta, "beta")
    ms = [sympy.Rational(t, 2) for t in range(-two_j, two_j + 1, 2)]
    half = sympy.Rational(two_j, 2)
    return sympy.Matrix([[wigner_small_d_exact(half, a, b, beta) for b in ms] for a in ms])
