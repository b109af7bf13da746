"""Numba kernels of the canonical-labelling search: equitable refinement of an ordered partition, cell choice.

The partition is nauty's: ``lab`` lists the nodes cell by cell, ``inv`` is
its inverse (node -> position), ``cstart[p]`` is the first position of the
cell holding position ``p`` and ``clen[s]`` the length of the cell starting at
``s``.  Refinement splits cells by the number of edges (of each slot label)
into a splitter cell, processing splitters and split cells in an order that
depends only on positions, so the resulting ordered partition -- and the
trace hash summarising the splits -- is an isomorphism-invariant function of
the input partition (B. McKay, "Practical graph isomorphism", 1981).

The trace uses two 31-bit multiply-xorshift hashes (masks, no wrap-around) so
the compiled and plain-Python kernels give bit-identical values; a collision
can only weaken pruning (leaves are compared by full certificates).  Every kernel
runs unchanged as Python (``kernel.py_func`` or ``NUMBA_DISABLE_JIT=1``).
"""

from __future__ import annotations

import types

import numpy as np

from mathref.jit import jit

from ._sort_kernels import _argsort_into, _merge_pass, _sort_values, _sort_values_at  # noqa: F401 (twins)

__all__ = ["ir_refine", "ir_select_cell", "ir_search", "ir_orbit_sizes", "python_kernels"]


@jit
def _mix(h1, h2, x):
    """Fold ``x`` into the two 31-bit running hashes of a trace.

    Masks instead of remainders (no sign fix-ups, and no wrap-around, so the
    compiled and Python kernels agree bit for bit); the hash needs no
    strength: a collision only makes two refinements look alike, which
    weakens pruning but never the result (leaves are told apart by their
    certificates).
    """
    m = 2147483647
    xl = x & m
    h1 = (h1 * 1000003 + xl + 1) & m
    h1 ^= h1 >> 16
    h2 = ((h2 * 999983) ^ (xl * 40503 + 7)) & m
    h2 ^= h2 >> 15
    return h1, h2


@jit
def _split_cell(c, lab, inv, cstart, clen, counts, inq, stack, top, h1, h2, keys, nodes, ord1, ord2):
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
        _argsort_into(keys, length, ord1, ord2)
        for i in range(length):
            v = nodes[ord1[i]]
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
def _split_touched(c, tm, k, lab, inv, cstart, clen, counts, inq, stack, top, h1, h2, keys, nodes, ord1, ord2):
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
        _argsort_into(keys, k, ord1, ord2)
        for i in range(k):
            nodes[i] = tm[ord1[i]]
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
    # the untouched piece [c, lo), key 0: its positions already record start c, so only its length changes
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
def _distinct_sorted(values):
    """The distinct values of a 1-d int64 array, increasing (``np.unique`` without its compile cost)."""
    k = values.shape[0]
    out = np.empty(k, dtype=np.int64)
    tmp = np.empty(k, dtype=np.int64)
    _argsort_into(values, k, out, tmp)
    res = np.empty(k, dtype=np.int64)
    m = 0
    for i in range(k):
        v = values[out[i]]
        if m == 0 or res[m - 1] != v:
            res[m] = v
            m += 1
    return res[:m]


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
    ws = np.zeros((12, 2 * n + 2), dtype=np.int64)
    inq = np.zeros(n, dtype=np.bool_)
    return _refine_into(indptr, indices, slots, lab, inv, cstart, clen, n_cells, splitters, multi_label, trace,
                        ref1, use1, ref2, use2, can_abort, ws, inq)


