"""Circuits of an integer matrix: every minimal-support kernel vector, exact.

A *circuit* of a matrix A is a minimal (by support) non-zero vector of its
kernel; its support is a minimal linearly dependent set of columns (a circuit
of the column matroid), and the vector on that support is unique up to scale.
Every kernel vector is a conformal-free rational combination of circuits, and
circuits have at most ``rank(A) + 1`` non-zero entries.

Method: a depth-first search over independent column sets in index order,
keeping each remaining column reduced against the current set (so testing a
column costs one vector update), emits a circuit exactly when a column becomes
dependent on *all* members of the set.  Sets that can no longer lead to a
circuit are not extended, so the work is proportional to the number of
independent sets actually visited, never to all 2**n subsets.  A Numba kernel
(int64 with a proven no-overflow guard, falling back to Python ints when the
guard trips) does the same search faster, in the same order.

References: J. Oxley, *Matroid Theory* (circuits).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from math import gcd

import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.jit import JIT_ENABLED

from ._circuit_kernels import circuit_search_depth_first
from .lattice import _primitive_ints, as_int_matrix

__all__ = ["circuits", "iter_circuits"]


def _eliminate(x: tuple, y: dict, x2: tuple, y2: dict, p: int) -> tuple[tuple, dict]:
    """Reduce the candidate ``(x2, y2)`` against the branch column ``(x, y)`` at row ``p``; gcd 1.

    ``x`` are residual columns, ``y`` the combinations of original columns
    (index -> coefficient) that produced them.
    """
    a, xp = x2[p], x[p]
    g = gcd(a, xp)
    u, w = xp // g, a // g
    nx = tuple(u * q - w * r for q, r in zip(x2, x))
    ny = {k: u * v for k, v in y2.items()}
    for k, v in y.items():
        ny[k] = ny.get(k, 0) - w * v
    h = 0
    for v in nx:
        h = gcd(h, v)
    for v in ny.values():
        h = gcd(h, v)
    if h > 1:
        nx = tuple(v // h for v in nx)
        ny = {k: v // h for k, v in ny.items()}
    return nx, ny


def _branch(cand: list, t: int, size: int) -> tuple[list, list[dict]]:
    """Add candidate ``t`` to an independent set of ``size`` members.

    Returns the reduced candidates of the grown set and the circuits it closes
    (combinations that vanish and use every member plus the candidate).
    """
    _, x, y = cand[t]
    p = next(i for i, v in enumerate(x) if v)
    child, closed = [], []
    for j2, x2, y2 in cand[t + 1 :]:
        if not x2[p]:
            child.append((j2, x2, y2))
            continue
        nx, ny = _eliminate(x, y, x2, y2, p)
        if any(nx):
            child.append((j2, nx, ny))
        elif len(ny) == size + 2 and all(ny.values()):
            closed.append(ny)
    return child, closed


def iter_circuits(matrix) -> Iterator[list[int]]:
    """Stream the circuits of ``matrix`` (pure Python ints), each primitive, first entry positive.

    Deterministic order: depth-first over independent column sets in index
    order.  Each circuit appears once.  See :func:`circuits` for the method.

    Examples
    --------
    >>> next(iter_circuits([[1, 1, 1]]))
    [1, -1, 0]
    """
    A = as_int_matrix(matrix)
    m = len(A)
    n = len(A[0]) if m else 0
    cols = [tuple(A[r][c] for r in range(m)) for c in range(n)]

    def finish(y: dict[int, int]) -> list[int]:
        v = [0] * n
        for k, x in y.items():
            v[k] = x
        return _primitive_ints(v)

    start = []
    for j in range(n):
        if any(cols[j]):
            start.append((j, cols[j], {j: 1}))
        else:
            yield finish({j: 1})
    stack = [(0, start, 0)]  # (members, candidates, next position)
    while stack:
        size, cand, t = stack.pop()
        if t >= len(cand):
            continue
        stack.append((size, cand, t + 1))
        child, closed = _branch(cand, t, size)
        for y in closed:
            yield finish(y)
        stack.append((size + 1, child, 0))


def _circuits_compiled(A: list[list[int]], limit: int | None) -> tuple[list[list[int]], bool] | None:
    """Run the Numba search; None when int64 could not hold the entries exactly."""
    m = len(A)
    n = len(A[0]) if m else 0
    if any(abs(x) >= 1 << 20 for r in A for x in r):
        return None
    cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T.reshape(n, m))
    cap = 1 << 16 if limit is None else max(1, min(limit, 1 << 16))
    while True:
        want = cap if limit is None else min(cap, limit)
        buf = np.zeros((want, n), dtype=np.int64)
        count, status = circuit_search_depth_first(cols, buf, want)
        if status == 2:
            return None
        if status == 0:
            return buf[:count].tolist(), True
        if limit is not None and count >= limit:
            return buf[:count].tolist(), False
        cap *= 8


def circuits(matrix, *, limit: int | None = None, method: str = "auto") -> list[list[int]]:
    """All circuits of an integer matrix: minimal-support kernel vectors, primitive, exact.

    Parameters
    ----------
    matrix : 2-D integer array-like
    limit : int, optional
        Stop after this many circuits (the first ones in search order).
    method : {"auto", "python", "compiled"}
        ``"python"`` uses Python ints throughout; ``"compiled"`` the Numba kernel
        (int64 with an overflow guard; falls back to Python when the guard trips
        or the JIT is off); ``"auto"`` picks the kernel when the JIT is on.

    Returns
    -------
    list of list of int
        Each circuit once, primitive, first non-zero entry positive, in
        depth-first search order (the same for both methods).

    Notes
    -----
    See the module docstring.  The result is independent of ``method``.

    Examples
    --------
    >>> circuits([[1, 1, 0], [0, 1, 1]])
    [[1, -1, 1]]
    >>> len(circuits([[1, 1, 1, 1]]))
    6
    """
    A = as_int_matrix(matrix)
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, numbers.Integral) or limit < 0:
            raise InvalidArgumentError(f"limit={limit!r} must be a non-negative integer or None")
        limit = int(limit)
        if limit == 0:
            return []
    if method not in ("auto", "python", "compiled"):
        raise InvalidArgumentError(f"method={method!r} must be 'auto', 'python' or 'compiled'")
    if not A or not A[0]:
        return []
    if method != "python" and JIT_ENABLED:
        res = _circuits_compiled(A, limit)
        if res is not None:
            return res[0]
    out = []
    for c in iter_circuits(A):
        out.append(c)
        if limit is not None and len(out) >= limit:
            break
    return out

