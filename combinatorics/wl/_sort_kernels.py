"""Sorting kernels shared by the WL kernels: stable argsort and in-place sort of int64 runs.

Hand-written (insertion sort on runs of 16, then bottom-up merging) because
``np.sort`` / ``np.argsort`` inside a Numba kernel pull in numba's quicksort
machinery, seconds of cold compilation for every kernel that uses them.
Every kernel runs unchanged as Python (``kernel.py_func``).
"""

from __future__ import annotations

import numpy as np

from mathref.jit import jit

__all__ = ["_argsort_into", "_merge_pass", "_sort_values", "_sort_values_at"]


@jit
def _argsort_into(keys, k, out, tmp):
    """Stable argsort of ``keys[:k]`` into ``out[:k]`` (``tmp``: workspace of length >= k).

    Insertion sort on runs of 16, then bottom-up merging of (key, index)
    pairs held side by side (no indirect loads in the inner loop).
    Hand-written because numpy's sort machinery adds seconds to the cold
    compile of every kernel that uses it.
    """
    if k <= 1:
        if k == 1:
            out[0] = 0
        return
    ka = np.empty(k, dtype=np.int64)
    kb = np.empty(k, dtype=np.int64)
    for i in range(k):
        out[i] = i
        ka[i] = keys[i]
    run = 16
    for lo in range(0, k, run):
        hi = min(lo + run, k)
        for i in range(lo + 1, hi):
            x = out[i]
            kx = ka[i]
            j = i - 1
            while j >= lo and ka[j] > kx:
                out[j + 1] = out[j]
                ka[j + 1] = ka[j]
                j -= 1
            out[j + 1] = x
            ka[j + 1] = kx
    width = run
    in_tmp = False
    while width < k:
        if in_tmp:
            _merge_pass(tmp, kb, out, ka, k, width)
        else:
            _merge_pass(out, ka, tmp, kb, k, width)
        in_tmp = not in_tmp
        width *= 2
    if in_tmp:
        for i in range(k):
            out[i] = tmp[i]


@jit
def _merge_pass(src, ks, dst, kd, k, width):
    """One bottom-up merge pass: runs of ``width`` of (ks, src) merged stably into (kd, dst)."""
    for lo in range(0, k, 2 * width):
        mid = min(lo + width, k)
        hi = min(lo + 2 * width, k)
        i = lo
        j = mid
        t = lo
        while i < mid and j < hi:
            if ks[j] < ks[i]:
                dst[t] = src[j]
                kd[t] = ks[j]
                j += 1
            else:
                dst[t] = src[i]
                kd[t] = ks[i]
                i += 1
            t += 1
        while i < mid:
            dst[t] = src[i]
            kd[t] = ks[i]
            i += 1
            t += 1
        while j < hi:
            dst[t] = src[j]
            kd[t] = ks[j]
            j += 1
            t += 1


@jit
def _sort_values(a, k, tmp):
    """Sort ``a[:k]`` in place (insertion sort when short, else bottom-up merge sort using ``tmp``)."""
    _sort_values_at(a, 0, k, tmp)


@jit
def _sort_values_at(a, start, k, tmp):
    """Sort ``a[start:start + k]`` in place; ``tmp`` needs length >= k."""
    run = 16
    for lo in range(start, start + k, run):
        hi = min(lo + run, start + k)
        for i in range(lo + 1, hi):
            x = a[i]
            j = i - 1
            while j >= lo and a[j] > x:
                a[j + 1] = a[j]
                j -= 1
            a[j + 1] = x
    width = run
    while width < k:
        for lo in range(0, k, 2 * width):
            mid = min(lo + width, k)
            hi = min(lo + 2 * width, k)
            if mid >= hi:
                continue
            i = lo
            j = mid
            t = 0
            while i < mid and j < hi:
                if a[start + j] < a[start + i]:
                    tmp[t] = a[start + j]
                    j += 1
                else:
                    tmp[t] = a[start + i]
                    i += 1
                t += 1
            while i < mid:
                tmp[t] = a[start + i]
                i += 1
                t += 1
            for s in range(t):
                a[start + lo + s] = tmp[s]
        width *= 2