@jit
def _refine_into(indptr, indices, slots, lab, inv, cstart, clen, n_cells, splitters, multi_label, trace,
                 ref1, use1, ref2, use2, can_abort, ws, inq):
    """:func:`ir_refine` with its workspaces passed in (the search reuses them for every node).

    ``ws`` is an int64 array of shape (12, 2 n + 2) whose row 1 (counts) and
    row 11 are zero, ``inq`` a bool array of length n, all False; both are
    left that way on return.
    """
    n = lab.shape[0]
    h1 = 0
    h2 = 0
    c1 = 0
    c2 = 0
    tlen = 0
    scale = 4611686018427387904 // (n + 1)
    stack = ws[0]
    top = 0
    for i in range(splitters.shape[0]):
        s = splitters[i]
        if not inq[s]:
            inq[s] = True
            stack[top] = s
            top += 1
    counts = ws[1]
    touched = ws[2]
    members = ws[3]
    tcells = ws[4]
    keys = ws[5]
    nodes = ws[6]
    tkey = ws[7]
    tm = ws[8]
    ord1 = ws[9]
    ord2 = ws[10]
    single = ws[11, :1]
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
            labs = _distinct_sorted(labs)
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
                _argsort_into(tkey, nt, ord1, ord2)
                for i in range(nt):
                    tcells[i] = touched[ord1[i]]
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
                                                     keys, nodes, ord1, ord2)
                    n_cells += added
                else:
                    for i in range(k):
                        tm[i] = touched[t + i]
                    added, top, h1, h2 = _split_touched(c, tm, k, lab, inv, cstart, clen, counts, inq, stack, top,
                                                        h1, h2, keys, nodes, ord1, ord2)
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
            for i in range(top):
                inq[stack[i]] = False
            return n_cells, tlen, c1, c2, True
    for i in range(top):
        inq[stack[i]] = False  # splitters left when the partition became discrete
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


# ---------------------------------------------------------------------------
# the whole individualisation-refinement search in one kernel
# ---------------------------------------------------------------------------

# columns of the per-level table ``lv`` (one row per search level, the root is level 0)
LV_CELLS = 0  # cells of the level's equitable partition
LV_TARGET = 1  # start of its target cell
LV_TLEN = 2  # length of the target cell
LV_NEXT = 3  # next member of the target cell to try
LV_NEX = 4  # members explored so far
LV_HAS_UF = 5  # whether the level's orbit union-find holds any generator
LV_EQF = 6  # the path to this level agrees with the first path's traces
LV_STATE = 7  # 0 equal to the best path so far, 1 greater, -1 worse
LV_PRE = 8  # the node individualised to reach this level
LV_TRL = 9  # trace length of this level's refinement
LV_FTRL = 10  # the same on the first path
LV_BTRL = 11  # the same on the best path
LV_FPRE = 12  # the first path's individualised node
LV_BPRE = 13  # the best path's individualised node
LV_FCELL = 14  # the first path: first member of the level's target cell
N_LV = 15

# slots of the scalar state ``sc``
SC_DEPTH = 0
SC_NODES = 1
SC_HAVE_FIRST = 2
SC_FIRST_DEPTH = 3
SC_BEST_DEPTH = 4
SC_GENS = 5
SC_STARTED = 6
N_SC = 7

# statuses returned by ir_search
ST_DONE = 0
ST_PAUSED = 1
ST_GROW_DEPTH = 2
ST_GROW_GENS = 3
ST_NODE_LIMIT = 4


@jit
def _uf_find(uf, x):
    root = x
    while uf[root] != root:
        root = uf[root]
    while uf[x] != root:
        nxt = uf[x]
        uf[x] = root
        x = nxt
    return root


@jit
def _uf_merge_perm(uf, perm):
    for x in range(perm.shape[0]):
        y = perm[x]
        if y != x:
            a = _uf_find(uf, x)
            b = _uf_find(uf, y)
            if a != b:
                uf[a] = b


@jit
def _fixes_prefix(gen, lv, level, col):
    """Whether ``gen`` fixes the nodes individualised on the way to ``level`` (column ``col`` of ``lv``)."""
    for l in range(1, level + 1):
        v = lv[l, col]
        if gen[v] != v:
            return False
    return True


