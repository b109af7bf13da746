"""Numba kernels behind :func:`mathref.algebra.intlinalg.circuits`: depth-first circuit search on int64.

The kernels validate nothing.  They work on int64 but are exact or say so: every
product formed has both factors below 2**31 in magnitude (checked before the
multiplication), so no intermediate can overflow; when a value would exceed that
bound the search stops with status ``BOUND_REACHED`` and the caller falls back to
the Python-int search.  ``OUTPUT_FULL`` means the output buffer filled up (the
caller enlarges it or stops at its limit).

Search state, per depth ``d`` of the independent set being grown: candidate
``t`` is the original column ``cand_idx[d, t]``, its residual ``cand_x[d, t]``
after elimination against the set (length m) and the combination of original
columns that produced it, ``cand_y[d, t]`` (length n).  The state lives in the
caller's arrays, so the search resumes where a full output buffer stopped it
(memory is one batch, never all circuits).  Stages:
:func:`seed_candidates` fills depth 0; the driver
:func:`circuit_search_depth_first` branches on one candidate at a time
(:func:`pivot_row`), reduces the later candidates against it, and hands every
combination that vanishes to :func:`close_circuit`.  The per-pair elimination
stays in the driver's loop: a call per candidate pair (or per branch) that
passes the work arrays is not inlined and cost about a fifth of the search
time when measured.
"""

from __future__ import annotations

from mathref.jit import jit

__all__ = [
    "FINISHED",
    "OUTPUT_FULL",
    "BOUND_REACHED",
    "circuit_search_depth_first",
    "seed_candidates",
    "pivot_row",
    "close_circuit",
    "support_size",
    "store_circuit",
    "divide_rows",
    "gcd_int64",
    "within_bound",
    "STATE_DEPTH",
    "STATE_STARTED",
]

_BOUND = 1 << 31

#: search statuses
FINISHED = 0
OUTPUT_FULL = 1
BOUND_REACHED = 2


@jit
def gcd_int64(a, b):
    """Non-negative gcd of two int64 values."""
    if a < 0:
        a = -a
    if b < 0:
        b = -b
    while b:
        a, b = b, a % b
    return a


@jit
def within_bound(v):
    """True when ``|v| < 2**31``, so that a product of two such values fits int64."""
    return -_BOUND < v < _BOUND


@jit
def seed_candidates(columns, cand_idx, cand_x, cand_y, out_coefficients, max_out):
    """Depth 0: every non-zero column is a candidate; every zero column is a circuit of size one.

    Returns ``(k, count, status)``: candidates written, circuits written,
    ``FINISHED`` or ``OUTPUT_FULL``.
    """
    n = columns.shape[0]
    m = columns.shape[1]
    k = 0
    count = 0
    for j in range(n):
        nonzero = False
        for r in range(m):
            if columns[j, r] != 0:
                nonzero = True
        if nonzero:
            cand_idx[0, k] = j
            for r in range(m):
                cand_x[0, k, r] = columns[j, r]
            for s in range(n):
                cand_y[0, k, s] = 0
            cand_y[0, k, j] = 1
            k += 1
        else:
            if count >= max_out:
                return k, count, OUTPUT_FULL
            for s in range(n):
                out_coefficients[count, s] = 0
            out_coefficients[count, j] = 1
            count += 1
    return k, count, FINISHED


@jit
def pivot_row(cand_x, d, t):
    """Row of the first non-zero residual entry of candidate ``t`` at depth ``d``."""
    p = 0
    while cand_x[d, t, p] == 0:
        p += 1
    return p


@jit
def divide_rows(rows, nd, k, content):
    """``rows[nd, k] //= content`` (an exact division)."""
    for r in range(rows.shape[2]):
        rows[nd, k, r] //= content


@jit
def support_size(cand_y, nd, k):
    """Number of original columns the combination in slot ``(nd, k)`` uses."""
    size = 0
    for s in range(cand_y.shape[2]):
        if cand_y[nd, k, s] != 0:
            size += 1
    return size


@jit
def store_circuit(cand_y, nd, k, out_coefficients, count):
    """Write the (primitive) combination in slot ``(nd, k)`` as circuit ``count``, first entry positive."""
    n = cand_y.shape[2]
    flip = 1
    for s in range(n):
        if cand_y[nd, k, s] != 0:
            if cand_y[nd, k, s] < 0:
                flip = -1
            break
    for s in range(n):
        out_coefficients[count, s] = flip * cand_y[nd, k, s]


