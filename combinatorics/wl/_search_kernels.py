"""Numba kernels of the canonical-labelling search: equitable refinement of an ordered partition, cell choice.

The partition is nauty's: ``lab`` lists the nodes cell by cell, ``inv`` is
its inverse (node -> position), ``cstart[p]`` is the first position of the
cell holding position ``p`` and ``clen[s]`` the length of the cell starting at
``s``.  Refinement splits cells by the number of edges (of each slot label)
into a splitter cell, processing splitters and split cells in an order that
depends only on positions, so the resulting ordered partition -- and the
trace hash summarising the splits -- is an isomorphism-invariant function of
the input partition (B. McKay, "Practical graph isomorphism", 1981).

The trace uses two polynomial hashes modulo primes below 2**31 so the
compiled and plain-Python kernels give bit-identical values; a collision can
only weaken pruning (leaves are compared by full certificates).  Every kernel
runs unchanged as Python (``kernel.py_func`` or ``NUMBA_DISABLE_JIT=1``).
"""

from __future__ import annotations

import numpy as np

from mathref.jit import jit

__all__ = ["ir_refine", "ir_select_cell"]


@jit
def _mix(h1, h2, x):
    p1 = 2147483647
    p2 = 2147483629
    h1 = (h1 * 1000003 + x % p1 + 1) % p1
    h2 = (h2 * 999983 + x % p2 + 1) % p2
    return h1, h2


@jit
def _split_cell(c, lab, inv, cstart, clen, counts, inq, stack, top, h1, h2, keys, nodes):
    """Split the cell starting at ``c`` by ``counts``; push the new cells; return (new cells, top, h1, h2).

    ``keys`` and ``nodes`` are workspaces of length n.  The members are
    reordered by a stable sort on their counts (insertion sort for short
    cells, merge sort otherwise: no allocation on the common path, and the
    compiled and plain-Python kernels order ties alike).
    """
    length = clen[c]
    k0 = counts[lab[c]]
    same = True
    for i in range(1, length):
        if counts[lab[c + i]] != k0:
            same = False
            break
    if same:
        return 0, top, h1, h2
    if length <= 32:
        for i in range(length):
            v = lab[c + i]
            k = counts[v]
            j = i - 1
            while j >= 0 and keys[j] > k:
                keys[j + 1] = keys[j]
                nodes[j + 1] = nodes[j]
                j -= 1
            keys[j + 1] = k
            nodes[j + 1] = v
        for i in range(length):
            v = nodes[i]
            lab[c + i] = v
            inv[v] = c + i
    else:
        for i in range(length):
            nodes[i] = lab[c + i]
            keys[i] = counts[nodes[i]]
        order = np.argsort(keys[:length], kind="mergesort")
        for i in range(length):
            v = nodes[order[i]]
            lab[c + i] = v
            inv[v] = c + i
    # walk the runs of equal keys: the new cells, in increasing key order
    was_queued = inq[c]
    n_new = 0
    a = c
    big_start = c
    big_len = 0
    h1, h2 = _mix(h1, h2, c)
    while a < c + length:
        key = counts[lab[a]]
        b = a + 1
        while b < c + length and counts[lab[b]] == key:
            b += 1
        for p in range(a, b):
            cstart[p] = a
        clen[a] = b - a
        h1, h2 = _mix(h1, h2, b - a)
        h1, h2 = _mix(h1, h2, key)
        if b - a > big_len:
            big_len = b - a
            big_start = a
        n_new += 1
        a = b
    # Hopcroft: a queued cell's pieces are all queued; otherwise all but the (first) largest piece suffice
    a = c
    while a < c + length:
        if (was_queued or a != big_start) and not inq[a]:
            inq[a] = True
            stack[top] = a
            top += 1
        a += clen[a]
    return n_new - 1, top, h1, h2