@jit
def _leaf_certificate(indptr, indices, slots, node_labels, indeg, lab, inv, smax, multi, cert, start):
    """The graph relabelled by the discrete partition, as one int64 array (compared lexicographically).

    Layout: node labels by position, in-degrees by position, then for each
    position p the sorted codes ``q * smax + slot`` of the positions q with an
    arc q -> p.  Positions are visited in increasing order, so the rows come
    out sorted without a sort (only equal q with several slot labels need an
    insertion sort).  Two labellings give equal arrays exactly when they
    relabel the graph to the same labelled (multi)graph.
    """
    n = lab.shape[0]
    start[0] = 0
    for p in range(n):
        v = lab[p]
        cert[p] = node_labels[v]
        cert[n + p] = indeg[v]
        start[p + 1] = start[p] + indeg[v]
    base = 2 * n
    for q in range(n):
        x = lab[q]
        for e in range(indptr[x], indptr[x + 1]):
            p = inv[indices[e]]
            cert[base + start[p]] = q * smax + slots[e]
            start[p] += 1
    if multi:
        # rows are sorted by q; equal q (multi-edges) may carry slot labels out of order
        lo = 0
        for p in range(n):
            hi = start[p]
            for i in range(base + lo + 1, base + hi):
                c = cert[i]
                j = i - 1
                while j >= base + lo and cert[j] > c:
                    cert[j + 1] = cert[j]
                    j -= 1
                cert[j + 1] = c
            lo = hi


@jit
def _lex_compare(a, b, length):
    for i in range(length):
        if a[i] != b[i]:
            return 1 if a[i] > b[i] else -1
    return 0


@jit
def _push_level(c, indptr, indices, part, lv, cm, uf, gens, n_gens, mode):
    """Open level ``c`` of the search: choose its target cell and merge the generators that fix its prefix."""
    n = part.shape[2]
    t = ir_select_cell(indptr, indices, part[c, 0], part[c, 1], part[c, 2], part[c, 3], mode)
    length = part[c, 3, t]
    for i in range(length):
        cm[c, i] = part[c, 0, t + i]
    lv[c, LV_TARGET] = t
    lv[c, LV_TLEN] = length
    lv[c, LV_NEXT] = 0
    lv[c, LV_NEX] = 0
    lv[c, LV_HAS_UF] = 0
    for g in range(n_gens):
        if _fixes_prefix(gens[g], lv, c, LV_PRE):
            if lv[c, LV_HAS_UF] == 0:
                for x in range(n):
                    uf[c, x] = x
                lv[c, LV_HAS_UF] = 1
            _uf_merge_perm(uf[c], gens[g])


@jit
def _new_generator(depth, lv, uf, gens, n_gens):
    """Record generator ``gens[n_gens]``: merge it into the orbits of every open level whose prefix it fixes."""
    n = gens.shape[1]
    gen = gens[n_gens]
    for l in range(depth + 1):
        if not _fixes_prefix(gen, lv, l, LV_PRE):
            break  # a generator moving an earlier prefix node moves every longer prefix too
        if lv[l, LV_HAS_UF] == 0:
            for x in range(n):
                uf[l, x] = x
            lv[l, LV_HAS_UF] = 1
        _uf_merge_perm(uf[l], gen)


@jit
def _backjump(depth, lv, target_depth, col):
    """The deepest open level whose prefix is a prefix of the path stored in column ``col``."""
    top = min(depth, target_depth)
    l = 0
    while l < top and lv[l + 1, LV_PRE] == lv[l + 1, col]:
        l += 1
    return l


