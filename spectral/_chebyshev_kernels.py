"""Numba kernels for Chebyshev series and Tucker evaluation.

Kernels take contiguous float64 arrays and scalars, validate nothing and write
into caller-allocated outputs.  The public wrappers live in
:mod:`spectral.chebyshev` and :mod:`spectral.cheb_tucker`.
"""

from __future__ import annotations

import numpy as np

from mathref.jit import jit

__all__ = [
    "clenshaw_series_at_points",
    "clenshaw_columns_at_points",
    "chebyshev_vandermonde_columns",
    "tucker3_contract_columns",
]


@jit
def clenshaw_series_at_points(coefficients, x, out):
    """out[i] = sum_k coefficients[k] T_k(x[i]) by Clenshaw's backward recurrence.

    Points go in blocks of 16 with the point index innermost: one recurrence is a
    chain of dependent multiply-adds, so independent points side by side are what
    lets the compiler fill the vector units.
    """
    n = coefficients.shape[0]
    m = x.shape[0]
    block = 16
    b1 = np.zeros(block)
    b2 = np.zeros(block)
    two_x = np.zeros(block)
    for s in range(0, m, block):
        e = min(m, s + block)
        w = e - s
        for i in range(w):
            two_x[i] = 2.0 * x[s + i]
            b1[i] = 0.0
            b2[i] = 0.0
        for k in range(n - 1, 0, -1):
            ck = coefficients[k]
            for i in range(w):
                b0 = ck + two_x[i] * b1[i] - b2[i]
                b2[i] = b1[i]
                b1[i] = b0
        for i in range(w):
            out[s + i] = coefficients[0] + x[s + i] * b1[i] - b2[i]
    return out


@jit
def clenshaw_columns_at_points(coefficients, x, out):
    """out[i, j] = sum_k coefficients[k, j] T_k(x[i]) for every column j (Clenshaw)."""
    n = coefficients.shape[0]
    r = coefficients.shape[1]
    for i in range(x.shape[0]):
        xi = x[i]
        two_x = 2.0 * xi
        for j in range(r):
            b1 = 0.0
            b2 = 0.0
            for k in range(n - 1, 0, -1):
                b0 = coefficients[k, j] + two_x * b1 - b2
                b2 = b1
                b1 = b0
            out[i, j] = coefficients[0, j] + xi * b1 - b2
    return out


@jit
def chebyshev_vandermonde_columns(x, out):
    """out[k, i] = T_k(x[i]) for k < out.shape[0], by the three-term recurrence (stable on [-1, 1]).

    The point index is innermost so the recurrence vectorises across points.
    """
    m = out.shape[0]
    n = x.shape[0]
    for i in range(n):
        out[0, i] = 1.0
    if m > 1:
        for i in range(n):
            out[1, i] = x[i]
    for k in range(2, m):
        for i in range(n):
            out[k, i] = 2.0 * x[i] * out[k - 1, i] - out[k - 2, i]
    return out


@jit
def tucker3_contract_columns(w, b, c, out):
    """out[i] = sum_{j,k} w[j*r3 + k, i] b[j, i] c[k, i]: the last two mode products of a 3-mode Tucker evaluation.

    Point index innermost (vectorised); ``partial`` is a scratch row of length n.
    """
    r2 = b.shape[0]
    r3 = c.shape[0]
    n = out.shape[0]
    acc = out
    for i in range(n):
        acc[i] = 0.0
    tmp = acc.copy()
    for j in range(r2):
        for i in range(n):
            tmp[i] = 0.0
        base = j * r3
        for k in range(r3):
            for i in range(n):
                tmp[i] += w[base + k, i] * c[k, i]
        for i in range(n):
            acc[i] += tmp[i] * b[j, i]
    return out
