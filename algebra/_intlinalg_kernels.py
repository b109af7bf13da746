"""Numba kernel behind :func:`algebra.intlinalg.circuits`: depth-first circuit search on int64.

The kernel validates nothing.  It works on int64 but is exact or says so: every
product it forms has both factors below 2**31 in magnitude (checked before the
multiplication), so no intermediate can overflow; when a value would exceed that
bound the kernel stops with status 2 and the caller falls back to the Python-int
search.  Status 1 means the output buffer filled up (the caller enlarges it or
stops at its limit).
"""

from __future__ import annotations

import numpy as np

from mathref.jit import jit

__all__ = ["circuit_search_depth_first"]

_BOUND = 1 << 31


@jit
def _gcd_int64(a, b):
    if a < 0:
        a = -a
    if b < 0:
        b = -b
    while b:
        a, b = b, a % b
    return a


@jit
def circuit_search_depth_first(columns, out_coefficients, max_out):
    """Enumerate circuits of the column matroid of an integer matrix.

    Parameters
    ----------
    columns : int64 array (n, m)
        Column ``j`` of the matrix, stored as row ``j``.
    out_coefficients : int64 array (cap, n)
        Receives one primitive kernel vector per circuit, first non-zero entry positive.
    max_out : int
        Stop after this many circuits (``<= cap``).

    Returns
    -------
    (count, status) : status 0 finished, 1 stopped at ``max_out``, 2 int64 bound reached.
    """
    n = columns.shape[0]
    m = columns.shape[1]
    depth_cap = m + 2
    # per depth: candidate list (index, residual x, combination y)
    cand_idx = np.empty((depth_cap, n), dtype=np.int64)
    cand_x = np.zeros((depth_cap, n, m), dtype=np.int64)
    cand_y = np.zeros((depth_cap, n, n), dtype=np.int64)
    cand_len = np.zeros(depth_cap, dtype=np.int64)
    position = np.zeros(depth_cap, dtype=np.int64)
    count = 0
    # depth 0: every non-zero column; zero columns are circuits of size one
    k = 0
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
                return count, 1
            for s in range(n):
                out_coefficients[count, s] = 0
            out_coefficients[count, j] = 1
            count += 1
    cand_len[0] = k
    position[0] = 0
    d = 0
    while d >= 0:
        t = position[d]
        if t >= cand_len[d]:
            d -= 1
            continue
        position[d] = t + 1
        # branch on candidate t: it joins the independent set at depth d+1
        p = 0
        while cand_x[d, t, p] == 0:
            p += 1
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
            g = _gcd_int64(a, xp)
            u = xp // g
            w = a // g
            if u >= _BOUND or -u >= _BOUND or w >= _BOUND or -w >= _BOUND:
                return count, 2
            zero = True
            content = 0
            for r in range(m):
                v1 = cand_x[d, t2, r]
                v2 = cand_x[d, t, r]
                if v1 >= _BOUND or -v1 >= _BOUND or v2 >= _BOUND or -v2 >= _BOUND:
                    return count, 2
                v = u * v1 - w * v2
                cand_x[nd, k, r] = v
                if v != 0:
                    zero = False
                content = _gcd_int64(content, v)
            full = True
            for s in range(n):
                v1 = cand_y[d, t2, s]
                v2 = cand_y[d, t, s]
                if v1 >= _BOUND or -v1 >= _BOUND or v2 >= _BOUND or -v2 >= _BOUND:
                    return count, 2
                v = u * v1 - w * v2
                cand_y[nd, k, s] = v
                content = _gcd_int64(content, v)
            if content > 1:
                for r in range(m):
                    cand_x[nd, k, r] //= content
                for s in range(n):
                    cand_y[nd, k, s] //= content
            if zero:
                # dependent: a circuit when the combination uses every member
                support = 0
                for s in range(n):
                    if cand_y[nd, k, s] != 0:
                        support += 1
                if support == nd + 1:
                    if count >= max_out:
                        return count, 1
                    # primitive already (content divided out); make the first entry positive
                    flip = 1
                    for s in range(n):
                        if cand_y[nd, k, s] != 0:
                            if cand_y[nd, k, s] < 0:
                                flip = -1
                            break
                    for s in range(n):
                        out_coefficients[count, s] = flip * cand_y[nd, k, s]
                    count += 1
                full = False
            if full:
                cand_idx[nd, k] = cand_idx[d, t2]
                k += 1
        cand_len[nd] = k
        position[nd] = 0
        d = nd
    return count, 0