@jit
def ir_search(indptr, indices, slots, node_labels, multi, mode, smax, indeg, splitters, part, lv, cm, uf, ex,
              tr, ftr, btr, cert, leaf_inv, gens, sc, chunk, node_limit):
    """Individualisation-refinement search of one graph, resumable: canonical leaf, automorphisms, pruning.

    All state lives in the arrays passed in, so the caller can stop the
    search between calls (to read the clock, or to grow the arrays) and
    resume it: ``part[d]`` holds level d's ordered partition (lab, inv,
    cstart, clen), ``lv[d]`` its scalars (columns ``LV_*``), ``cm[d]`` /
    ``ex[d]`` / ``uf[d]`` its target cell, explored members and orbit
    union-find, ``tr`` / ``ftr`` / ``btr`` the traces of the current, first
    and best paths, ``cert`` rows 0, 1, 2 the current, first and best leaf
    certificates, ``leaf_inv`` rows 0 and 1 the first and best labellings
    (node -> position), ``gens`` the automorphisms found, ``sc`` the scalars
    (``SC_*``).  The caller fills ``part[0]`` with the root partition and
    ``splitters`` with its cell starts.

    The walk is that of :mod:`mathref.combinatorics.wl.canonical`: depth
    first; a child's refinement is compared as it grows with the first and
    the best path's traces and abandoned when it can hold neither an
    automorphism to the first leaf nor the canonical leaf; children in the
    orbit (under generators fixing the prefix) of an explored child are
    skipped; after an automorphism the walk jumps back to the common
    ancestor with the path it maps to.  The canonical leaf has the greatest
    (trace sequence, certificate).

    Runs at most ``chunk`` search nodes per call.  Returns a status:
    ``ST_DONE``, ``ST_PAUSED`` (call again), ``ST_GROW_DEPTH`` /
    ``ST_GROW_GENS`` (enlarge the level arrays / ``gens`` and call again),
    ``ST_NODE_LIMIT`` (``sc[SC_NODES]`` exceeded ``node_limit``).
    """
    n = part.shape[2]
    cap = part.shape[0]
    steps = 0
    ws = np.zeros((12, 2 * n + 2), dtype=np.int64)
    inq = np.zeros(n, dtype=np.bool_)
    if sc[SC_STARTED] == 0:
        sc[SC_STARTED] = 1
        sc[SC_NODES] = 1
        cells, tlen, c1, c2, ab = _refine_into(indptr, indices, slots, part[0, 0], part[0, 1], part[0, 2],
                                            part[0, 3], lv[0, LV_CELLS], splitters, multi, tr[0], tr[0, :0],
                                            False, tr[0, :0], False, False, ws, inq)
        lv[0, LV_CELLS] = cells
        lv[0, LV_TRL] = tlen
        sc[SC_DEPTH] = 0
        if cells == n:
            for v in range(n):
                leaf_inv[1, v] = part[0, 1, v]
            sc[SC_DEPTH] = -1
            return ST_DONE
        lv[0, LV_EQF] = 1
        lv[0, LV_STATE] = 0
        _push_level(0, indptr, indices, part, lv, cm, uf, gens, 0, mode)
    depth = sc[SC_DEPTH]
    while depth >= 0:
        if steps >= chunk:
            sc[SC_DEPTH] = depth
            return ST_PAUSED
        if depth + 1 >= cap:
            sc[SC_DEPTH] = depth
            return ST_GROW_DEPTH
        n_gens = sc[SC_GENS]
        if n_gens >= gens.shape[0]:
            sc[SC_DEPTH] = depth
            return ST_GROW_GENS
        d = depth
        # the next member of the target cell not in the orbit of an explored one
        w = -1
        tlen_cell = lv[d, LV_TLEN]
        if lv[d, LV_HAS_UF] == 0:
            if lv[d, LV_NEXT] < tlen_cell:
                w = cm[d, lv[d, LV_NEXT]]
                lv[d, LV_NEXT] += 1
        else:
            u = uf[d]
            nex = lv[d, LV_NEX]
            while lv[d, LV_NEXT] < tlen_cell:
                cand = cm[d, lv[d, LV_NEXT]]
                lv[d, LV_NEXT] += 1
                rc = _uf_find(u, cand)
                seen = False
                for i in range(nex):
                    if _uf_find(u, ex[d, i]) == rc:
                        seen = True
                        break
                if not seen:
                    w = cand
                    break
        if w < 0:
            depth -= 1
            continue
        ex[d, lv[d, LV_NEX]] = w
        lv[d, LV_NEX] += 1
        sc[SC_NODES] += 1
        steps += 1
        if sc[SC_NODES] > node_limit:
            sc[SC_DEPTH] = depth
            return ST_NODE_LIMIT
        c = d + 1
        # the child: copy the parent's partition, individualise w at the front of the target cell
        for k in range(4):
            for i in range(n):
                part[c, k, i] = part[d, k, i]
        lab = part[c, 0]
        inv = part[c, 1]
        cstart = part[c, 2]
        clen = part[c, 3]
        t = lv[d, LV_TARGET]
        p = inv[w]
        length = clen[t]
        other = lab[t]
        lab[t] = w
        lab[p] = other
        inv[w] = t
        inv[other] = p
        clen[t] = 1
        clen[t + 1] = length - 1
        for i in range(t + 1, t + length):
            cstart[i] = t + 1
        lv[c, LV_PRE] = w
        splitters[0] = t
        have_first = sc[SC_HAVE_FIRST] != 0
        if not have_first:
            cells, tlen, c1, c2, ab = _refine_into(indptr, indices, slots, lab, inv, cstart, clen, lv[d, LV_CELLS] + 1,
                                                splitters[:1], multi, tr[c], tr[c, :0], False, tr[c, :0], False,
                                                False, ws, inq)
            eqf = 1
            state = 0
        else:
            use1 = lv[d, LV_EQF] != 0 and c <= sc[SC_FIRST_DEPTH]
            use2 = lv[d, LV_STATE] == 0 and c <= sc[SC_BEST_DEPTH]
            if not use1 and lv[d, LV_STATE] < 0:
                continue
            ref1 = ftr[c, :lv[c, LV_FTRL]] if use1 else tr[c, :0]
            ref2 = btr[c, :lv[c, LV_BTRL]] if use2 else tr[c, :0]
            cells, tlen, c1, c2, ab = _refine_into(indptr, indices, slots, lab, inv, cstart, clen, lv[d, LV_CELLS] + 1,
                                                splitters[:1], multi, tr[c], ref1, use1, ref2, use2,
                                                lv[d, LV_STATE] <= 0, ws, inq)
            if ab:
                continue  # can hold neither the canonical leaf nor an automorphism to the first leaf
            eqf = 1 if (use1 and c1 == 0) else 0
            if lv[d, LV_STATE] != 0:
                state = lv[d, LV_STATE]
            else:
                state = c2 if use2 else 1
            if state < 0 and eqf == 0:
                continue
        lv[c, LV_CELLS] = cells
        lv[c, LV_TRL] = tlen
        if cells < n:
            lv[c, LV_EQF] = eqf
            lv[c, LV_STATE] = state
            _push_level(c, indptr, indices, part, lv, cm, uf, gens, n_gens, mode)
            depth = c
            continue
        # a leaf: its partition is discrete, inv is the labelling node -> position
        _leaf_certificate(indptr, indices, slots, node_labels, indeg, lab, inv, smax, multi, cert[0],
                          leaf_inv[2])
        total = cert.shape[1]
        if not have_first:
            for i in range(total):
                cert[1, i] = cert[0, i]
                cert[2, i] = cert[0, i]
            for v in range(n):
                leaf_inv[0, v] = inv[v]
                leaf_inv[1, v] = inv[v]
            for l in range(c + 1):
                for i in range(lv[l, LV_TRL]):
                    ftr[l, i] = tr[l, i]
                    btr[l, i] = tr[l, i]
                lv[l, LV_FTRL] = lv[l, LV_TRL]
                lv[l, LV_BTRL] = lv[l, LV_TRL]
                lv[l, LV_FPRE] = lv[l, LV_PRE]
                lv[l, LV_BPRE] = lv[l, LV_PRE]
                if l < c:
                    lv[l, LV_FCELL] = cm[l, 0]
            sc[SC_HAVE_FIRST] = 1
            sc[SC_FIRST_DEPTH] = c
            sc[SC_BEST_DEPTH] = c
            continue
        if eqf != 0 and _lex_compare(cert[0], cert[1], total) == 0:
            for v in range(n):
                gens[n_gens, v] = lab[leaf_inv[0, v]]
            depth = _backjump(depth, lv, sc[SC_FIRST_DEPTH], LV_FPRE)
            _new_generator(depth, lv, uf, gens, n_gens)
            sc[SC_GENS] = n_gens + 1
            continue
        cmpb = 0
        if state == 0:
            cmpb = _lex_compare(cert[0], cert[2], total)
        if state == 1 or (state == 0 and cmpb > 0):
            for i in range(total):
                cert[2, i] = cert[0, i]
            for v in range(n):
                leaf_inv[1, v] = inv[v]
            for l in range(c + 1):
                for i in range(lv[l, LV_TRL]):
                    btr[l, i] = tr[l, i]
                lv[l, LV_BTRL] = lv[l, LV_TRL]
                lv[l, LV_BPRE] = lv[l, LV_PRE]
            sc[SC_BEST_DEPTH] = c
            for l in range(c):
                lv[l, LV_STATE] = 0  # the ancestors of the new best leaf are on its path
            continue
        if state == 0 and cmpb == 0:
            for v in range(n):
                gens[n_gens, v] = lab[leaf_inv[1, v]]
            depth = _backjump(depth, lv, sc[SC_BEST_DEPTH], LV_BPRE)
            _new_generator(depth, lv, uf, gens, n_gens)
            sc[SC_GENS] = n_gens + 1
            continue
    sc[SC_DEPTH] = -1
    return ST_DONE


