r"""Exact Gaunt coefficients: integrals of three spherical harmonics, complex and real.

Every function here is exact: it returns a :class:`~mathref.exact.SqrtRational`
``r·√s/√π`` (``pi_power = -1/2``) and never touches a float.  Values equal
``sympy.physics.wigner.gaunt`` and ``sympy.physics.wigner.real_gaunt``.

Algorithm: the Gaunt coefficient is a product of two Wigner 3j symbols,

.. math::

    \int Y_{l_1}^{m_1} Y_{l_2}^{m_2} Y_{l_3}^{m_3}\, d\Omega
    = \sqrt{\frac{(2l_1+1)(2l_2+1)(2l_3+1)}{4\pi}}
      \begin{pmatrix} l_1 & l_2 & l_3\\ 0 & 0 & 0\end{pmatrix}
      \begin{pmatrix} l_1 & l_2 & l_3\\ m_1 & m_2 & m_3\end{pmatrix},

both taken from the exact Racah-formula core of :mod:`mathref.algebra.angular.coupling` (the
m = 0 symbol is cached per ``(l1, l2, l3)``).  A real Gaunt coefficient is the
complex one at a single signed triple ``(±|m1|, ±|m2|, ±|m3|)`` times a weight
in ``{±1, ±2}·2^{-k/2}`` fixed by the unitary change of basis, so it is exact
in the same form; no sum of unlike radicals can occur (see
:func:`real_gaunt`).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from math import gcd
from typing import NamedTuple

from mathref import caches
from mathref.errors import InvalidArgumentError, InvalidLabelError, InvalidTypeError, SizeLimitError
from mathref.exact import SqrtRational
from mathref.validation import check_fields

from ._guards import as_plain_int, as_rational, int_arguments
from .coupling import is_triangle, three_j_doubled

__all__ = [
    "gaunt",
    "real_gaunt",
    "gaunt_table_exact",
    "real_gaunt_table_exact",
    "RealGauntRule",
    "real_gaunt_rules",
    "is_gaunt_allowed",
    "gaunt_prefactor",
    "allowed_degree_triples",
    "gaunt_block_exact",
    "real_gaunt_block_exact",
    "spread_over_permutations",
]

# the unchecked doubled-label functions (labels here are trusted ints; the public
# names check their arguments for sibling packages)
_is_triangle = is_triangle.__wrapped__
_three_j_doubled = three_j_doubled.__wrapped__

# degrees of the block interface: beyond int64 range is refused outright; the blocks and rule
# lists, whose size grows with (2 l1 + 1)(2 l2 + 1), are refused past MAX_BLOCK_PAIRS order pairs
DEGREE_LIMIT = 1 << 61
MAX_BLOCK_PAIRS = 1 << 22


#: an exact block or table whose estimated cost exceeds this many seconds (or whose entries would take
#: more than MAX_EXACT_BYTES) is refused up front; the float blocks serve larger degrees
MAX_EXACT_SECONDS = 60.0
MAX_EXACT_BYTES = 2**31
# Measured on one core (2026-12-02): an exact block costs about 1.2e-7 s per order pair and unit of degree
# near l = 100, and more per unit above (its big-int Racah sums grow with l); a real block about three
# times its complex one; a table about 1 µs per bound entry (table_entry_bound) and ~190 bytes per bound
# entry (about 300 per actual entry: key tuple, value object and dict slot).
_BLOCK_SECONDS = 1.2e-7
_TABLE_SECONDS = 1.0e-6
_TABLE_BYTES = 190


def _refuse_if_slow(seconds: float, nbytes: float, what: str, argument: str) -> None:
    if seconds > MAX_EXACT_SECONDS or nbytes > MAX_EXACT_BYTES:
        estimate = f"≈ {seconds:.3g} s, ≈ {nbytes / 1e9:.3g} GB"
        raise SizeLimitError(
            f"{what} is estimated at {estimate}, above the limits {MAX_EXACT_SECONDS:g} s / "
            f"{MAX_EXACT_BYTES / 1e9:.3g} GB; use the float blocks (gaunt_block, real_gaunt_block), "
            "single exact coefficients (gaunt, real_gaunt), or smaller degrees",
            argument=argument,
            estimate=estimate,
        )


def _block_cost(l1: int, l2: int, l3: int, real: bool) -> tuple[float, float]:
    l = max(l1, l2, l3, 1)
    pairs = (2 * l1 + 1) * (2 * l2 + 1)
    seconds = _BLOCK_SECONDS * pairs * l * max(1.0, l / 100) * (3 if real else 1)
    return seconds, 300.0 * pairs


def table_entry_bound(lmax: int) -> int:
    """An upper bound on the entries of an exact Gaunt table with all degrees ``<= lmax`` (about 1.6x the count).

    Sums ``(2 l1 + 1)(2 l2 + 1)`` over the allowed ordered degree triples; the
    table's cost estimate is read from it before any coefficient is computed.

    Examples
    --------
    >>> table_entry_bound(2) >= len(gaunt_table_exact(2))
    True
    """
    lmax = _lmax(lmax)
    n = 0
    for l1 in range(lmax + 1):
        for l2 in range(lmax + 1):
            lo, hi = abs(l1 - l2), min(l1 + l2, lmax)
            if hi >= lo:  # l3 runs over lo, lo + 2, ... (l1 + l2 + l3 even)
                n += (2 * l1 + 1) * (2 * l2 + 1) * ((hi - lo) // 2 + 1)
    return n


def _check_table_cost(lmax: int, real: bool, what: str) -> None:
    bound = table_entry_bound(lmax)
    seconds = _TABLE_SECONDS * bound * max(1.0, lmax / 30) * (4.5 if real else 1)
    _refuse_if_slow(seconds, _TABLE_BYTES * bound, f"{what}(lmax={lmax})", "lmax")


def _check_pairs(l1: int, l2: int, what: str) -> None:
    pairs = (2 * l1 + 1) * (2 * l2 + 1)
    if pairs > MAX_BLOCK_PAIRS:
        raise SizeLimitError(
            f"{what} with l1={l1}, l2={l2} visits {pairs:.3g} order pairs (more than {MAX_BLOCK_PAIRS}); "
            "use the float blocks (gaunt_block, real_gaunt_block) or smaller degrees",
            argument="l1",
            estimate=f"{pairs:.3g} order pairs",
        )

_ZERO = SqrtRational.from_normalized(Fraction(0), 1)
_PI_POWER = Fraction(-1, 2)
_SQRT_HALF = SqrtRational.from_normalized(Fraction(1, 2), 2)  # 1/sqrt(2)


def _label(x, name: str, *, nonneg: bool) -> int:
    # ints are by far the commonest labels: skip the generic conversion for them
    if type(x) is int:
        value = x
    else:
        if type(x).__module__ == "numpy" and getattr(x, "shape", None) == ():
            x = x[()]  # a 0-d array stands for its element, as on the float paths
        if isinstance(x, bool):
            raise InvalidTypeError(f"{name}={x!r} must be an integer, not a bool")
        q = as_rational(x, name)
        if q.denominator != 1:
            raise InvalidLabelError(f"{name}={x!r} is not an integer (Gaunt labels are integers)")
        value = int(q)
    if nonneg and value < 0:
        raise InvalidLabelError(f"{name}={x!r} must be a non-negative integer")
    return value


def _labels(l1, l2, l3, m1, m2, m3) -> tuple[int, int, int, int, int, int]:
    return (
        _label(l1, "l1", nonneg=True),
        _label(l2, "l2", nonneg=True),
        _label(l3, "l3", nonneg=True),
        _label(m1, "m1", nonneg=False),
        _label(m2, "m2", nonneg=False),
        _label(m3, "m3", nonneg=False),
    )


@int_arguments(DEGREE_LIMIT)
@caches.lru(maxsize=1 << 15, name="algebra.angular.gaunt_prefactor")
def gaunt_prefactor(l1: int, l2: int, l3: int) -> SqrtRational:
    """``sqrt((2l1+1)(2l2+1)(2l3+1)) (l1 l2 l3; 0 0 0) / (2 sqrt(pi))``, exact and cached.

    The degree-only factor of every Gaunt coefficient of a block, for int
    degrees that pass :func:`is_gaunt_allowed` (not checked).

    Examples
    --------
    >>> gaunt_prefactor(1, 1, 0)
    -sqrt(3/4)/sqrt(pi)
    """
    # the three degree factors are split one by one: their product can be ~10**10 at l = 1000
    w = _three_j_doubled(2 * l1, 2 * l2, 2 * l3, 0, 0, 0, (2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1))
    return SqrtRational.from_normalized(w.coefficient / 2, w.radicand, _PI_POWER)


@int_arguments(DEGREE_LIMIT)
def is_gaunt_allowed(l1: int, l2: int, l3: int) -> bool:
    """True when int degrees pass the Gaunt selection rules in ``l``: an even sum and a triangle.

    Examples
    --------
    >>> is_gaunt_allowed(1, 1, 2), is_gaunt_allowed(1, 1, 1)
    (True, False)
    """
    return not (l1 + l2 + l3) & 1 and _is_triangle(2 * l1, 2 * l2, 2 * l3)


def _gaunt_int(l1, l2, l3, m1, m2, m3) -> SqrtRational:
    """Complex Gaunt coefficient from int labels (l's non-negative)."""
    if m1 + m2 + m3 or abs(m1) > l1 or abs(m2) > l2 or abs(m3) > l3 or not _allowed(l1, l2, l3):
        return _ZERO
    pre = _prefactor(l1, l2, l3)
    if not pre:
        return _ZERO
    return _times(pre, _three_j_doubled(2 * l1, 2 * l2, 2 * l3, 2 * m1, 2 * m2, 2 * m3))


def _times(pre: SqrtRational, w: SqrtRational) -> SqrtRational:
    """pre * w (w without π) with a single Fraction normalisation."""
    if not w:
        return _ZERO
    return _times_parts(pre.coefficient, pre.radicand, w)


def _times_parts(a: Fraction, s_pre: int, w: SqrtRational) -> SqrtRational:
    """``a·√s_pre/√π · w`` for a non-zero ``w`` without π (a block's prefactor, taken apart once)."""
    s_w = w.radicand
    g = gcd(s_pre, s_w)
    b = w.coefficient
    return SqrtRational.from_normalized(
        Fraction(a.numerator * b.numerator * g, a.denominator * b.denominator), (s_pre // g) * (s_w // g), _PI_POWER
    )


def gaunt(l1: int, l2: int, l3: int, m1: int, m2: int, m3: int) -> SqrtRational:
    r"""Exact Gaunt coefficient :math:`\int Y_{l_1}^{m_1} Y_{l_2}^{m_2} Y_{l_3}^{m_3}\, d\Omega`.

    Exact: returns a :class:`~mathref.exact.SqrtRational` ``r·√s/√π`` equal in
    value to ``sympy.physics.wigner.gaunt(l1, l2, l3, m1, m2, m3)``.  The
    harmonics are the complex ones with the Condon-Shortley phase, and none of
    them is conjugated.

    Parameters
    ----------
    l1, l2, l3 : int (or integral float, Fraction, sympy Integer)
        Degrees, ``>= 0``.
    m1, m2, m3 : int
        Orders.

    Returns
    -------
    SqrtRational
        Exact zero when a selection rule fails: ``l1 + l2 + l3`` odd,
        ``(l1, l2, l3)`` not a triangle, ``m1 + m2 + m3 != 0`` or ``|m_i| > l_i``.

    Raises
    ------
    ValueError
        A label is not an integer, or an ``l`` is negative (the message names
        the argument).
    TypeError
        A label is not a number.

    Notes
    -----
    ``gaunt = sqrt((2l1+1)(2l2+1)(2l3+1)/(4π)) (l1 l2 l3; 0 0 0)(l1 l2 l3; m1 m2 m3)``
    (Edmonds 1957, eq. 4.6.3).  It is invariant under any permutation of the
    three columns ``(l_i, m_i)`` and under ``m -> -m``; with a conjugated first
    harmonic, :math:`\int \overline{Y_{l_1}^{m_1}} Y_{l_2}^{m_2} Y_{l_3}^{m_3}
    = (-1)^{m_1}` ``gaunt(l1, l2, l3, -m1, m2, m3)``.

    Examples
    --------
    >>> from mathref.algebra import gaunt
    >>> gaunt(1, 0, 1, 1, 0, -1)
    -1/2/sqrt(pi)
    >>> gaunt(1, 1, 2, 1, 1, -2)
    sqrt(3/10)/sqrt(pi)
    >>> float(gaunt(2, 2, 2, 0, 0, 0))
    0.1802237515728686
    >>> gaunt(1, 1, 1, 0, 0, 0)     # l1 + l2 + l3 odd: exact zero
    0
    """
    return _gaunt_int(*_labels(l1, l2, l3, m1, m2, m3))


# ------------------------------------------------------------------ real form
# Standard real harmonics (no Condon-Shortley phase, as sphericart):
#   m > 0:  Y_{l,m}  = ((-1)^m Y_l^m + Y_l^-m) / sqrt2
#   m < 0:  Y_{l,m}  = -i ((-1)^|m| Y_l^|m| - Y_l^-|m|) / sqrt2
#   m = 0:  Y_{l,0}  = Y_l^0
# A unit of the Gaussian integers is held as k with value i**k.
def _unit(m: int, mc: int) -> int:
    """k with U[m, mc] = i**k / sqrt2 (m != 0), for mc = ±|m|."""
    a = abs(m)
    odd = a & 1
    if m > 0:
        return 2 if (mc > 0 and odd) else 0
    # m < 0: -i (-1)^a for mc = +a, +i for mc = -a
    if mc > 0:
        return 1 if odd else 3
    return 1


def _real_weight(m1: int, m2: int, m3: int):
    """(signed complex triple, integer weight w, number k of nonzero m) or None.

    real_gaunt = w · 2^(-k/2) · gaunt(at the returned triple); w in {±1, ±2}.
    """
    a1, a2, a3 = abs(m1), abs(m2), abs(m3)
    # signed triples (s1 a1, s2 a2, s3 a3) with zero sum, up to an overall flip
    triple = None
    if a1 + a2 == a3:
        triple = (a1, a2, -a3)
    elif a1 + a3 == a2:
        triple = (a1, -a2, a3)
    elif a2 + a3 == a1:
        triple = (-a1, a2, a3)
    if triple is None:
        return None
    k = (m1 != 0) + (m2 != 0) + (m3 != 0)
    # sum of i**(k1+k2+k3) over the triple and its flip (the flip only if it differs)
    total_re = 0
    variants = [triple]
    flipped = (-triple[0], -triple[1], -triple[2])
    if flipped != triple:
        variants.append(flipped)
    for mc in variants:
        power = 0
        for m, c in zip((m1, m2, m3), mc):
            if m:
                power += _unit(m, c)
        power %= 4
        # the imaginary parts cancel in the sum (the coefficient is real)
        total_re += (1, 0, -1, 0)[power]
    if total_re == 0:
        return None
    return triple, total_re, k


def _real_gaunt_int(l1, l2, l3, m1, m2, m3) -> SqrtRational:
    if abs(m1) > l1 or abs(m2) > l2 or abs(m3) > l3 or not _allowed(l1, l2, l3):
        return _ZERO
    rule = _real_weight(m1, m2, m3)
    if rule is None:
        return _ZERO
    (c1, c2, c3), w, k = rule
    value = _gaunt_int(l1, l2, l3, c1, c2, c3)
    if not value:
        return _ZERO
    # 2^(-k/2) = 2^(-k//2) · (1/sqrt2 if k odd)
    value = value * Fraction(w, 1 << (k // 2))
    return value * _SQRT_HALF if k & 1 else value


def real_gaunt(l1: int, l2: int, l3: int, m1: int, m2: int, m3: int) -> SqrtRational:
    r"""Exact real Gaunt coefficient :math:`\int Y_{l_1 m_1} Y_{l_2 m_2} Y_{l_3 m_3}\, d\Omega` (real harmonics).

    Exact: returns a :class:`~mathref.exact.SqrtRational` ``r·√s/√π`` equal in
    value to ``sympy.physics.wigner.real_gaunt(l1, l2, l3, m1, m2, m3)``.

    Parameters
    ----------
    l1, l2, l3 : int
        Degrees, ``>= 0``.
    m1, m2, m3 : int
        Orders of the real harmonics.

    Returns
    -------
    SqrtRational
        Exact zero when a selection rule fails: ``l1 + l2 + l3`` odd, no
        triangle, ``|m_i| > l_i``, none of ``|m1| = |m2| + |m3|`` (and its
        permutations) holds, or the number of negative ``m``'s is odd
        (the integrand is then odd under ``φ -> -φ``).

    Raises
    ------
    ValueError
        A label is not an integer, or an ``l`` is negative.
    TypeError
        A label is not a number.

    Notes
    -----
    Real harmonics in the standard form (no Condon-Shortley phase, as in
    sphericart and in :func:`mathref.geometry.real_sph_harm`):
    ``Y_{l,m} = √2 (-1)^m Re Y_l^m`` (m > 0), ``√2 (-1)^m Im Y_l^{|m|}``
    (m < 0), ``Y_l^0`` (m = 0); l = 1 is ``√(3/4π) (y, z, x)``.  sympy's real
    form (``√2 Re/Im`` of the complex harmonic without the ``(-1)^m``) differs
    from this by ``(-1)^m`` for ``m != 0``; a nonzero real Gaunt coefficient has
    ``|m1| + |m2| + |m3|`` even, so the product of the three signs is ``+1`` and
    the values agree in both forms (tested against sympy over all labels with
    ``l <= 3`` and random ones up to ``l = 8``).

    Writing each real harmonic through the unitary change of basis, only the
    signed triple ``(±|m1|, ±|m2|, ±|m3|)`` with zero sum and its overall sign
    flip contribute; these two complex coefficients are equal (the parity rule
    makes ``l1 + l2 + l3`` even), so the result is one complex Gaunt
    coefficient times ``{±1, ±2}·2^{-k/2}``, ``k`` the number of nonzero
    ``m``'s.  Symmetric under any permutation of the columns.

    Examples
    --------
    >>> from mathref.algebra import real_gaunt
    >>> real_gaunt(2, 2, 2, 0, 1, 1)
    sqrt(5/196)/sqrt(pi)
    >>> real_gaunt(1, 1, 2, -1, -1, 2)    # y·y·(x² - y²) integrates to a negative number
    -sqrt(3/20)/sqrt(pi)
    >>> real_gaunt(1, 1, 2, 1, -1, 0)     # one negative m: odd in φ, exact zero
    0
    """
    return _real_gaunt_int(*_labels(l1, l2, l3, m1, m2, m3))


# --------------------------------------------------------------- bulk tables
def _lmax(lmax) -> int:
    value = _label(lmax, "lmax", nonneg=True)
    if value > 200:
        raise InvalidArgumentError(f"lmax={lmax!r} is too large for an exact table (at most 200)")
    return value


# the unchecked block functions, for the trusted callers of this module
_allowed = is_gaunt_allowed.__wrapped__
_prefactor = gaunt_prefactor.__wrapped__

_PERMUTATIONS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


def allowed_degree_triples(lmax: int) -> Iterator[tuple[int, int, int]]:
    """Every allowed ``(l1, l2, l3)`` with ``l1 <= l2 <= l3 <= lmax`` (even sum, triangle), in order.

    The other orders of each triple are column permutations of the same block
    (see :func:`spread_over_permutations`).

    Examples
    --------
    >>> list(allowed_degree_triples(1))
    [(0, 0, 0), (0, 1, 1)]
    """
    # checked here, at the call; the triples come lazily from the generator below
    return _degree_triples(as_plain_int(lmax, "lmax", DEGREE_LIMIT))


def _degree_triples(lmax: int):
    for l1 in range(lmax + 1):
        for l2 in range(l1, lmax + 1):
            for l3 in range(l2 + (l1 & 1), min(l1 + l2, lmax) + 1, 2):
                if _allowed(l1, l2, l3):
                    yield l1, l2, l3


@int_arguments(DEGREE_LIMIT)
def gaunt_block_exact(l1: int, l2: int, l3: int) -> dict[tuple[int, int, int], SqrtRational]:
    """Every nonzero ``gaunt(l1, l2, l3, m1, m2, m3)`` of one allowed block, keyed by ``(m1, m2, m3)``.

    Exact; int degrees that pass :func:`is_gaunt_allowed` (not checked).  The
    ``m -> -m`` symmetry halves the work and the prefactor is computed once.

    Examples
    --------
    >>> gaunt_block_exact(1, 1, 0)
    {(0, 0, 0): 1/2/sqrt(pi), (1, -1, 0): -1/2/sqrt(pi), (-1, 1, 0): -1/2/sqrt(pi)}
    """
    block: dict[tuple[int, int, int], SqrtRational] = {}
    if not _allowed(l1, l2, l3):
        return block
    _check_pairs(l1, l2, "an exact Gaunt block")
    _refuse_if_slow(*_block_cost(l1, l2, l3, False), f"gaunt_block_exact({l1}, {l2}, {l3})", "l1")
    pre = _prefactor(l1, l2, l3)
    if not pre:
        return block
    a, s_pre = pre.coefficient, pre.radicand
    for m1 in range(0, l1 + 1):
        for m2 in range(max(-l2, -l3 - m1), min(l2, l3 - m1) + 1):
            if m1 == 0 and m2 < 0:
                continue
            m3 = -m1 - m2
            w = _three_j_doubled(2 * l1, 2 * l2, 2 * l3, 2 * m1, 2 * m2, 2 * m3)
            if w:
                # m -> -m leaves a Gaunt coefficient unchanged (l1 + l2 + l3 is even)
                block[(m1, m2, m3)] = block[(-m1, -m2, -m3)] = _times_parts(a, s_pre, w)
    return block


class _RealGauntRuleFields(NamedTuple):
    m1: int
    m2: int
    m3: int
    complex_orders: tuple[int, int, int]
    weight: int  # one of ±1, ±2
    nonzero: int  # number of nonzero orders among m1, m2, m3


class RealGauntRule(_RealGauntRuleFields):
    """How one real Gaunt coefficient follows from one complex Gaunt coefficient.

    ``real_gaunt(l1, l2, l3, m1, m2, m3) == weight * 2**(-nonzero/2) * gaunt(l1, l2, l3, *complex_orders)``
    for every ``l_i >= |m_i|``.  A tuple of ints; the constructor checks the field types.

    Examples
    --------
    >>> RealGauntRule(1, -1, 0, (1, -1, 0), 1, 2).weight
    1
    """

    __slots__ = ()

    def __new__(cls, m1: int, m2: int, m3: int, complex_orders: tuple[int, int, int], weight: int,
                nonzero: int) -> RealGauntRule:

        self = super().__new__(cls, m1, m2, m3, complex_orders, weight, nonzero)
        check_fields(self)
        return self


@int_arguments(DEGREE_LIMIT)
def real_gaunt_rules(l1max: int, l2max: int, l3max: int) -> list[RealGauntRule]:
    """Every order triple with ``|m_i| <= l_imax`` whose real Gaunt coefficients can be nonzero.

    The one enumeration of the real-basis selection rules in the azimuthal
    orders, shared by the exact tables, the float blocks and the dense tensor
    product.  Orders that break them give zero for every degree.

    Examples
    --------
    >>> rules = real_gaunt_rules(1, 1, 2)
    >>> len(rules), rules[0]
    (11, RealGauntRule(m1=-1, m2=-1, m3=2, complex_orders=(1, 1, -2), weight=-2, nonzero=3))
    """
    if min(l1max, l2max, l3max) < 0:
        raise InvalidArgumentError(f"degrees ({l1max}, {l2max}, {l3max}) must be >= 0")
    _check_pairs(l1max, l2max, "real_gaunt_rules")
    rules = []
    for m1 in range(-l1max, l1max + 1):
        a1 = abs(m1)
        for m2 in range(-l2max, l2max + 1):
            a2 = abs(m2)
            negatives = (m1 < 0) + (m2 < 0)
            for a3 in sorted({a1 + a2, abs(a1 - a2)}, reverse=True):
                # an even number of negative orders is needed (the integrand is otherwise odd in φ)
                if a3 > l3max or (a3 == 0 and negatives & 1):
                    continue
                m3 = -a3 if negatives & 1 else a3
                rule = _real_weight(m1, m2, m3)
                if rule is not None:
                    triple, w, k = rule
                    rules.append(RealGauntRule(m1, m2, m3, triple, w, k))
    return rules


@int_arguments(DEGREE_LIMIT)
def real_gaunt_block_exact(
    l1: int, l2: int, l3: int, complex_block: dict[tuple[int, int, int], SqrtRational] | None = None
) -> dict[tuple[int, int, int], SqrtRational]:
    """Every nonzero ``real_gaunt(l1, l2, l3, m1, m2, m3)`` of one allowed block, keyed by ``(m1, m2, m3)``.

    Exact; built from the block's complex coefficients (``complex_block``, the
    result of :func:`gaunt_block_exact`, computed here when not given) through
    :func:`real_gaunt_rules`.

    Examples
    --------
    >>> real_gaunt_block_exact(1, 1, 0)
    {(-1, -1, 0): 1/2/sqrt(pi), (0, 0, 0): 1/2/sqrt(pi), (1, 1, 0): 1/2/sqrt(pi)}
    """
    if not _allowed(l1, l2, l3):
        return {}
    _check_pairs(l1, l2, "an exact real Gaunt block")
    _refuse_if_slow(*_block_cost(l1, l2, l3, True), f"real_gaunt_block_exact({l1}, {l2}, {l3})", "l1")
    if complex_block is None:
        complex_block = gaunt_block_exact(l1, l2, l3)
    elif not isinstance(complex_block, dict):
        kind = type(complex_block).__name__
        raise InvalidTypeError(f"complex_block must be the dict of gaunt_block_exact, got {kind}")
    block: dict[tuple[int, int, int], SqrtRational] = {}
    cache: dict[tuple[int, ...], SqrtRational] = {}
    for rule in real_gaunt_rules(l1, l2, l3):
        key = (*map(abs, rule.complex_orders), rule.weight, rule.nonzero)
        value = cache.get(key)
        if value is None:
            value = complex_block.get(rule.complex_orders, _ZERO) * Fraction(rule.weight, 1 << (rule.nonzero // 2))
            if rule.nonzero & 1:
                value = value * _SQRT_HALF
            cache[key] = value
        if value:
            block[(rule.m1, rule.m2, rule.m3)] = value
    return block


def spread_over_permutations(out: dict, ls: tuple[int, int, int], block: dict) -> None:
    """Write ``block`` of degrees ``ls`` into ``out`` under every column permutation.

    Keys of ``out`` are ``(l1, l2, l3, m1, m2, m3)``; both Gaunt forms are
    invariant under permuting the columns ``(l_i, m_i)``.

    Examples
    --------
    >>> out = {}
    >>> spread_over_permutations(out, (0, 1, 1), {(0, 1, -1): "g"})
    >>> len(out), out[(1, 1, 0, 1, -1, 0)]
    (3, 'g')
    """
    if not isinstance(out, dict) or not isinstance(block, dict):
        raise InvalidTypeError("out and block must be dicts (block as from gaunt_block_exact)")
    if not isinstance(ls, tuple) or len(ls) != 3:
        raise InvalidTypeError(f"ls={ls!r} must be a tuple of three degrees")
    seen = set()
    for p in _PERMUTATIONS:
        lp = (ls[p[0]], ls[p[1]], ls[p[2]])
        if lp in seen:
            continue
        seen.add(lp)
        i, j, k = p
        for m, value in block.items():
            out[(*lp, m[i], m[j], m[k])] = value


def gaunt_table_exact(lmax: int) -> dict[tuple[int, int, int, int, int, int], SqrtRational]:
    r"""Every nonzero complex Gaunt coefficient with all ``l <= lmax``, exactly.

    Exact: a dict ``{(l1, l2, l3, m1, m2, m3): SqrtRational}`` whose values
    equal :func:`gaunt`; labels that give zero are absent.

    Parameters
    ----------
    lmax : int
        Largest degree, ``0 <= lmax <= 200``; a table estimated above
        ``MAX_EXACT_SECONDS`` or ``MAX_EXACT_BYTES`` is refused with
        ``SizeLimitError`` (about lmax 30 complex, lmax 24 real).

    Notes
    -----
    Only the allowed blocks with ``l1 <= l2 <= l3`` are computed (the other
    orders are column permutations), ``m3 = -m1 - m2`` is implied, the
    ``m -> -m`` symmetry halves the work and the m = 0 factor is computed once
    per block.

    Examples
    --------
    >>> from mathref.algebra import gaunt_table_exact
    >>> table = gaunt_table_exact(1)
    >>> len(table)
    10
    >>> table[(1, 1, 0, 1, -1, 0)]
    -1/2/sqrt(pi)
    """
    lmax = _lmax(lmax)
    _check_table_cost(lmax, False, "gaunt_table_exact")
    out: dict[tuple[int, int, int, int, int, int], SqrtRational] = {}
    for ls in allowed_degree_triples(lmax):
        spread_over_permutations(out, ls, gaunt_block_exact(*ls))
    return out


def real_gaunt_table_exact(lmax: int) -> dict[tuple[int, int, int, int, int, int], SqrtRational]:
    r"""Every nonzero real Gaunt coefficient with all ``l <= lmax``, exactly.

    Exact: a dict ``{(l1, l2, l3, m1, m2, m3): SqrtRational}`` whose values
    equal :func:`real_gaunt`; labels that give zero are absent.

    Parameters
    ----------
    lmax : int
        Largest degree, ``0 <= lmax <= 200``; a table estimated above
        ``MAX_EXACT_SECONDS`` or ``MAX_EXACT_BYTES`` is refused with
        ``SizeLimitError`` (about lmax 30 complex, lmax 24 real).

    Notes
    -----
    For each allowed ``(l1, l2, l3)`` and each ``(m1, m2)`` only
    ``|m3| = |m1| + |m2|`` or ``||m1| - |m2||`` can give a nonzero value, with
    the sign of ``m3`` fixed by the number of negative orders; each entry costs
    at most one exact 3j symbol per ``|m|`` pattern.  Both tables visit only
    ``l1 <= l2 <= l3`` and fill in the column permutations; the whole real
    table for ``lmax = 8`` (23,621 entries) takes a fraction of a second.

    Examples
    --------
    >>> from mathref.algebra import real_gaunt_table_exact
    >>> table = real_gaunt_table_exact(1)
    >>> len(table)
    10
    >>> table[(1, 1, 0, -1, -1, 0)]
    1/2/sqrt(pi)
    """
    lmax = _lmax(lmax)
    _check_table_cost(lmax, True, "real_gaunt_table_exact")
    out: dict[tuple[int, int, int, int, int, int], SqrtRational] = {}
    for ls in allowed_degree_triples(lmax):
        spread_over_permutations(out, ls, real_gaunt_block_exact(*ls))
    return out
