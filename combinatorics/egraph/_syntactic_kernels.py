"""Compiled kernels for purely syntactic equality saturation over integer arrays.

Used by :func:`~.saturation.saturate` when every rule is a plain pattern rewrite (no guard, no
applier, no literal leaves), the e-graph carries no analysis data and explanations are off: the
AC closures of the benchmarks.  The e-graph is then held in flat integer arrays:

* node ``i`` (its id, as in :class:`~.core.EGraph`) is ``(op[i], a[i], b[i])`` with child class ids
  (``-1`` for a missing child; a leaf keeps an opaque payload number in ``a``);
* ``parent`` is the union-find array, ``alive[i]`` says whether node ``i`` is the stored copy of
  its canonical form (a congruent duplicate is dropped when found), ``stamp[i]`` the iteration in
  which the node appeared, was re-canonicalised or changed class (semi-naive matching, as in the
  Python runner: a match is applied only if it uses a node stamped at or after the rule's ``since``);
* the hash-cons is an open-addressing table of ``(op, a, b) -> id``.

A pattern is a preorder program of operator nodes (``pat_op``, ``pat_parent``, ``pat_slot``: which
child of its parent it is) with, per node and child slot, ``kind`` (0 variable, 1 operator node,
2 none) and ``index`` (the variable number or the pattern node), plus ``first`` (1 where a variable
occurs for the first time, binding it; later occurrences must agree).  A right-hand side is a
postorder program ``(op, kind0, index0, kind1, index1)`` whose child references are variables
(kind 0) or earlier instructions (kind 1).

Every kernel is plain Python that Numba compiles (:func:`mathref.jit.jit`); its ``py_func`` is
the pure-Python twin the tests compare with.
"""

from __future__ import annotations

import numpy as np

from mathref.jit import jit

__all__ = ["ht_insert", "ht_lookup", "find", "rebuild", "class_index", "fill_matches", "apply_matches", "roots_of",
           "count_classes", "fill_table"]