@jit
def ir_orbit_sizes(lv, first_depth, gens, n_gens, uf, out):
    """For each level l of the first path: the orbit of its target cell's first member under the stabiliser.

    The stabiliser is generated by the generators fixing the path's prefix
    up to l; ``out[l]`` is the orbit's size (1 when no generator fixes the
    prefix).  The group order is their product (orbit-stabiliser theorem).
    """
    n = gens.shape[1]
    for l in range(first_depth):
        v = lv[l, LV_FCELL]
        any_gen = False
        for x in range(n):
            uf[x] = x
        for g in range(n_gens):
            if _fixes_prefix(gens[g], lv, l, LV_FPRE):
                any_gen = True
                _uf_merge_perm(uf, gens[g])
        size = 1
        if any_gen:
            r = _uf_find(uf, v)
            size = 0
            for x in range(n):
                if _uf_find(uf, x) == r:
                    size += 1
        out[l] = size


_PYTHON_KERNELS = None
_sort_module = __name__.rsplit(".", 1)[0] + "._sort_kernels"


def python_kernels() -> types.SimpleNamespace:
    """This module's kernels as plain Python all the way down (a kernel's calls to other kernels included).

    ``kernel.py_func`` alone is Python at the top only: the kernels it calls
    are still compiled on first use.  Here every kernel is a copy of its
    Python original bound to a namespace in which the other kernels are
    Python too, so calling one compiles nothing.

    Examples
    --------
    >>> k = python_kernels()
    >>> import numpy as np
    >>> out = np.empty(3, dtype=np.int64)
    >>> k._argsort_into(np.array([3, 1, 2]), 3, out, np.empty(3, dtype=np.int64)); out.tolist()
    [1, 2, 0]
    """
    global _PYTHON_KERNELS
    if _PYTHON_KERNELS is None:
        namespace = dict(globals())
        names = []
        for name, value in list(namespace.items()):
            f = getattr(value, "py_func", None)
            # this module's kernels and the sort kernels it imports (their names are all bound here)
            if isinstance(f, types.FunctionType) and f.__module__ in (__name__, _sort_module):
                namespace[name] = types.FunctionType(f.__code__, namespace, f.__name__, f.__defaults__,
                                                     f.__closure__)
                names.append(name)
        _PYTHON_KERNELS = types.SimpleNamespace(**{name: namespace[name] for name in names})
    return _PYTHON_KERNELS


