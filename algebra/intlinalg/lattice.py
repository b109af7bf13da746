"""Integer lattices on Python ints: rank, Hermite normal form, integer and rational kernels.

Every function here is exact: matrices are lists of rows of Python ints (numpy
integer arrays and sympy matrices are accepted and converted), arithmetic is
integer arithmetic with gcd reductions (fraction-free elimination), and no float
is ever formed.  Floats in the input are rejected with ``TypeError``.

A vector is *primitive* when the gcd of its entries is 1.  The sign convention
of :func:`primitive` is "first non-zero entry positive".

References: H. Cohen, *A Course in Computational Algebraic Number Theory*,
§2.4 (Hermite normal form).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from math import gcd
from typing import Union

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError

#: An exact integer vector or matrix: nested sequences of ints, or a numpy integer array (floats are refused).
IntVector = Union[Sequence[int], np.ndarray]
IntMatrix = Union[Sequence[Sequence[int]], np.ndarray]

__all__ = [
    "as_int_matrix",
    "as_int_vector",
    "rank",
    "hermite_normal_form",
    "integer_kernel",
    "rational_kernel",
    "left_kernel",
    "primitive",
    "extended_gcd",
]


def _as_int_entry(x, name: str) -> int:
    if type(x) is int:
        return x
    if isinstance(x, bool | np.bool_):
        raise InvalidTypeError(f"{name} has a bool entry {x!r}; expected integers")
    if isinstance(x, numbers.Integral):
        return int(x)
    if type(x).__module__.startswith("sympy") and getattr(x, "is_Integer", False):
        return int(x)
    raise InvalidTypeError(f"{name} has a non-integer entry {x!r} of type {type(x).__name__}; exact integers only")


def as_int_vector(vector: IntVector, name: str = "vector") -> list[int]:
    """Convert a 1-D sequence (or numpy integer array) to a list of Python ints, rejecting floats.

    Examples
    --------
    >>> as_int_vector(np.array([3, -1]))
    [3, -1]
    """
    if isinstance(vector, str | bytes) or not hasattr(vector, "__iter__"):
        raise InvalidTypeError(f"{name} must be a 1-D sequence of integers, got {type(vector).__name__}")
    if isinstance(vector, np.ndarray):
        if vector.ndim != 1:
            raise InvalidArgumentError(f"{name} must be 1-D, got an array of shape {vector.shape}")
        if vector.dtype.kind == "f":
            raise InvalidTypeError(f"{name} is a float array; exact integers only")
        vector = vector.tolist()
    return [_as_int_entry(x, name) for x in vector]


def as_int_matrix(matrix: IntMatrix, name: str = "matrix") -> list[list[int]]:
    """Convert a matrix to a list of rows of Python ints, rejecting floats.

    Accepts nested sequences, numpy integer arrays and sympy matrices.  All rows
    must have the same length.

    Examples
    --------
    >>> as_int_matrix(np.array([[1, 2], [3, 4]]))
    [[1, 2], [3, 4]]
    >>> as_int_matrix([[1.0]])
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: matrix has a non-integer entry 1.0 of type float; exact integers only
    """
    if hasattr(matrix, "tolist") and not isinstance(matrix, list | tuple):
        if isinstance(matrix, np.ndarray) and matrix.dtype.kind == "f":
            raise InvalidTypeError(f"{name} is a float array; exact integers only")
        matrix = matrix.tolist()
    try:
        rows = [list(r) for r in matrix]
    except TypeError:
        raise InvalidTypeError(f"{name} must be a 2-D sequence of integers") from None
    if rows:
        width = len(rows[0])
        for i, r in enumerate(rows):
            if len(r) != width:
                raise InvalidArgumentError(f"{name} row {i} has {len(r)} entries, row 0 has {width}")
    return [[_as_int_entry(x, name) for x in r] for r in rows]


def primitive(vector: IntVector) -> list[int]:
    """Divide an integer vector by the gcd of its entries; first non-zero entry positive.

    The zero vector is returned unchanged.

    Examples
    --------
    >>> primitive([0, -4, 6, 2])
    [0, 2, -3, -1]
    """
    return _primitive_ints(as_int_vector(vector, "vector"))


def _primitive_ints(v: list[int]) -> list[int]:
    g = 0
    for x in v:
        g = gcd(g, x)
    if g == 0:
        return v
    lead = next(x for x in v if x)
    if lead < 0:
        g = -g
    return [x // g for x in v]


def _echelon(rows: list[list[int]]) -> tuple[list[list[int]], list[int]]:
    """Fraction-free row echelon form with gcd-reduced rows; returns (rows, pivot columns)."""
    rows = [r[:] for r in rows if any(r)]
    if not rows:
        return [], []
    ncols = len(rows[0])
    out: list[list[int]] = []
    pivots: list[int] = []
    for c in range(ncols):
        k = next((i for i, r in enumerate(rows) if r[c]), None)
        if k is None:
            continue
        p = rows.pop(k)
        new = []
        for r in rows:
            a = r[c]
            if a:
                g = gcd(a, p[c])
                u, w = p[c] // g, a // g
                r = [u * x - w * y for x, y in zip(r, p)]
                h = 0
                for x in r:
                    h = gcd(h, x)
                if h > 1:
                    r = [x // h for x in r]
            if any(r):
                new.append(r)
        rows = new
        out.append(p)
        pivots.append(c)
        if not rows:
            break
    return out, pivots


def rank(matrix: IntMatrix) -> int:
    """Exact rank of an integer matrix (fraction-free elimination).

    Examples
    --------
    >>> rank([[1, 2, 3], [2, 4, 6], [1, 0, 1]])
    2
    """
    return len(_echelon(as_int_matrix(matrix))[1])


def hermite_normal_form(matrix: IntMatrix) -> tuple[list[list[int]], list[list[int]]]:
    """Row-style Hermite normal form ``H = U A`` with ``U`` unimodular.

    ``H`` is upper echelon, pivots positive, entries above each pivot reduced into
    ``[0, pivot)``; zero rows come last.  Exact on Python ints.

    Returns
    -------
    (H, U) : lists of rows of ints, ``H`` of the shape of ``A`` and ``U`` square.

    Notes
    -----
    Extended-gcd row operations (Cohen, Algorithm 2.4.5 in row form).  The rows of
    ``U`` matching the zero rows of ``H`` are a lattice basis of the integer left
    kernel of ``A``.

    Examples
    --------
    >>> H, U = hermite_normal_form([[2, 4], [3, 5]])
    >>> H
    [[1, 1], [0, 2]]
    >>> abs(U[0][0] * U[1][1] - U[0][1] * U[1][0])
    1
    """
    A = as_int_matrix(matrix)
    m = len(A)
    n = len(A[0]) if m else 0
    H = [r[:] for r in A]
    U = [[int(i == j) for j in range(m)] for i in range(m)]
    row = 0
    for c in range(n):
        if row >= m:
            break
        # gcd of column c over rows >= row, gathered into H[row]
        for i in range(row + 1, m):
            if H[i][c] == 0:
                continue
            a, b = H[row][c], H[i][c]
            g, s, t = extended_gcd(a, b)
            ua, ub = a // g, b // g
            hr, hi = H[row], H[i]
            H[row] = [s * x + t * y for x, y in zip(hr, hi)]
            H[i] = [-ub * x + ua * y for x, y in zip(hr, hi)]
            ur, ui = U[row], U[i]
            U[row] = [s * x + t * y for x, y in zip(ur, ui)]
            U[i] = [-ub * x + ua * y for x, y in zip(ur, ui)]
        if H[row][c] == 0:
            continue
        if H[row][c] < 0:
            H[row] = [-x for x in H[row]]
            U[row] = [-x for x in U[row]]
        p = H[row][c]
        for i in range(row):
            q = H[i][c] // p
            if q:
                H[i] = [x - q * y for x, y in zip(H[i], H[row])]
                U[i] = [x - q * y for x, y in zip(U[i], U[row])]
        row += 1
    return H, U


def extended_gcd(a: int, b: int) -> tuple[int, int, int]:
    """``(g, s, t)`` with ``s*a + t*b == g == gcd(a, b) >= 0``, on Python ints.

    Examples
    --------
    >>> extended_gcd(12, -18)
    (6, -1, -1)
    """
    a, b = _as_int_entry(a, "a"), _as_int_entry(b, "b")
    s0, s1, t0, t1 = 1, 0, 0, 1
    x, y = a, b
    while y:
        q = x // y
        x, y = y, x - q * y
        s0, s1 = s1, s0 - q * s1
        t0, t1 = t1, t0 - q * t1
    if x < 0:
        x, s0, t0 = -x, -s0, -t0
    return x, s0, t0


def _size_reduce(basis: list[list[int]]) -> list[list[int]]:
    """Shorten a lattice basis by integral pairwise reductions (a cheap, exact LLL substitute)."""
    basis = [b[:] for b in basis]
    changed = True
    sweeps = 0
    while changed and sweeps < 50:
        changed = False
        sweeps += 1
        basis.sort(key=lambda v: (sum(x * x for x in v), v))
        for i in range(len(basis)):
            for j in range(len(basis)):
                if i == j:
                    continue
                bi, bj = basis[i], basis[j]
                nj = sum(x * x for x in bj)
                dot = sum(x * y for x, y in zip(bi, bj))
                q = (2 * dot + nj) // (2 * nj)  # nearest integer to dot / nj
                if q:
                    cand = [x - q * y for x, y in zip(bi, bj)]
                    if sum(x * x for x in cand) < sum(x * x for x in bi):
                        basis[i] = cand
                        changed = True
    return basis


#: above this many columns, integer_kernel first tries the unit-pivot basis (no quadratic size reduction)
_SIZE_REDUCE_MAX = 40


def _unit_pivot_kernel(A: list[list[int]]) -> list[list[int]] | None:
    """A lattice basis of the integer kernel from unit pivots reached by unimodular operations; else None.

    Each step takes a column whose remaining entries have gcd 1 (or, when there is none, combines
    free columns by unimodular column operations until one has a 1 in the pivot row), brings the 1 to
    the pivot row by extended-gcd row operations and clears the column.  Row operations leave the
    kernel unchanged; column operations change coordinates by a unimodular map that is applied back.
    With an identity block on the pivot columns, ``y_f = 1, y_pivots = -R[:, f]`` for each free
    column ``f`` is a basis of the kernel.  Cost O(m^2 n) for m rows.  None when some remaining row has
    content > 1 everywhere (a genuinely non-unimodular case: the Hermite normal form decides).
    """
    R = [r[:] for r in A if any(r)]
    m = len(R)
    n = len(A[0])
    expr: list[dict[int, int] | None] = [None] * n  # virtual column -> original columns (None: itself)
    pivots: list[int] = []
    used: set[int] = set()
    for k in range(m):
        if not any(R[i][c] for i in range(k, m) for c in range(n) if c not in used):
            break
        col = _unit_column(R, k, used, n)
        if col is None:
            col = _combine_columns(R, k, used, n, expr)
            if col is None:
                return None
        for i in range(k + 1, m):
            if R[i][col]:
                a, b = R[k][col], R[i][col]
                gg, s1, t1 = extended_gcd(a, b)
                ua, ub = a // gg, b // gg
                rk, ri = R[k], R[i]
                R[k] = [s1 * x + t1 * y for x, y in zip(rk, ri)]
                R[i] = [-ub * x + ua * y for x, y in zip(rk, ri)]
        if R[k][col] < 0:
            R[k] = [-x for x in R[k]]
        if R[k][col] != 1:  # pragma: no cover - the column gcd is 1
            return None
        for i in range(m):
            if i != k and R[i][col]:
                f = R[i][col]
                R[i] = [x - f * y for x, y in zip(R[i], R[k])]
        pivots.append(col)
        used.add(col)
    basis = []
    for f in (c for c in range(n) if c not in used):
        y = {f: 1}
        for k, pc in enumerate(pivots):
            if R[k][f]:
                y[pc] = -R[k][f]
        v = [0] * n
        for j, coef in y.items():
            for orig, w in (expr[j] or {j: 1}).items():
                v[orig] += coef * w
        basis.append(_primitive_ints(v))
    basis.sort(key=lambda v: ([i for i, x in enumerate(v) if x], [-x for x in v]))
    return basis


def _unit_column(R, k, used, n):
    """A column (not yet a pivot) whose entries in rows >= k have gcd 1, or None."""
    m = len(R)
    for c in range(n):
        if c in used:
            continue
        g = 0
        for i in range(k, m):
            g = gcd(g, R[i][c])
            if g == 1:
                return c
    return None


def _combine_columns(R, k, used, n, expr):
    """Unimodular column operations on free columns until one has entry 1 in row k; its index or None."""
    m = len(R)
    cols = [c for c in range(n) if c not in used and R[k][c]]
    if not cols:
        return None
    acc = cols[0]
    for c in cols[1:]:
        if abs(R[k][acc]) == 1:
            break
        a, b = R[k][acc], R[k][c]
        g, s1, t1 = extended_gcd(a, b)
        if g == abs(a):
            continue
        ua, ub = a // g, b // g
        # new acc = s1*acc + t1*c (entry g), new c = -ub*acc + ua*c (entry 0); determinant 1
        for i in range(m):
            x, y = R[i][acc], R[i][c]
            R[i][acc], R[i][c] = s1 * x + t1 * y, -ub * x + ua * y
        ea, ec = expr[acc] or {acc: 1}, expr[c] or {c: 1}
        na: dict[int, int] = {}
        nc: dict[int, int] = {}
        for j, w in ea.items():
            na[j] = na.get(j, 0) + s1 * w
            nc[j] = nc.get(j, 0) - ub * w
        for j, w in ec.items():
            na[j] = na.get(j, 0) + t1 * w
            nc[j] = nc.get(j, 0) + ua * w
        expr[acc] = {j: w for j, w in na.items() if w}
        expr[c] = {j: w for j, w in nc.items() if w}
    return acc if abs(R[k][acc]) == 1 else None


def integer_kernel(matrix: IntMatrix) -> list[list[int]]:
    """A lattice basis of the integer kernel {x in Z^n : A x = 0}, exact.

    Every integer solution of ``A x = 0`` is an integer combination of the
    returned vectors (a saturated lattice basis, from the Hermite normal form of
    ``A^T``), size-reduced, each in :func:`primitive` sign convention, in a
    deterministic order (reverse-lexicographic by support, then entries).  Above 40 columns the
    basis comes from unit pivots when unimodular row operations reach them (one vector per free
    column, no size reduction, whose cost grows with the square of the dimension); the
    Hermite-normal-form route is the fallback.

    Examples
    --------
    >>> integer_kernel([[1, 1, 1]])
    [[1, -1, 0], [0, 1, -1]]
    >>> integer_kernel([[2, 3]])
    [[3, -2]]
    """
    A = as_int_matrix(matrix)
    if not A:
        raise InvalidArgumentError("matrix must have at least one row; give a zero row for the trivial map")
    n = len(A[0])
    if n > _SIZE_REDUCE_MAX:
        fast = _unit_pivot_kernel(A)
        if fast is not None:
            return fast
    At = [[A[i][j] for i in range(len(A))] for j in range(n)]
    H, U = hermite_normal_form(At)
    basis = [U[i] for i in range(n) if not any(H[i])]
    basis = [primitive(b) for b in _size_reduce(basis)]
    basis.sort(key=lambda v: ([i for i, x in enumerate(v) if x], [-x for x in v]))
    return basis


def rational_kernel(matrix: IntMatrix) -> list[list[int]]:
    """Kernel basis in reduced-echelon form, one primitive integer vector per free column.

    The vectors span the kernel over the rationals (not necessarily the integer
    lattice; use :func:`integer_kernel` for that).  Vector ``k`` is the solution
    with free column ``f_k`` set and the other free columns zero, scaled to
    primitive with a positive entry in ``f_k``.

    Examples
    --------
    >>> rational_kernel([[1, 0, 1, 2], [0, 2, 2, 2]])
    [[-1, -1, 1, 0], [-2, -1, 0, 1]]
    """
    A = as_int_matrix(matrix)
    n = len(A[0]) if A else 0
    rows, pivots = _echelon(A)
    # back-substitute to reduced form: each pivot row free of the later pivots
    for k in range(len(rows) - 1, -1, -1):
        pc = pivots[k]
        for i in range(k):
            a = rows[i][pc]
            if a:
                g = gcd(a, rows[k][pc])
                u, w = rows[k][pc] // g, a // g
                rows[i] = [u * x - w * y for x, y in zip(rows[i], rows[k])]
    free = [c for c in range(n) if c not in set(pivots)]
    out = []
    for f in free:
        # x_f = L, x_pc = -rows[k][f] * L / rows[k][pc]
        L = 1
        for k, pc in enumerate(pivots):
            p = rows[k][pc]
            L = L * abs(p) // gcd(L, abs(p))
        v = [0] * n
        v[f] = L
        for k, pc in enumerate(pivots):
            v[pc] = -rows[k][f] * L // rows[k][pc]
        g = 0
        for x in v:
            g = gcd(g, x)
        out.append([x // g for x in v])
    return out


def left_kernel(matrix: IntMatrix) -> list[list[int]]:
    """Integer lattice basis of {y : y^T A = 0} (the kernel of the transpose).

    Examples
    --------
    >>> left_kernel([[1, -1], [0, 1], [-1, 0]])     # A -> B -> C -> A conserves A + B + C
    [[1, 1, 1]]
    """
    A = as_int_matrix(matrix)
    if not A:
        return []
    return integer_kernel([[A[i][j] for i in range(len(A))] for j in range(len(A[0]))])
