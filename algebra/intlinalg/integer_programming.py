"""Exact canonical optimisation on integer lattices: the minimum-sum positive kernel vector.

:func:`min_sum_solution` finds the integer solution of ``A x = 0`` with every
``x_i >= lower_i`` (default 1) and the smallest total ``sum(x)``, ties broken by
the lexicographically smallest ``x``.  Every answer is checked with integer
arithmetic before it is returned.

Method
------
Stages, tried in order:

1. **Solution lattice of rank 2** (exact, integers only): over a lattice basis
   ``x = t1 b1 + t2 b2`` the solutions of total S satisfy ``a t1 + b t2 = S``
   (``a, b`` the totals of ``b1, b2``), a Diophantine line whose points
   ``x0 + k d`` with ``x >= 1`` form an integer interval of ``k``.  Totals are
   tried upward (small ones directly, larger ones from the LP-relaxation bound),
   so the first non-empty interval gives the minimum total; its end with the
   lexicographically smaller ``x`` is the tie-break.
2. **Rank 3** (exact): for each total the solutions are
   ``x0 + k1 u1 + k2 u2`` (``u1, u2`` a basis of the zero-sum balances);
   eliminating ``k2`` (Fourier-Motzkin on integer data) bounds ``k1``, and for
   each ``k1`` the admissible ``k2`` form an interval whose lexicographically
   smaller end is a candidate.
3. **Otherwise** ``scipy.optimize.milp``: the minimum total, then an exact
   tie-break on the line of ties, or one coordinate at a time over the affine
   set of ties.

Stages 1 and 2 apply only with the default bounds ``x >= 1``.
"""

from __future__ import annotations

import numbers

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from .exact_lp import exact_lp_min
from .lattice import as_int_matrix, as_int_vector, extended_gcd, integer_kernel, rank

__all__ = ["min_sum_solution"]

#: totals tried after the LP bound (rank 2), and in all (rank 3)
_LP_TOTALS = 4096
_RANK3_TOTALS = 512
#: widest k1 range enumerated in the rank-3 stage
_RANK3_WIDTH = 100000


# More columns than this are refused up front (the exact LP holds dense rows of Fractions).
MAX_COLUMNS = 100_000