# ---------------------------------------------------------------------------
# the stages before the search: connected components and twin classes
# ---------------------------------------------------------------------------


@jit
def ir_components(indptr, indices, comp):
    """Weakly connected components: ``comp[v]`` numbered 0, 1, ... by first node; returns their number."""
    n = indptr.shape[0] - 1
    uf = np.empty(n, dtype=np.int64)
    for v in range(n):
        uf[v] = v
    for v in range(n):
        for e in range(indptr[v], indptr[v + 1]):
            a = _uf_find(uf, v)
            b = _uf_find(uf, indices[e])
            if a != b:
                if a < b:
                    uf[b] = a
                else:
                    uf[a] = b
    k = 0
    for v in range(n):
        r = _uf_find(uf, v)
        if r == v:
            comp[v] = k
            k += 1
        else:
            comp[v] = comp[r]  # r < v: the root is the smallest member, numbered already
    return k


@jit
def _mix31(x, c1, c2):
    """A 31-bit mix of a non-negative 31-bit int (multiply-xorshift with masks: no wrap-around, so the
    compiled and Python kernels agree bit for bit)."""
    m = 2147483647
    x = (x * c1) & m
    x ^= x >> 15
    x = (x * c2) & m
    x ^= x >> 13
    return x


@jit
def _row_key(codes, lo, hi, label):
    """Order-independent 62-bit hash of the multiset ``codes[lo:hi]`` with the node's label and row length.

    Only orders candidates: every class it suggests is confirmed by comparing sorted rows.
    """
    m = 2147483647
    s1 = 0
    s2 = 0
    for e in range(lo, hi):
        x = codes[e]
        xl = x & m
        xh = x >> 31
        s1 += _mix31(xl, 2654435761, 2246822519) + _mix31(xh, 3266489917, 668265263)
        s2 += _mix31(xl, 374761393, 3266489917) + _mix31(xh, 2246822519, 2654435761)
    s1 = (s1 + _mix31(label & m, 1597334677, 2654435761)) & m
    s2 = (s2 + _mix31((hi - lo) & m, 2246822519, 1597334677)) & m
    return (s1 << 31) | s2


