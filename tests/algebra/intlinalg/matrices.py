"""Shared test helpers: small integer matrices and brute-force circuits."""

from __future__ import annotations

from itertools import combinations

import sympy
from hypothesis import strategies as st

from mathref.algebra import primitive


def int_matrices(max_rows=4, max_cols=6, lo=-4, hi=4):
    return st.integers(1, max_rows).flatmap(
        lambda m: st.integers(1, max_cols).flatmap(
            lambda n: st.lists(st.lists(st.integers(lo, hi), min_size=n, max_size=n), min_size=m, max_size=m)
        )
    )


def brute_force_circuits(A):
    """Minimal dependent column sets by checking every subset with sympy (small matrices only)."""
    M = sympy.Matrix(A)
    n = M.shape[1]
    found = []
    for k in range(1, n + 1):
        for S in combinations(range(n), k):
            if any(set(c) <= set(S) for c in found):
                continue
            sub = M[:, list(S)]
            if sub.rank() == k - 1:
                ns = sub.nullspace()
                if len(ns) == 1 and all(x != 0 for x in ns[0]):
                    found.append(S)
    out = set()
    for S in found:
        v = M[:, list(S)].nullspace()[0]
        den = sympy.ilcm(1, 1, *[sympy.fraction(x)[1] for x in v])
        full = [0] * n
        for i, x in zip(S, v):
            full[i] = int(x * den)
        out.add(tuple(primitive(full)))
    return out
