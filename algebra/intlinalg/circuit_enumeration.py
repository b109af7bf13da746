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

import math
import numbers
import time
from collections.abc import Iterator
from math import gcd
from typing import Literal

import numpy as np

from mathref.dispatch import SINGLE_CALL_SECONDS, Tier
from mathref.errors import InvalidArgumentError
from mathref.jit import JIT_ENABLED

from . import _circuit_kernels
from ._circuit_kernels import BOUND_REACHED, FINISHED, STATE_STARTED
from .lattice import IntMatrix, _primitive_ints, as_int_matrix

__all__ = ["circuits", "iter_circuits", "iter_circuit_batches"]


# method="auto" on a cold Numba cache (issue 17 §3): compiling the search costs seconds, the Python search
# of a small matrix (a handful of species) well under a millisecond.  So "auto" follows the ground floor's
# small-call rule (mathref.dispatch): Python while the kernel is not compiled in this process, this search
# is estimated cheap in Python, and Python searches have spent less than the rule's budget in all.  Both
# searches give the same circuits in the same order.
_TIER = Tier(_circuit_kernels, "circuit_search_depth_first")
# measured: 5-40 µs of Python per independent set visited
_PYTHON_SECONDS_PER_NODE = 3e-5


def _python_seconds(m: int, n: int) -> float:
    """Upper estimate of the Python search: independent sets of at most min(m, n) + 1 of n columns."""
    nodes = 0
    for k in range(min(m, n) + 2):
        nodes += math.comb(n, k)
        if nodes * _PYTHON_SECONDS_PER_NODE > SINGLE_CALL_SECONDS:
            break
    return nodes * _PYTHON_SECONDS_PER_NODE


def _auto_uses_kernel(m: int, n: int) -> bool:
    return _TIER.use_kernel(_python_seconds(m, n))


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


def iter_circuits(matrix: IntMatrix) -> Iterator[list[int]]:
    """Stream the circuits of ``matrix`` (pure Python ints), each primitive, first entry positive.

    Deterministic order: depth-first over independent column sets in index order.  Each circuit
    appears once.  The matrix is checked when this is called, not at the first ``next``.  See
    :func:`circuits` for the method.

    Examples
    --------
    >>> next(iter_circuits([[1, 1, 1]]))
    [1, -1, 0]
    """
    A = as_int_matrix(matrix)
    return _iter_circuits_python(A)


def _iter_circuits_python(A: list[list[int]]) -> Iterator[list[int]]:
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


def iter_circuit_batches(matrix: IntMatrix, *, batch_size: int = 1 << 16,
                         method: Literal["auto", "python", "compiled"] = "auto") -> Iterator[np.ndarray]:
    """Stream the circuits in batches: int64 arrays of shape ``(k, n)``, the order of :func:`circuits`.

    Memory is bounded by one batch plus the search state (``(rank + 2) * n * (n + rank)`` int64), never
    by the number of circuits.  The compiled search resumes where it stopped; when its int64 guard
    trips, the Python search takes over after the circuits already delivered (same order), and batches
    then hold Python ints in an object array when an entry does not fit int64.  The matrix is checked
    when this is called.

    Examples
    --------
    >>> [b.tolist() for b in iter_circuit_batches([[1, 1, 1]], batch_size=4)]
    [[[1, -1, 0], [1, 0, -1]], [[0, 1, -1]]]
    """
    A = as_int_matrix(matrix)
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or batch_size < 1:
        raise InvalidArgumentError(f"batch_size={batch_size!r} must be a positive integer")
    if method not in ("auto", "python", "compiled"):
        raise InvalidArgumentError(f"method={method!r} must be 'auto', 'python' or 'compiled'")
    return _batches(A, int(batch_size), method)


def _batches(A, batch_size, method):
    m = len(A)
    n = len(A[0]) if m else 0
    if not n:
        return
    delivered = 0
    compiled = method == "compiled" or (method == "auto" and _auto_uses_kernel(m, n))
    if compiled and JIT_ENABLED and not any(abs(x) >= 1 << 20 for r in A for x in r):
        cols = np.ascontiguousarray(np.array(A, dtype=np.int64).T.reshape(n, m))
        depth_cap = m + 2
        state = (np.zeros((depth_cap, n), np.int64), np.zeros((depth_cap, n, m), np.int64),
                 np.zeros((depth_cap, n, n), np.int64), np.zeros(depth_cap, np.int64),
                 np.zeros(depth_cap, np.int64), np.zeros(2, np.int64))
        want = max(batch_size, n + 1)
        while True:
            buf = np.empty((want, n), dtype=np.int64)
            count, status = _circuit_kernels.circuit_search_depth_first(cols, *state, buf, want)
            if count:
                delivered += count
                yield buf[:count]
            if status == FINISHED:
                return
            if status == BOUND_REACHED:
                break
        assert state[5][STATE_STARTED] == 1
    rows: list[list[int]] = []
    skip = delivered
    t0 = time.perf_counter()
    try:
        for c in _iter_circuits_python(A):
            if skip:
                skip -= 1
                continue
            rows.append(c)
            if len(rows) >= batch_size:
                yield _as_array(rows)
                rows = []
        if rows:
            yield _as_array(rows)
    finally:
        if not compiled:
            # includes the consumer's time between batches: an over-estimate, which only compiles sooner
            _TIER.charge(time.perf_counter() - t0)


def _as_array(rows: list[list[int]]) -> np.ndarray:
    try:
        return np.array(rows, dtype=np.int64)
    except OverflowError:
        return np.array(rows, dtype=object)


def circuits(matrix: IntMatrix, *, limit: int | None = None,
             method: Literal["auto", "python", "compiled"] = "auto") -> list[list[int]]:
    """All circuits of an integer matrix: minimal-support kernel vectors, primitive, exact.

    Parameters
    ----------
    matrix : 2-D integer array-like
    limit : int, optional
        Stop after this many circuits (the first ones in search order).
    method : {"auto", "python", "compiled"}
        ``"python"`` uses Python ints throughout; ``"compiled"`` the Numba kernel
        (int64 with an overflow guard; falls back to Python when the guard trips
        or the JIT is off); ``"auto"`` picks the kernel when the JIT is on and
        the search is not so small that compiling it would cost more (a cold
        cache: Python until the kernel is compiled, the search is estimated
        over 0.25 s, or Python searches have taken 0.5 s in this process).

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
    out: list[list[int]] = []
    for b in _batches(A, 1 << 16, method):
        out.extend(b.tolist())
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out