@jit
def _group_equal_rows(codes, rowptr, members, m, key, order, tmp, scratch_a, scratch_b, cls, next_cls):
    """Give the nodes ``members[:m]`` with equal ``key`` *and* equal sorted rows one class id (in ``cls``).

    Nodes whose row multiset is not shared stay unassigned (-1).  Returns
    (next class id, collision flag); a collision (equal keys, different rows)
    is reported rather than resolved, so the caller can fall back.
    """
    # a class needs two nodes with one key: count the keys in an open-addressing table and sort only the
    # members whose key is shared (on a random graph a handful, where sorting all n cost half the kernel).
    # Filtering keeps the members' order, so classes are numbered exactly as by sorting them all.
    size = 2
    while size < 2 * m:
        size *= 2
    mask = size - 1
    hk = np.full(size, -1, dtype=np.int64)  # keys are non-negative 62-bit hashes
    hc = np.zeros(size, dtype=np.int64)
    for i in range(m):
        k = key[members[i]]
        h = k & mask
        while hk[h] != -1 and hk[h] != k:
            h = (h + 1) & mask
        hk[h] = k
        hc[h] += 1
    shared = np.empty(max(m, 1), dtype=np.int64)
    m2 = 0
    for i in range(m):
        v = members[i]
        k = key[v]
        h = k & mask
        while hk[h] != k:
            h = (h + 1) & mask
        if hc[h] > 1:
            shared[m2] = v
            m2 += 1
    members = shared
    m = m2
    for i in range(m):
        tmp[i] = key[members[i]]
    # sort member indices by key (stable), reusing scratch_a as the key array
    for i in range(m):
        scratch_a[i] = tmp[i]
    _argsort_into(scratch_a, m, order, tmp)
    collision = False
    i = 0
    while i < m:
        j = i + 1
        ki = key[members[order[i]]]
        while j < m and key[members[order[j]]] == ki:
            j += 1
        if j - i > 1:
            r = members[order[i]]
            lo_r = rowptr[r]
            len_r = rowptr[r + 1] - lo_r
            for t in range(len_r):
                scratch_a[t] = codes[lo_r + t]
            _sort_values(scratch_a, len_r, scratch_b)
            for t2 in range(i + 1, j):
                v = members[order[t2]]
                lo_v = rowptr[v]
                if rowptr[v + 1] - lo_v != len_r:
                    collision = True
                    continue
                for t in range(len_r):
                    scratch_b[len_r + t] = codes[lo_v + t]
                # sort the candidate row in the upper half of scratch_b (the lower half is workspace)
                _sort_values_at(scratch_b, len_r, len_r, tmp)
                same = True
                for t in range(len_r):
                    if scratch_b[len_r + t] != scratch_a[t]:
                        same = False
                        break
                if same:
                    if cls[r] < 0:
                        cls[r] = next_cls
                        next_cls += 1
                    cls[v] = cls[r]
                else:
                    collision = True
        i = j
    return next_cls, collision