@jit
def find(parent, i):
    """Canonical id of ``i`` (path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@jit
def _slot(op, a, b, mask):
    h = (op * 1000003) ^ (a * 2654435761) ^ (b * 40503 + 12345)
    return (h ^ (h >> 17)) & mask


@jit
def ht_lookup(tk, tv, op, a, b):
    """Id stored under ``(op, a, b)``, or -1."""
    mask = tv.shape[0] - 1
    s = _slot(op, a, b, mask)
    while tv[s] != -1:
        if tk[s, 0] == op and tk[s, 1] == a and tk[s, 2] == b:
            return tv[s]
        s = (s + 1) & mask
    return -1


@jit
def ht_insert(tk, tv, op, a, b, v):
    """Store ``v`` under ``(op, a, b)`` (the key must be absent; the table must have room)."""
    mask = tv.shape[0] - 1
    s = _slot(op, a, b, mask)
    while tv[s] != -1:
        s = (s + 1) & mask
    tk[s, 0] = op
    tk[s, 1] = a
    tk[s, 2] = b
    tv[s] = v


@jit
def _union(parent, size, x, y):
    rx = find(parent, x)
    ry = find(parent, y)
    if rx == ry:
        return False
    if size[rx] < size[ry]:
        rx, ry = ry, rx
    parent[ry] = rx
    size[rx] += size[ry]
    return True


@jit
def rebuild(op, a, b, parent, size, alive, stamp, root_before, n, tk, tv, it):
    """Restore canonical children, the hash-cons and congruence; returns ``(unions, stored nodes)``.

    Re-inserts every stored node into a cleared table until a pass merges nothing; nodes whose
    children or class changed since ``root_before`` was taken are stamped ``it``.
    """
    unions = 0
    stored = 0
    changed = True
    while changed:
        changed = False
        tv[:] = -1
        stored = 0
        for i in range(n):
            if not alive[i]:
                continue
            o = op[i]
            x = a[i]
            y = b[i]
            if o >= 0:  # an operator node: canonical children
                x = find(parent, x)
                if y >= 0:
                    y = find(parent, y)
                if x != a[i] or y != b[i]:
                    a[i] = x
                    b[i] = y
                    stamp[i] = it
            j = ht_lookup(tk, tv, o, x, y)
            if j >= 0:
                alive[i] = False
                if _union(parent, size, i, j):
                    unions += 1
                    changed = True
            else:
                ht_insert(tk, tv, o, x, y, i)
                stored += 1
    for i in range(n):
        if alive[i] and find(parent, i) != root_before[i]:
            stamp[i] = it
    return unions, stored


@jit
def class_index(op, parent, alive, n, nops):
    """Stored nodes sorted by (class, op) and their sort keys, for range lookups."""
    keys = np.empty(n, np.int64)
    for i in range(n):
        if alive[i]:
            keys[i] = find(parent, i) * nops + (op[i] + nops // 2)
        else:
            keys[i] = -1
    order = np.argsort(keys, kind="mergesort")
    sk = keys[order]
    return order, sk


@jit
def fill_matches(op, a, b, parent, alive, stamp, n, nops, order, sk, since,
                 pat_op, pat_parent, pat_slot, kind, index, first, nvars, out_root, out_vars, fill):
    """Count (``fill`` False) or write (``fill`` True) the new matches of one pattern; returns their number.

    ``order``/``sk`` come from :func:`class_index`; a match is new when one of its e-nodes is
    stamped ``>= since``.  ``out_root`` gets the class of the matched root, ``out_vars`` the
    classes bound to the variables.
    """
    K = pat_op.shape[0]
    pos = np.zeros(K, np.int64)
    hi = np.zeros(K, np.int64)
    chosen = np.zeros(K, np.int64)
    var = np.zeros(max(nvars, 1), np.int64)
    count = 0
    half = nops // 2
    for r in range(n):
        if not alive[r] or op[r] != pat_op[0]:
            continue
        # slots of the root pattern node
        ok = True
        for s in range(2):
            k0 = kind[0, s]
            if k0 == 0:
                c = a[r] if s == 0 else b[r]
                v = index[0, s]
                if first[0, s] == 1:
                    var[v] = c
                elif var[v] != c:
                    ok = False
        if not ok:
            continue
        chosen[0] = r
        k = 1
        if K > 1:
            pk = pat_parent[1]
            c = a[chosen[pk]] if pat_slot[1] == 0 else b[chosen[pk]]
            key = c * nops + (pat_op[1] + half)
            pos[1] = np.searchsorted(sk, key)
            hi[1] = np.searchsorted(sk, key + 1)
        while True:
            if k == K:
                new = False
                for j in range(K):
                    if stamp[chosen[j]] >= since:
                        new = True
                        break
                if new:
                    if fill:
                        out_root[count] = find(parent, r)
                        for v in range(nvars):
                            out_vars[count, v] = var[v]
                    count += 1
                k -= 1
                if k == 0:
                    break
                pos[k] += 1
                continue
            if pos[k] >= hi[k]:
                k -= 1
                if k == 0:
                    break
                pos[k] += 1
                continue
            node = order[pos[k]]
            ok = True
            for s in range(2):
                ks = kind[k, s]
                if ks == 0:
                    c = a[node] if s == 0 else b[node]
                    v = index[k, s]
                    if first[k, s] == 1:
                        var[v] = c
                    elif var[v] != c:
                        ok = False
            if not ok:
                pos[k] += 1
                continue
            chosen[k] = node
            k += 1
            if k < K:
                pk = pat_parent[k]
                c = a[chosen[pk]] if pat_slot[k] == 0 else b[chosen[pk]]
                key = c * nops + (pat_op[k] + half)
                pos[k] = np.searchsorted(sk, key)
                hi[k] = np.searchsorted(sk, key + 1)
    return count


@jit
def roots_of(parent, n):
    """``find(i)`` for every id below ``n``."""
    out = np.empty(n, np.int64)
    for i in range(n):
        out[i] = find(parent, i)
    return out


@jit
def count_classes(parent, alive, n):
    """Number of classes holding a stored node."""
    seen = np.zeros(n, np.bool_)
    c = 0
    for i in range(n):
        if alive[i]:
            r = find(parent, i)
            if not seen[r]:
                seen[r] = True
                c += 1
    return c


@jit
def fill_table(op, a, b, alive, n, tk, tv):
    """Insert every stored node into an empty table."""
    for i in range(n):
        if alive[i]:
            ht_insert(tk, tv, op[i], a[i], b[i], i)


@jit
def apply_matches(op, a, b, parent, size, alive, stamp, n, tk, tv, it, roots, binds, start, stop,
                  ins_op, ins_k0, ins_i0, ins_k1, ins_i1, stored, cap):
    """Build the right-hand side of matches ``start:stop`` and union it with their roots.

    Returns ``(matches applied, unions, ids used, stored nodes, hit_cap)``; stops after the match
    that makes the number of stored nodes exceed ``cap``.  The arrays must have room for every
    node the chunk can add (the caller sizes them).
    """
    m_ins = ins_op.shape[0]
    res = np.zeros(m_ins, np.int64)
    unions = 0
    applied = 0
    for m in range(start, stop):
        for j in range(m_ins):
            k0 = ins_k0[j]
            x = find(parent, binds[m, ins_i0[j]]) if k0 == 0 else (find(parent, res[ins_i0[j]]) if k0 == 1 else -1)
            k1 = ins_k1[j]
            y = find(parent, binds[m, ins_i1[j]]) if k1 == 0 else (find(parent, res[ins_i1[j]]) if k1 == 1 else -1)
            o = ins_op[j]
            h = ht_lookup(tk, tv, o, x, y)
            if h >= 0:
                res[j] = find(parent, h)
            else:
                op[n] = o
                a[n] = x
                b[n] = y
                parent[n] = n
                size[n] = 1
                alive[n] = True
                stamp[n] = it
                ht_insert(tk, tv, o, x, y, n)
                res[j] = n
                n += 1
                stored += 1
        if _union(parent, size, roots[m], res[m_ins - 1]):
            unions += 1
        applied += 1
        if stored > cap:
            return applied, unions, n, stored, True
    return applied, unions, n, stored, False