def min_sum_solution(A: list[list[int]], n: int, *, lower: list[int] | None = None,
                     node_limit: int = 20000) -> list[int] | None:
    """Minimum-sum integer solution of ``A x = 0`` with ``x >= lower`` (default 1), exact.

    Ties at the minimum sum are broken lexicographically (smallest ``x[0]``, then ``x[1]``, ...).  ``A``
    is a list of integer rows with ``n`` columns (``lower`` must be >= 0).  Returns None only when no
    solution exists, which is proved by an exact rational linear program (for these homogeneous systems a
    rational solution scales to an integer one).  A float solver's answer is used only after an exact
    check and an exact optimality certificate; when the float solver cannot be trusted (entries beyond
    2**40, a status other than optimal) an exact branch and bound on rationals decides.  Raises
    :class:`~mathref.errors.ConvergenceError` (never "no solution") when that search needs more than
    ``node_limit`` nodes.

    Examples
    --------
    >>> min_sum_solution([[1, 0, -1, -1], [0, 2, -1, -2]], 4)   # C + O2 -> CO + CO2
    [3, 2, 2, 1]
    >>> min_sum_solution([[1, -1]], 2, lower=[2, 0])
    [2, 2]
    >>> min_sum_solution([[1, 1]], 2) is None
    True
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise InvalidTypeError(f"n={n!r} must be an int (the number of columns)")
    n = int(n)
    if n < 0:
        raise InvalidArgumentError(f"n={n} must be >= 0 (the number of columns)")
    if n > MAX_COLUMNS:
        raise SizeLimitError(f"n={n} columns is above {MAX_COLUMNS}", argument="n", estimate=f"{n} variables")
    if isinstance(node_limit, bool) or not isinstance(node_limit, numbers.Integral) or node_limit < 1:
        raise InvalidArgumentError(f"node_limit={node_limit!r} must be a positive int")
    A = as_int_matrix(A, "A")
    if any(len(r) != n for r in A):
        raise InvalidArgumentError(f"A must have n={n} columns")
    low = [1] * n if lower is None else as_int_vector(lower, "lower")
    if len(low) != n or any(v < 0 for v in low):
        raise InvalidArgumentError(f"lower must have n={n} entries, each >= 0")
    relax = exact_lp_min([1] * n, A, lower=low)
    if relax is None:
        return None  # proved: no rational, hence no integer, solution
    bound = -((-relax[0].numerator) // relax[0].denominator)  # ceil of the exact LP optimum
    if lower is None:
        exact = _min_sum_exact(A, n, bound)
        if exact is not None:
            return exact
    incumbent = None
    if all(abs(x) < _FLOAT_SAFE for row in A for x in row):
        incumbent = _min_sum_milp(A, n, lower)
        if incumbent is not None and sum(incumbent) == bound and _is_lexmin_certified(A, incumbent, low):
            return incumbent
    total, x = _branch_and_bound([1] * n, A, [0] * len(A), low, [None] * n, incumbent, node_limit)
    return _lexmin_exact(A, n, low, total, x, node_limit)


#: entries below this bound are passed to the float MILP (its answers are then checked exactly)
_FLOAT_SAFE = 1 << 40


def _is_lexmin_certified(A, x, low) -> bool:
    """True when the minimum-sum solutions form at most a line, on which ``x`` is the lexicographic minimum."""
    n = len(x)
    ties = integer_kernel([r[:] for r in A] + [[1] * n])
    if not ties:
        return True
    if len(ties) == 1:
        return _lexmin_on_line(x, ties[0], low) == x
    return False


def _branch_and_bound(cost, A, rhs, lo, hi, incumbent, node_limit):
    """Exact integer minimum of ``cost·x`` on ``A x = rhs``, ``lo <= x <= hi``; depth first, exact LP bounds."""
    from mathref.errors import ConvergenceError

    best = list(incumbent) if incumbent is not None else None
    best_val = sum(c * v for c, v in zip(cost, best)) if best is not None else None
    stack = [(list(lo), list(hi))]
    nodes = 0
    while stack:
        l, h = stack.pop()
        nodes += 1
        if nodes > node_limit:
            raise ConvergenceError(
                f"exact branch and bound stopped after node_limit={node_limit} nodes; a solution exists "
                "(the exact linear relaxation is feasible) but its optimality is not yet proved",
                partial=best, diagnostics={"nodes": nodes, "best": best_val})
        r = exact_lp_min(cost, A, rhs=rhs, lower=l, upper=h)
        if r is None:
            continue
        val, x = r
        if best_val is not None and val >= best_val:
            continue
        i = next((k for k, v in enumerate(x) if v.denominator != 1), None)
        if i is None:
            best, best_val = [int(v) for v in x], int(val)
            continue
        f = x[i].numerator // x[i].denominator
        up_l = l[:]
        up_l[i] = f + 1
        down_h = h[:]
        down_h[i] = f
        stack.append((up_l, h))
        stack.append((l, down_h))
    if best is None:  # pragma: no cover - callers prove feasibility first
        raise ConvergenceError("exact branch and bound found no integer point in a feasible relaxation")
    return best_val, best


def _lexmin_exact(A, n, low, total, x, node_limit):
    """The lexicographically smallest solution of the given total (exact; one coordinate at a time)."""
    rows = [r[:] for r in A] + [[1] * n]
    ties = integer_kernel(rows)
    if not ties:
        return x
    if len(ties) == 1:
        return _lexmin_on_line(x, ties[0], low)
    rhs = [0] * len(A) + [total]
    lo, hi = list(low), [None] * n
    for i in range(n):
        cost = [int(j == i) for j in range(n)]
        _, x = _branch_and_bound(cost, rows, rhs, lo, hi, x, node_limit)
        lo[i] = hi[i] = x[i]
    return x


def _satisfies(A: list[list[int]], x: list[int], lower: list[int]) -> bool:
    """Exact check: ``A x = 0`` and ``x >= lower``."""
    return all(v >= b for v, b in zip(x, lower)) and not any(sum(a * b for a, b in zip(row, x)) for row in A)


# ------------------------------------------------------------ exact stages
def _min_sum_exact(A: list[list[int]], n: int, bound: int | None = None) -> list[int] | None:
    """The canonical solution with ``x >= 1`` for a solution lattice of rank 2 or 3; None otherwise.

    ``bound`` is a lower bound on the minimum total (the ceiling of the exact LP optimum).
    """
    if bound is None:
        relax = exact_lp_min([1] * n, A, lower=[1] * n)
        if relax is None:
            return None
        bound = -((-relax[0].numerator) // relax[0].denominator)
    basis = integer_kernel(A)
    if len(basis) == 2:
        return _min_sum_rank2(A, n, basis, bound)
    if len(basis) == 3:
        return _min_sum_rank3(A, n, basis, bound)
    return None


def _min_sum_rank2(A: list[list[int]], n: int, basis: list[list[int]], bound: int = 0) -> list[int] | None:
    """Stage 1: the solutions of each total lie on a Diophantine line (module docstring)."""
    b1, b2 = basis
    a, b = sum(b1), sum(b2)
    g, s1, s2 = extended_gcd(a, b)
    if g == 0:
        return None
    d = [(b // g) * u - (a // g) * v for u, v in zip(b1, b2)]
    # totals upward from the exact LP bound: the first one with a point is the minimum
    for total in range(max(n, bound), max(n, bound) + _LP_TOTALS):
        found = _point_on_line(A, total, g, s1, s2, b1, b2, d)
        if found is not None:
            return found or None
    return None


def _point_on_line(A, total, g, s1, s2, b1, b2, d) -> list[int] | None:
    """The canonical ``x >= 1`` of the given total on the line; ``[]`` if the check fails, None if none."""
    if total % g:
        return None
    m = total // g
    x0 = [s1 * m * u + s2 * m * v for u, v in zip(b1, b2)]
    k_lo, k_hi = None, None
    for xi, di in zip(x0, d):
        if di > 0:  # xi + k di >= 1
            c = -((xi - 1) // di)
            k_lo = c if k_lo is None or c > k_lo else k_lo
        elif di < 0:
            c = (xi - 1) // (-di)
            k_hi = c if k_hi is None or c < k_hi else k_hi
        elif xi < 1:
            return None
    if k_lo is None or k_hi is None or k_lo > k_hi:
        return None
    first = next(di for di in d if di)
    k = k_lo if first > 0 else k_hi
    x = [xi + k * di for xi, di in zip(x0, d)]
    return x if _satisfies(A, x, [1] * len(x)) else []


def _min_sum_rank3(A: list[list[int]], n: int, basis: list[list[int]], bound: int = 0) -> list[int] | None:
    """Stage 2: per total, bound ``k1`` by eliminating ``k2``, then scan ``k1`` (module docstring)."""
    ties = integer_kernel([r[:] for r in A] + [[1] * n])
    if len(ties) != 2:
        return None
    u1, u2 = ties
    a, b, c = (sum(v) for v in basis)
    g1, s1, t1 = extended_gcd(a, b)
    g, p1, q1 = extended_gcd(g1, c)
    if g == 0:
        return None
    pos = [i for i in range(n) if u2[i] > 0]
    neg = [i for i in range(n) if u2[i] < 0]
    if not pos or not neg:
        return None
    first2 = next(v for v in u2 if v)
    for total in range(max(n, bound), max(n, bound) + _RANK3_TOTALS):
        if total % g:
            continue
        m = total // g
        coef = (p1 * s1 * m, p1 * t1 * m, q1 * m)
        x0 = [coef[0] * x + coef[1] * y + coef[2] * z for x, y, z in zip(*basis)]
        k1_range = _k1_interval(x0, u1, u2, pos, neg)
        if k1_range is None:
            continue
        lo, hi = k1_range
        if hi - lo > _RANK3_WIDTH:
            return None
        best = _lexmin_over_k1(x0, u1, u2, pos, neg, lo, hi, first2)
        if best is not None:
            return best if _satisfies(A, best, [1] * n) else None
    return None


def _k1_interval(x0, u1, u2, pos, neg) -> tuple[int, int] | None:
    """Bounds on ``k1`` after eliminating ``k2`` from ``x0 + k1 u1 + k2 u2 >= 1``; None when empty."""
    n = len(x0)
    # constraints alpha k1 >= beta: rows with u2 = 0, and every (pos, neg) pair after eliminating k2
    pairs = [(u1[i], 1 - x0[i]) for i in range(n) if u2[i] == 0]
    for i in pos:
        for j in neg:
            alpha = u1[j] * u2[i] - u1[i] * u2[j]
            beta = (1 - x0[j]) * u2[i] - (1 - x0[i]) * u2[j]
            pairs.append((alpha, beta))
    lo, hi = None, None
    for alpha, beta in pairs:
        if alpha > 0:
            v = -((-beta) // alpha)
            lo = v if lo is None or v > lo else lo
        elif alpha < 0:
            v = (-beta) // (-alpha)  # floor(beta / alpha)
            hi = v if hi is None or v < hi else hi
        elif beta > 0:
            return None
    if lo is None or hi is None or lo > hi:
        return None
    return lo, hi


def _lexmin_over_k1(x0, u1, u2, pos, neg, lo, hi, first2) -> list[int] | None:
    """The lexicographically smallest admissible point over ``lo <= k1 <= hi`` (each k2 interval's best end)."""
    n = len(x0)
    best = None
    for k1 in range(lo, hi + 1):
        base = [x + k1 * u for x, u in zip(x0, u1)]
        k_lo = max(-((base[i] - 1) // u2[i]) for i in pos)
        k_hi = min((base[j] - 1) // (-u2[j]) for j in neg)
        if k_lo > k_hi or any(base[i] < 1 for i in range(n) if u2[i] == 0):
            continue
        k2 = k_lo if first2 > 0 else k_hi
        x = [v + k2 * u for v, u in zip(base, u2)]
        if best is None or x < best:
            best = x
    return best


# ------------------------------------------------------------ MILP stage
def _min_sum_milp(A: list[list[int]], n: int, lower: list[int] | None) -> list[int] | None:
    """Stage 3: the minimum total by MILP, then the exact lexicographic tie-break."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    low = np.ones(n) if lower is None else np.array(lower, dtype=float)
    lower_ints = [1] * n if lower is None else list(lower)
    cons = [LinearConstraint(np.array(A, dtype=float), 0, 0)]
    integrality = np.ones(n)
    res = milp(np.ones(n), constraints=cons, bounds=Bounds(low, np.full(n, np.inf)), integrality=integrality,
               options={"mip_rel_gap": 0.0})
    if res.status != 0 or res.x is None:
        return None
    x = [int(round(v)) for v in res.x]
    if not _satisfies(A, x, lower_ints):
        return None
    ties = integer_kernel([r[:] for r in A] + [[1] * n])
    if len(ties) == 1:
        return _lexmin_on_line(x, ties[0], lower_ints)
    if not ties:
        return x
    x = _lexmin_by_coordinates(A, x, cons, low, integrality)
    return x if _satisfies(A, x, lower_ints) else None


def _lexmin_on_line(x: list[int], z: list[int], lower: list[int]) -> list[int]:
    """The lexicographically smallest ``x + k z >= lower`` (the minimum-sum solutions form this line)."""
    k_lo = None
    for xi, zi, bi in zip(x, z, lower):
        if zi > 0:  # xi + k zi >= bi  <=>  k >= ceil((bi - xi) / zi)
            b = -((xi - bi) // zi)
            k_lo = b if k_lo is None else max(k_lo, b)
    # integer_kernel makes the first non-zero entry of z positive: the smallest k is the
    # lexicographically smallest solution
    k = k_lo if k_lo is not None else 0
    return [xi + k * zi for xi, zi in zip(x, z)]


def _lexmin_by_coordinates(A: list[list[int]], x: list[int], cons, low, integrality) -> list[int]:
    """Fix one coordinate at a time to its smallest value among the minimum-sum solutions (MILP per step).

    Exact bookkeeping of the affine set {A x = 0, sum x = total, fixed coordinates}:
    a coordinate already determined by it needs no solve, and a zero-dimensional
    set ends the search.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(x)
    lo = low.copy()
    hi = np.full(n, np.inf)
    fixed_cons = cons + [LinearConstraint(np.ones((1, n)), sum(x), sum(x))]
    rows = [r[:] for r in A] + [[1] * n]
    current = rank(rows)
    for i in range(n):
        if current == n:
            break
        unit = [int(j == i) for j in range(n)]
        if rank(rows + [unit]) == current:
            continue
        c = np.zeros(n)
        c[i] = 1.0
        r = milp(c, constraints=fixed_cons, bounds=Bounds(lo, hi), integrality=integrality,
                 options={"mip_rel_gap": 0.0})
        if r.x is None:
            break
        xi = int(round(r.x[i]))
        lo[i] = hi[i] = xi
        x = [int(round(v)) for v in r.x]
        rows.append(unit)
        current += 1
    return x