@jit
def ir_twin_classes(indptr, indices, slots, node_labels, smax, uniform, cls, kind):
    """False twins (equal label and open row) and, when ``uniform``, true twins (equal closed rows).

    ``cls[v]`` gets a class id for every node in a class of two or more,
    -1 otherwise; ``kind[c]`` is 1 for false, 2 for true twins.  A self-loop
    counts as a code of its own (it stays with its node under a swap).
    Returns (number of classes, collision); on a hash collision the caller
    falls back to an exact grouping.
    """
    n = indptr.shape[0] - 1
    m = indices.shape[0]
    codes = np.empty(m + n, dtype=np.int64)
    rowptr = np.empty(n + 1, dtype=np.int64)
    for v in range(n + 1):
        rowptr[v] = indptr[v]
    for v in range(n):
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            codes[e] = (0 if u == v else u + 1) * smax + slots[e]
    key = np.empty(n, dtype=np.int64)
    for v in range(n):
        key[v] = _row_key(codes, indptr[v], indptr[v + 1], node_labels[v])
    members = np.empty(n, dtype=np.int64)
    for v in range(n):
        members[v] = v
        cls[v] = -1
    order = np.empty(n, dtype=np.int64)
    tmp = np.empty(max(n, 2 * (m + n)), dtype=np.int64)
    sa = np.empty(max(n, m + n), dtype=np.int64)
    sb = np.empty(2 * (m + n) + 2, dtype=np.int64)
    n_cls, coll = _group_equal_rows(codes, rowptr, members, n, key, order, tmp, sa, sb, cls, 0)
    for v in range(n):
        if cls[v] >= 0:
            kind[cls[v]] = 1
    if uniform:
        ms = 0
        for v in range(n):
            if cls[v] < 0:
                members[ms] = v
                ms += 1
        if ms > 1:
            # closed rows: the neighbours' indices and the node itself, in a fresh code array
            pos = 0
            for v in range(n):
                rowptr[v] = pos
                for e in range(indptr[v], indptr[v + 1]):
                    codes[pos] = indices[e]
                    pos += 1
                codes[pos] = v
                pos += 1
            rowptr[n] = pos
            for i in range(ms):
                v = members[i]
                key[v] = _row_key(codes, rowptr[v], rowptr[v + 1], node_labels[v])
            first_new = n_cls
            n_cls, coll2 = _group_equal_rows(codes, rowptr, members, ms, key, order, tmp, sa, sb, cls, n_cls)
            coll = coll or coll2
            for c in range(first_new, n_cls):
                kind[c] = 2
    # labels must agree inside a class (equal rows, equal hash keys): check exactly
    first = np.full(max(n_cls, 1), -1, dtype=np.int64)
    for v in range(n):
        c = cls[v]
        if c >= 0:
            if first[c] < 0:
                first[c] = v
            elif node_labels[first[c]] != node_labels[v]:
                coll = True
    return n_cls, coll


@jit
def ir_root_partition(node_labels, lab, inv, cstart, clen, starts):
    """The ordered partition of the nodes by label (a stable counting sort), written into the arrays given.

    Cells in increasing label order, nodes by index inside a cell.  Returns
    the number of cells (their starts in ``starts``), or -1 when labels are
    negative or exceed ``4 n + 16`` (the caller then sorts).
    """
    n = node_labels.shape[0]
    top = 0
    for v in range(n):
        x = node_labels[v]
        if x < 0 or x > 4 * n + 16:
            return -1
        if x > top:
            top = x
    count = np.zeros(top + 2, dtype=np.int64)
    for v in range(n):
        count[node_labels[v] + 1] += 1
    n_cells = 0
    for x in range(top + 1):
        if count[x + 1] > 0:
            starts[n_cells] = count[x]
            n_cells += 1
        count[x + 1] += count[x]
    for v in range(n):
        x = node_labels[v]
        p = count[x]
        count[x] += 1
        lab[p] = v
        inv[v] = p
    for i in range(n_cells):
        a = starts[i]
        b = starts[i + 1] if i + 1 < n_cells else n
        clen[a] = b - a
        for p in range(a, b):
            cstart[p] = a
    return n_cells
