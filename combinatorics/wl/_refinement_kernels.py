"""Numba kernels for colour refinement (1-WL).

Kernels take only scalars and contiguous int64 arrays, validate nothing and
return plain arrays; :mod:`mathref.combinatorics.wl.refinement` chooses when to call them.  Every
kernel runs unchanged as Python (``kernel.py_func`` or ``NUMBA_DISABLE_JIT=1``)
and the test-suite checks both paths agree.

The per-node signature hash uses two polynomial hashes modulo primes below
2**31, so every intermediate product fits in a signed 64-bit integer and the
compiled and plain-Python versions give bit-identical keys (Python ints do not
wrap, int64 would).  The hash only orders candidates; equality of signatures is
always confirmed by comparing the sorted code sequences themselves.
"""

from __future__ import annotations

import types

import numpy as np

from mathref.jit import jit

from ._sort_kernels import _argsort_into, _sort_values_at

__all__ = [
    "wl_sorted_signatures", "wl_order_by_colour_and_key", "wl_assign_ranks", "SIGNATURE_PRIME_1", "SIGNATURE_PRIME_2",
]

SIGNATURE_PRIME_1 = 2147483647  # 2**31 - 1
SIGNATURE_PRIME_2 = 2147483629  # largest prime below 2**31 - 1
_BASE_1 = 1000003
_BASE_2 = 999983


@jit
def wl_sorted_signatures(indptr, indices, slot_labels, colours, n_colours, codes, keys):
    """Fill ``codes`` with the sorted (edge label, neighbour colour) codes of each row and ``keys`` with their hash.

    ``codes[e] = slot_labels[e] * n_colours + colours[indices[e]]``, sorted
    within each CSR row, so that the row is the node's neighbour multiset in a
    canonical order.  ``keys[v]`` is a 62-bit hash of the node's own colour and
    its sorted row.
    """
    p1 = 2147483647
    p2 = 2147483629
    b1 = 1000003
    b2 = 999983
    n = indptr.shape[0] - 1
    longest = 0
    for v in range(n):
        if indptr[v + 1] - indptr[v] > longest:
            longest = indptr[v + 1] - indptr[v]
    tmp = np.empty(longest, dtype=np.int64)
    for v in range(n):
        start = indptr[v]
        stop = indptr[v + 1]
        for e in range(start, stop):
            codes[e] = slot_labels[e] * n_colours + colours[indices[e]]
        if stop - start > 24:
            _sort_values_at(codes, start, stop - start, tmp)
        else:
            # insertion sort: rows of sparse graphs are short, and this avoids an allocation per row
            for i in range(start + 1, stop):
                c = codes[i]
                j = i - 1
                while j >= start and codes[j] > c:
                    codes[j + 1] = codes[j]
                    j -= 1
                codes[j + 1] = c
        # the row length enters the hash so that sorting by (colour, key) also groups degrees
        h1 = (colours[v] % p1 * b1 + (stop - start)) % p1
        h2 = (colours[v] % p2 * b2 + (stop - start)) % p2
        for e in range(start, stop):
            c = codes[e]
            h1 = (h1 * b1 + c % p1 + 1) % p1
            h2 = (h2 * b2 + c % p2 + 1) % p2
        keys[v] = h1 * p2 + h2


@jit
def wl_order_by_colour_and_key(colours, keys, n_colours):
    """Node order sorted by (colour, key): one (stable) argsort of the keys, then a stable counting sort by colour."""
    n = colours.shape[0]
    by_key = np.empty(n, dtype=np.int64)
    _argsort_into(keys, n, by_key, np.empty(n, dtype=np.int64))
    starts = np.zeros(n_colours + 1, dtype=np.int64)
    for v in range(n):
        starts[colours[v] + 1] += 1
    for c in range(n_colours):
        starts[c + 1] += starts[c]
    order = np.empty(n, dtype=np.int64)
    for t in range(n):
        v = by_key[t]
        c = colours[v]
        order[starts[c]] = v
        starts[c] += 1
    return order


@jit
def wl_assign_ranks(order, colours, indptr, codes, keys, new_colours):
    """Give consecutive integer colours to runs of equal signatures along ``order``.

    ``order`` sorts the nodes by (old colour, key); the key covers the degree.  Adjacent nodes get
    the same new colour exactly when their old colours and sorted code rows are
    equal.  Returns ``(number of new colours, collision)`` where ``collision`` is
    true if two different rows shared a key (the caller then redoes the ranking
    exactly); the hash makes this a roughly 2**-62 event per pair.
    """
    n = order.shape[0]
    current = -1
    collision = False
    prev = -1
    for i in range(n):
        v = order[i]
        new = True
        if prev >= 0 and colours[v] == colours[prev] and keys[v] == keys[prev]:
            dv = indptr[v + 1] - indptr[v]
            dp = indptr[prev + 1] - indptr[prev]
            if dv == dp:
                same = True
                a = indptr[v]
                b = indptr[prev]
                for t in range(dv):
                    if codes[a + t] != codes[b + t]:
                        same = False
                        break
                if same:
                    new = False
                else:
                    collision = True
            else:
                collision = True
        if new:
            current += 1
        new_colours[v] = current
        prev = v
    return current + 1, collision


_PYTHON_KERNELS = None


def python_kernels() -> types.SimpleNamespace:
    """The three refinement kernels as plain Python all the way down (the sorts they call included).

    Tiny graphs use these until the compiled kernels are loaded, so a few
    small calls (the README tour's) compile nothing.

    Examples
    --------
    >>> k = python_kernels()
    >>> sorted(vars(k))
    ['wl_assign_ranks', 'wl_order_by_colour_and_key', 'wl_sorted_signatures']
    """
    global _PYTHON_KERNELS
    if _PYTHON_KERNELS is None:
        namespace = dict(globals())
        sort_module = __name__.rsplit(".", 1)[0] + "._sort_kernels"
        from . import _sort_kernels

        for name in _sort_kernels.__all__:
            namespace[name] = getattr(_sort_kernels, name)
        for name, value in list(namespace.items()):
            f = getattr(value, "py_func", None)
            if isinstance(f, types.FunctionType) and f.__module__ in (__name__, sort_module):
                namespace[name] = types.FunctionType(f.__code__, namespace, f.__name__, f.__defaults__,
                                                     f.__closure__)
        _PYTHON_KERNELS = types.SimpleNamespace(
            **{name: namespace[name] for name in ("wl_sorted_signatures", "wl_order_by_colour_and_key",
                                                   "wl_assign_ranks")})
    return _PYTHON_KERNELS