@jit
def _split_touched(c, tm, k, lab, inv, cstart, clen, counts, inq, stack, top, h1, h2, keys, nodes):
    """Split the cell at ``c`` of which only the ``k`` nodes ``tm[:k]`` have non-zero counts (k < length).

    The untouched members keep key 0 and form the first piece; the touched
    ones move to the end of the cell in increasing count order.  Cost O(k),
    not O(cell length): a splitter touching a few nodes of a huge cell does
    not pay for the whole cell (nauty moves only the touched elements too).
    """
    length = clen[c]
    end = c + length
    lo = end - k
    # sort the touched nodes by count (stable)
    if k <= 32:
        for i in range(k):
            v = tm[i]
            kv = counts[v]
            j = i - 1
            while j >= 0 and keys[j] > kv:
                keys[j + 1] = keys[j]
                nodes[j + 1] = nodes[j]
                j -= 1
            keys[j + 1] = kv
            nodes[j + 1] = v
    else:
        for i in range(k):
            keys[i] = counts[tm[i]]
        order = np.argsort(keys[:k], kind="mergesort")
        for i in range(k):
            keys[k + i] = tm[order[i]]
        for i in range(k):
            nodes[i] = keys[k + i]
            keys[i] = counts[nodes[i]]
    # move touched nodes outside [lo, end) in, swapping with untouched ones inside
    q = lo
    for i in range(k):
        v = nodes[i]
        p = inv[v]
        if p < lo:
            while counts[lab[q]] != 0:
                q += 1
            u = lab[q]
            lab[p] = u
            inv[u] = p
            lab[q] = v
            inv[v] = q
            q += 1
    for i in range(k):
        v = nodes[i]
        lab[lo + i] = v
        inv[v] = lo + i
    was_queued = inq[c]
    h1, h2 = _mix(h1, h2, c)
    # the untouched piece [c, lo), key 0
    for p in range(c, lo):
        cstart[p] = c
    clen[c] = lo - c
    h1, h2 = _mix(h1, h2, lo - c)
    h1, h2 = _mix(h1, h2, 0)
    big_start = c
    big_len = lo - c
    n_new = 1
    a = lo
    while a < end:
        key = counts[lab[a]]
        b = a + 1
        while b < end and counts[lab[b]] == key:
            b += 1
        for p in range(a, b):
            cstart[p] = a
        clen[a] = b - a
        h1, h2 = _mix(h1, h2, b - a)
        h1, h2 = _mix(h1, h2, key)
        if b - a > big_len:
            big_len = b - a
            big_start = a
        n_new += 1
        a = b
    a = c
    while a < end:
        if (was_queued or a != big_start) and not inq[a]:
            inq[a] = True
            stack[top] = a
            top += 1
        a += clen[a]
    return n_new - 1, top, h1, h2


@jit
def _sort_small(a, k):
    """Sort ``a[:k]`` in place (insertion sort when short, else numpy's sort)."""
    if k > 32:
        a[:k] = np.sort(a[:k])
        return
    for i in range(1, k):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x


@jit
def _compare_step(trace, length, ref, state):
    """Update a comparison state with trace entry ``length - 1`` against ``ref`` (0 equal so far, -1/1 decided)."""
    if state != 0:
        return state
    i = length - 1
    if i >= ref.shape[0]:
        return 1  # longer than the reference: greater
    if trace[i] != ref[i]:
        return 1 if trace[i] > ref[i] else -1
    return 0