@jit
def close_circuit(cand_y, nd, k, out_coefficients, count, max_out):
    """A combination in slot ``(nd, k)`` whose residual vanished: a circuit when it uses ``nd + 1`` columns.

    A circuit is stored as number ``count``.  Returns ``(count, status)``,
    ``status`` ``FINISHED`` or ``OUTPUT_FULL`` (nothing stored).
    """
    if support_size(cand_y, nd, k) != nd + 1:
        return count, FINISHED
    if count >= max_out:
        return count, OUTPUT_FULL
    store_circuit(cand_y, nd, k, out_coefficients, count)
    return count + 1, FINISHED


#: slots of the ``state`` array of :func:`circuit_search_resumable`
STATE_DEPTH = 0
STATE_STARTED = 1


@jit
def circuit_search_depth_first(columns, cand_idx, cand_x, cand_y, cand_len, position, state,
                             out_coefficients, max_out):
    """Enumerate circuits of the column matroid of an integer matrix, depth first, resumable in batches.

    ``columns`` is the int64 ``(n, m)`` array whose row ``j`` is column ``j`` of the matrix;
    ``out_coefficients`` an int64 ``(cap, n)`` buffer that receives one primitive kernel vector per
    circuit (first non-zero entry positive), at most ``max_out <= cap`` per call.

    The search state lives in the caller's arrays (``cand_*``, ``cand_len``, ``position`` and
    ``state[STATE_DEPTH]``, ``state[STATE_STARTED]``; all zero before the first call), so the caller
    can hand over a fresh output buffer and call again: the circuits of all calls together are those
    of one uninterrupted search, in the same order.  A branch is only started when the buffer has room
    for every circuit it can close (at most ``n``), so ``max_out`` must be at least ``n + 1``.

    Returns ``(count, status)``: ``FINISHED`` (search over), ``OUTPUT_FULL`` (call again) or
    ``BOUND_REACHED`` (int64 bound; the circuits written so far are valid, the state is not).
    """
    n = columns.shape[0]
    m = columns.shape[1]
    count = 0
    status = FINISHED
    if state[STATE_STARTED] == 0:
        k, count, status = seed_candidates(columns, cand_idx, cand_x, cand_y, out_coefficients, max_out)
        cand_len[0] = k
        position[0] = 0
        state[STATE_DEPTH] = 0
        state[STATE_STARTED] = 1
        if status != FINISHED:
            return count, BOUND_REACHED
    d = state[STATE_DEPTH]
    while d >= 0:
        t = position[d]
        if t >= cand_len[d]:
            d -= 1
            continue
        if count + cand_len[d] > max_out:
            state[STATE_DEPTH] = d
            return count, OUTPUT_FULL
        position[d] = t + 1
        p = pivot_row(cand_x, d, t)
        xp = cand_x[d, t, p]
        nd = d + 1
        k = 0
        for t2 in range(t + 1, cand_len[d]):
            a = cand_x[d, t2, p]
            if a == 0:
                cand_idx[nd, k] = cand_idx[d, t2]
                for r in range(m):
                    cand_x[nd, k, r] = cand_x[d, t2, r]
                for s in range(n):
                    cand_y[nd, k, s] = cand_y[d, t2, s]
                k += 1
                continue
            g = gcd_int64(a, xp)
            u = xp // g
            w = a // g
            if not (within_bound(u) and within_bound(w)):
                return count, BOUND_REACHED
            zero = True
            content = 0
            for r in range(m):
                v1 = cand_x[d, t2, r]
                v2 = cand_x[d, t, r]
                if not (within_bound(v1) and within_bound(v2)):
                    return count, BOUND_REACHED
                v = u * v1 - w * v2
                cand_x[nd, k, r] = v
                zero &= v == 0
                content = gcd_int64(content, v)
            for s in range(n):
                v1 = cand_y[d, t2, s]
                v2 = cand_y[d, t, s]
                if not (within_bound(v1) and within_bound(v2)):
                    return count, BOUND_REACHED
                v = u * v1 - w * v2
                cand_y[nd, k, s] = v
                content = gcd_int64(content, v)
            if content > 1:
                divide_rows(cand_x, nd, k, content)
                divide_rows(cand_y, nd, k, content)
            if not zero:
                cand_idx[nd, k] = cand_idx[d, t2]
                k += 1
                continue
            count, status = close_circuit(cand_y, nd, k, out_coefficients, count, max_out)
            if status != FINISHED:  # pragma: no cover - the room check above prevents it
                return count, BOUND_REACHED
        cand_len[nd] = k
        position[nd] = 0
        d = nd
    state[STATE_DEPTH] = -1
    return count, FINISHED
