"""Exact linear programming on rationals: the simplex method on :class:`fractions.Fraction` tableaux.

Used where a floating-point solver cannot be trusted: huge coefficients (``C1000000000000001H...``), a
solver status that is neither "optimal" nor "infeasible", and every verdict "no solution" (which is only
ever returned when this exact solver proves it).  Problems are small (chemical equations: tens of
variables), so a dense tableau with Bland's anti-cycling rule is enough.

Examples
--------
>>> exact_lp_min([1, 1], [[1, -2]], lower=[1, 1])       # min x + y, x = 2y, x, y >= 1
(Fraction(3, 1), [Fraction(2, 1), Fraction(1, 1)])
>>> exact_lp_min([1, 1], [[1, 1]], lower=[1, 1]) is None  # x + y = 0 with x, y >= 1: infeasible
True
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction

from mathref.errors import InvalidArgumentError, InvalidTypeError, NotRepresentableError

#: An exact number: the LP refuses floats.
Exact = int | Fraction

__all__ = ["exact_lp_min", "is_feasible"]


def _exact(x, name: str) -> Fraction:
    if isinstance(x, bool) or not isinstance(x, numbers.Rational):
        raise InvalidTypeError(f"{name} has the entry {x!r} of type {type(x).__name__}; exact int or Fraction only")
    return Fraction(x)


def _rational_vector(v, name: str, n: int | None = None, *, allow_none: bool = False) -> list:
    if isinstance(v, str | bytes | dict) or not hasattr(v, "__iter__"):
        raise InvalidTypeError(f"{name} must be a sequence of exact numbers, got {type(v).__name__}")
    if hasattr(v, "tolist"):
        v = v.tolist()
    out = [None if (allow_none and x is None) else _exact(x, name) for x in v]
    if n is not None and len(out) != n:
        raise InvalidArgumentError(f"{name} has {len(out)} entries, expected {n}")
    return out


def _rational_matrix(A, name: str, n: int) -> list[list[Fraction]]:
    if isinstance(A, str | bytes | dict) or not hasattr(A, "__iter__"):
        raise InvalidTypeError(f"{name} must be a 2-D sequence of exact numbers, got {type(A).__name__}")
    if hasattr(A, "tolist"):
        A = A.tolist()
    return [_rational_vector(r, f"{name} row {i}", n) for i, r in enumerate(A)]


def _pivot(T: list[list[Fraction]], r: int, c: int) -> None:
    pr = T[r]
    p = pr[c]
    if p != 1:
        T[r] = pr = [v / p for v in pr]
    for i, row in enumerate(T):
        if i != r and row[c]:
            f = row[c]
            T[i] = [a - f * b for a, b in zip(row, pr)]


def _simplex(T: list[list[Fraction]], basis: list[int], ncols: int, allowed: int) -> bool:
    """Minimise the last row of ``T`` (objective row, reduced costs) over columns ``< allowed``; Bland's rule.

    Returns False when unbounded.
    """
    m = len(T) - 1
    while True:
        obj = T[m]
        c = next((j for j in range(allowed) if obj[j] < 0), None)
        if c is None:
            return True
        best, r = None, None
        for i in range(m):
            a = T[i][c]
            if a > 0:
                ratio = T[i][ncols] / a
                if best is None or ratio < best or (ratio == best and basis[i] < basis[r]):
                    best, r = ratio, i
        if r is None:
            return False
        _pivot(T, r, c)
        basis[r] = c


def exact_lp_min(c: Sequence[Exact], A: Sequence[Sequence[Exact]], *, rhs: Sequence[Exact] | None = None,
                 lower: Sequence[Exact] | None = None,
                 upper: Sequence[Exact | None] | None = None) -> tuple[Fraction, list[Fraction]] | None:
    """``min c·x`` subject to ``A x = rhs`` (default 0), ``lower <= x <= upper``, exactly; None when infeasible.

    ``lower`` defaults to 0; entries of ``upper`` may be None (no bound).  Returns ``(value, x)`` with
    Fractions; raises :class:`~mathref.errors.NotRepresentableError` (an ``ArithmeticError``) when
    the problem is unbounded.  Every entry must be exact (int or Fraction); floats are refused.

    Examples
    --------
    >>> exact_lp_min([1, 2], [[1, -1]], lower=[3, 0])      # min x + 2y with x = y >= 3
    (Fraction(9, 1), [Fraction(3, 1), Fraction(3, 1)])
    """
    c = _rational_vector(c, "c")
    n = len(c)
    rows = _rational_matrix(A, "A", n)
    low = [Fraction(0)] * n if lower is None else _rational_vector(lower, "lower", n)
    rhs = [Fraction(0)] * len(rows) if rhs is None else _rational_vector(rhs, "rhs", len(rows))
    if upper is not None:
        upper = _rational_vector(upper, "upper", n, allow_none=True)
    keep = [i for i, r in enumerate(rows) if any(r) or rhs[i]]
    if any(not any(rows[i]) and rhs[i] for i in keep):
        return None
    rows, rhs = [rows[i] for i in keep], [Fraction(rhs[i]) for i in keep]
    nup = 0
    if upper is not None:
        ups = [(i, Fraction(u)) for i, u in enumerate(upper) if u is not None]
        nup = len(ups)
        # x_i + s_k = u_i with a slack column s_k >= 0 per finite upper bound
        rows = [r + [Fraction(0)] * nup for r in rows]
        for k, (i, u) in enumerate(ups):
            if u < low[i]:
                return None
            r = [Fraction(0)] * (n + nup)
            r[i] = Fraction(1)
            r[n + k] = Fraction(1)
            rows.append(r)
            rhs.append(u)
        c = list(c) + [0] * nup
        low = low + [Fraction(0)] * nup
    value = _solve(list(c), rows, rhs, low)
    if value is None:
        return None
    val, x = value
    return val, x[:n]


def _solve(c, rows, rhs, low):
    n = len(c)
    # x = low + y, y >= 0:  A y = rhs - A low
    b = [r0 - sum(a * lo for a, lo in zip(r, low)) for r, r0 in zip(rows, rhs)]
    for i in range(len(rows)):
        if b[i] < 0:
            rows[i] = [-v for v in rows[i]]
            b[i] = -b[i]
    m = len(rows)
    ncols = n + m  # structural + artificial; rhs at index ncols
    T = [rows[i] + [Fraction(int(i == k)) for k in range(m)] + [b[i]] for i in range(m)]
    # phase 1: minimise the sum of artificials (reduced costs = -sum of rows on structural columns)
    phase1 = [-sum(T[i][j] for i in range(m)) for j in range(n)] + [Fraction(0)] * m + [-sum(b)]
    T.append(phase1)
    basis = [n + i for i in range(m)]
    _simplex(T, basis, ncols, n)
    if T[m][ncols] != 0:
        return None
    # drive artificials out of the basis where possible
    for i in range(m):
        if basis[i] >= n:
            j = next((j for j in range(n) if T[i][j] != 0), None)
            if j is not None:
                _pivot(T, i, j)
                basis[i] = j
    cost = [Fraction(v) for v in c]
    obj = cost + [Fraction(0)] * m + [Fraction(0)]
    for i in range(m):
        if basis[i] < n and cost[basis[i]]:
            f = cost[basis[i]]
            obj = [a - f * t for a, t in zip(obj, T[i])]
    T[m] = obj
    if not _simplex(T, basis, ncols, n):
        raise NotRepresentableError("the linear program is unbounded")
    y = [Fraction(0)] * n
    for i in range(m):
        if basis[i] < n:
            y[basis[i]] = T[i][ncols]
    x = [lo + v for lo, v in zip(low, y)]
    return sum((a * v for a, v in zip(cost, x)), Fraction(0)), x


def is_feasible(A: Sequence[Sequence[Exact]], *, lower: Sequence[Exact]) -> bool:
    """True when ``A x = 0, x >= lower`` has a rational (hence, for ``lower >= 0``, an integer) solution.

    >>> is_feasible([[2, 0, -2], [0, 2, -1]], lower=[1, 1, 1])
    True
    """
    lower = _rational_vector(lower, "lower")
    return exact_lp_min([0] * len(lower), A, lower=lower) is not None