@jit
def ir_refine(indptr, indices, slots, lab, inv, cstart, clen, n_cells, splitters, multi_label, trace,
              ref1, use1, ref2, use2, can_abort):
    """Refine the ordered partition to the coarsest equitable one below it, recording its trace.

    ``splitters`` are the cell starts to process first (all cells at the
    root, the new singleton after an individualisation).  ``multi_label``
    says whether slots carry more than one label value (then a splitter is
    processed once per label present, in increasing label order).

    The trace is, after every splitter, the number of cells so far and the
    running hash of the splits (packed into one int64, cells in the high
    part), then the final cell count; written to ``trace`` (length at least ``2 n + 2``).  It is
    compared as it grows with the reference traces ``ref1`` (the first path,
    when ``use1``) and ``ref2`` (the best path, when ``use2``),
    lexicographically, a proper prefix being smaller.  With ``can_abort`` the
    refinement stops as soon as the trace differs from ``ref1`` (or ``ref1``
    is unused) and is smaller than ``ref2`` (or ``ref2`` is unused): such a
    node can hold neither an automorphism to the first leaf nor the canonical
    leaf (nauty's early abort).

    Returns ``(cells, trace length, cmp1, cmp2, aborted)``; ``cmp`` is -1, 0
    or 1 (0 = equal traces), and 0 for an unused reference.
    """
    n = lab.shape[0]
    h1 = 0
    h2 = 0
    c1 = 0
    c2 = 0
    tlen = 0
    scale = 4611686018427387904 // (n + 1)
    inq = np.zeros(n, dtype=np.bool_)
    stack = np.empty(2 * n + 2, dtype=np.int64)
    top = 0
    for i in range(splitters.shape[0]):
        s = splitters[i]
        if not inq[s]:
            inq[s] = True
            stack[top] = s
            top += 1
    counts = np.zeros(n, dtype=np.int64)
    touched = np.empty(n, dtype=np.int64)
    members = np.empty(n, dtype=np.int64)
    tcells = np.empty(n, dtype=np.int64)
    keys = np.empty(2 * n, dtype=np.int64)
    nodes = np.empty(n, dtype=np.int64)
    tkey = np.empty(n, dtype=np.int64)
    tm = np.empty(n, dtype=np.int64)
    single = np.zeros(1, dtype=np.int64)
    while top > 0 and n_cells < n:
        top -= 1
        s = stack[top]
        inq[s] = False
        length = clen[s]
        total = 0
        for i in range(length):
            members[i] = lab[s + i]
            total += indptr[members[i] + 1] - indptr[members[i]]
        if multi_label:
            labs = np.empty(total, dtype=np.int64)
            t = 0
            for i in range(length):
                v = members[i]
                for e in range(indptr[v], indptr[v + 1]):
                    labs[t] = slots[e]
                    t += 1
            labs = np.unique(labs)
        else:
            labs = single
        h1, h2 = _mix(h1, h2, s)
        h1, h2 = _mix(h1, h2, length)
        for li in range(labs.shape[0]):
            lv = labs[li]
            nt = 0
            for i in range(length):
                v = members[i]
                for e in range(indptr[v], indptr[v + 1]):
                    if multi_label and slots[e] != lv:
                        continue
                    u = indices[e]
                    if counts[u] == 0:
                        touched[nt] = u
                        nt += 1
                    counts[u] += 1
            # group the touched nodes by cell, cells in increasing position (an invariant order)
            for t in range(nt):
                tkey[t] = cstart[inv[touched[t]]]
            if nt <= 32:
                for i in range(1, nt):
                    x = tkey[i]
                    y = touched[i]
                    j = i - 1
                    while j >= 0 and tkey[j] > x:
                        tkey[j + 1] = tkey[j]
                        touched[j + 1] = touched[j]
                        j -= 1
                    tkey[j + 1] = x
                    touched[j + 1] = y
            else:
                order = np.argsort(tkey[:nt], kind="mergesort")
                for i in range(nt):
                    tcells[i] = touched[order[i]]
                for i in range(nt):
                    touched[i] = tcells[i]
                    tkey[i] = cstart[inv[touched[i]]]
            ntc = 0
            t = 0
            while t < nt:
                t2 = t + 1
                while t2 < nt and tkey[t2] == tkey[t]:
                    t2 += 1
                ntc += 1
                t = t2
            h1, h2 = _mix(h1, h2, lv)
            h1, h2 = _mix(h1, h2, ntc)
            t = 0
            while t < nt:
                c = tkey[t]
                t2 = t + 1
                while t2 < nt and tkey[t2] == c:
                    t2 += 1
                k = t2 - t
                if clen[c] == 1:
                    h1, h2 = _mix(h1, h2, counts[lab[c]])
                elif k == clen[c]:
                    added, top, h1, h2 = _split_cell(c, lab, inv, cstart, clen, counts, inq, stack, top, h1, h2,
                                                     keys, nodes)
                    n_cells += added
                else:
                    for i in range(k):
                        tm[i] = touched[t + i]
                    added, top, h1, h2 = _split_touched(c, tm, k, lab, inv, cstart, clen, counts, inq, stack, top,
                                                        h1, h2, keys, nodes)
                    n_cells += added
                t = t2
            for t in range(nt):
                counts[touched[t]] = 0
        # cells so far first, so that between two traces the one splitting sooner is the greater
        trace[tlen] = n_cells * scale + (h1 * 2147483629 + h2) % scale
        tlen += 1
        if use1:
            c1 = _compare_step(trace, tlen, ref1, c1)
        if use2:
            c2 = _compare_step(trace, tlen, ref2, c2)
        if can_abort and (not use1 or c1 != 0) and (not use2 or c2 < 0):
            return n_cells, tlen, c1, c2, True
    trace[tlen] = n_cells
    tlen += 1
    if use1:
        c1 = _compare_step(trace, tlen, ref1, c1)
        if c1 == 0 and tlen < ref1.shape[0]:
            c1 = -1  # a proper prefix of the reference: smaller
    if use2:
        c2 = _compare_step(trace, tlen, ref2, c2)
        if c2 == 0 and tlen < ref2.shape[0]:
            c2 = -1
    aborted = can_abort and (not use1 or c1 != 0) and (not use2 or c2 < 0)
    return n_cells, tlen, c1, c2, aborted


@jit
def ir_select_cell(indptr, indices, lab, inv, cstart, clen, mode):
    """Start of the target cell: mode 0 first non-singleton, 1 largest, 2 smallest, 3 most non-trivially joined.

    Ties go to the first cell.  Returns -1 when the partition is discrete.
    """
    n = lab.shape[0]
    best = -1
    best_score = -1
    cnt = np.zeros(n, dtype=np.int64)
    hit = np.empty(n, dtype=np.int64)
    p = 0
    while p < n:
        length = clen[p]
        if length > 1:
            if mode == 0:
                return p
            if mode == 1:
                score = length
            elif mode == 2:
                score = n - length
            else:
                v = lab[p]
                nh = 0
                for e in range(indptr[v], indptr[v + 1]):
                    c = cstart[inv[indices[e]]]
                    if cnt[c] == 0:
                        hit[nh] = c
                        nh += 1
                    cnt[c] += 1
                score = 0
                for t in range(nh):
                    c = hit[t]
                    if cnt[c] < clen[c]:
                        score += 1
                    cnt[c] = 0
            if score > best_score:
                best_score = score
                best = p
        p += length
    return best
