"""E-graphs: hash-consed e-nodes, union-find, deferred congruence closure, e-class analyses.

An :class:`EGraph` stores a set of terms and an equivalence relation on them
that is closed under congruence.  Everything is exact: constants are
:class:`fractions.Fraction`, and the analyses only record facts that follow
from the operations (never from floating-point evaluation).

Terms are plain nested tuples, which keeps them hashable and cheap:

* ``("num", Fraction(3, 2))`` a rational constant, ``("sym", "x")`` a symbol,
  ``("pi",)`` the constant pi, ``("I",)`` the imaginary unit;
* ``(op, t1, ..., tk)`` for an operator ``op`` among ``+ * ^ log exp sin cos
  tan abs`` (``+`` and ``*`` and ``^`` are binary; subtraction is ``a + (-1)*b``
  and division ``a * b^(-1)``, as in sympy).

An e-node has the same shape with e-class ids (ints) in place of the child
terms.

Notes
-----
The design follows egg (Willsey et al., "egg: Fast and extensible equality
saturation", POPL 2021): additions and unions only record work, and
:meth:`EGraph.rebuild` restores the hash-cons and congruence invariants in one
pass over a worklist of merged classes.  Two analyses are built in, because the
rule guards need them:

* constant folding (exact rationals; a class that acquires a value also gets
  the literal ``("num", value)`` node, with a checkable ``constant-fold`` step);
* a domain analysis, a bit mask of the facts ``REAL``, ``POSITIVE``,
  ``NONNEGATIVE``, ``NEGATIVE``, ``NONZERO``, ``INTEGER`` that hold for every
  value of the class (symbols get them from their declared assumptions).

With ``explain=True`` every distinct added node keeps its own id and a proof
forest records why ids were merged (a rule name or congruence), from which
:mod:`combinatorics.explain` rebuilds a chain of rewrites (egg's explanations,
Flatt et al., FMCAD 2022).  Each e-node also carries a timestamp telling when it
joined its class, which lets the matcher look only at matches that are new
since a rule last ran (semi-naive evaluation, as in egglog).
"""

from __future__ import annotations

from fractions import Fraction

__all__ = [
    "EGraph",
    "REAL",
    "POSITIVE",
    "NONNEGATIVE",
    "NEGATIVE",
    "NONZERO",
    "INTEGER",
    "LEAF_OPS",
    "ARITY",
    "facts_of_constant",
    "make_facts",
    "fold_constant",
    "term_size",
    "term_depth",
    "term_to_str",
]

REAL = 1
POSITIVE = 2
NONNEGATIVE = 4
NEGATIVE = 8
NONZERO = 16
INTEGER = 32

LEAF_OPS = frozenset({"num", "sym", "pi", "I"})
ARITY = {"+": 2, "*": 2, "^": 2, "log": 1, "exp": 1, "sin": 1, "cos": 1, "tan": 1, "abs": 1}

_CONGRUENCE = "congruence"
_FOLD = "constant-fold"


def facts_of_constant(value) -> int:
    """Domain facts of an exact rational constant.

    >>> facts_of_constant(Fraction(-2)) == REAL | NEGATIVE | NONZERO | INTEGER
    True
    """
    f = REAL
    if value > 0:
        f |= POSITIVE | NONNEGATIVE | NONZERO
    elif value < 0:
        f |= NEGATIVE | NONZERO
    else:
        f |= NONNEGATIVE
    if value.denominator == 1:
        f |= INTEGER
    return f


def _exact_root(base: Fraction, q: int):
    """``base ** (1/q)`` if it is rational (principal real root, base >= 0), else None."""
    if base < 0:
        return None
    out = []
    for part in (base.numerator, base.denominator):
        r = round(part ** (1.0 / q))
        for cand in (r - 1, r, r + 1):
            if cand >= 0 and cand**q == part:
                out.append(cand)
                break
        else:
            return None
    return Fraction(out[0], out[1])


def fold_constant(op: str, args):
    """Exact value of ``op`` applied to rational ``args``, or None when not rational.

    Only folds that stay exact are made: ``2^(1/2)`` stays symbolic, ``4^(1/2)``
    folds to 2; ``0^(-1)`` is left alone (it is undefined).

    >>> fold_constant("^", (Fraction(4), Fraction(1, 2)))
    Fraction(2, 1)
    >>> fold_constant("^", (Fraction(2), Fraction(1, 2))) is None
    True
    """
    if op == "+":
        return args[0] + args[1]
    if op == "*":
        return args[0] * args[1]
    if op == "^":
        b, e = args
        if b == 0:
            return Fraction(0) if e > 0 else (Fraction(1) if e == 0 else None)
        if e.denominator == 1:
            if abs(e.numerator) > 64 or (abs(b.numerator) > 2**64 or b.denominator > 2**64):
                return None
            return b ** int(e)
        if b < 0 or e.denominator > 16 or abs(e.numerator) > 64:
            return None
        r = _exact_root(b, e.denominator)
        return None if r is None else r**e.numerator
    if op == "log":
        return Fraction(0) if args[0] == 1 else None
    if op == "exp":
        return Fraction(1) if args[0] == 0 else None
    if op in ("sin", "tan"):
        return Fraction(0) if args[0] == 0 else None
    if op == "cos":
        return Fraction(1) if args[0] == 0 else None
    if op == "abs":
        return abs(args[0])
    return None


def make_facts(op: str, payload, child_facts, child_consts) -> int:
    """Domain facts of a node from the facts of its children (sound, not complete).

    ``payload`` is the leaf payload (a constant or a symbol's facts); children
    are given as tuples of fact masks and constants (None when unknown).

    >>> make_facts("exp", None, (REAL,), (None,)) & POSITIVE == POSITIVE
    True
    >>> make_facts("log", None, (0,), (None,))
    0
    """
    if op == "num":
        return facts_of_constant(payload)
    if op == "sym":
        return payload
    if op == "pi":
        return REAL | POSITIVE | NONNEGATIVE | NONZERO
    if op == "I":
        return NONZERO
    if op == "+":
        a, b = child_facts
        f = 0
        if a & b & REAL:
            f |= REAL
            if a & b & INTEGER:
                f |= INTEGER
            if a & b & NONNEGATIVE:
                f |= NONNEGATIVE
                if (a | b) & POSITIVE:
                    f |= POSITIVE | NONZERO
            if (a & NEGATIVE and b & (NEGATIVE | NONNEGATIVE) == NEGATIVE) or (b & NEGATIVE and a & NEGATIVE):
                f |= NEGATIVE | NONZERO
        return f
    if op == "*":
        a, b = child_facts
        f = 0
        if a & b & NONZERO:
            f |= NONZERO
        if a & b & REAL:
            f |= REAL
            if a & b & INTEGER:
                f |= INTEGER
            if (a & b & POSITIVE) or (a & b & NEGATIVE):
                f |= POSITIVE | NONNEGATIVE
            elif (a & POSITIVE and b & NEGATIVE) or (a & NEGATIVE and b & POSITIVE):
                f |= NEGATIVE
            if a & b & NONNEGATIVE:
                f |= NONNEGATIVE
        return f
    if op == "^":
        a, b = child_facts
        e = child_consts[1]
        f = 0
        if a & NONZERO:
            f |= NONZERO
        if e is not None and e.denominator == 1:
            k = e.numerator
            if a & REAL and (k >= 0 or a & NONZERO):
                f |= REAL
                if k >= 0 and a & INTEGER:
                    f |= INTEGER
                if k % 2 == 0:
                    f |= NONNEGATIVE
                    if a & NONZERO or k == 0:
                        f |= POSITIVE | NONZERO
                elif a & POSITIVE:
                    f |= POSITIVE | NONNEGATIVE
                elif a & NEGATIVE:
                    f |= NEGATIVE
                elif a & NONNEGATIVE:
                    f |= NONNEGATIVE
        elif a & POSITIVE and b & REAL:
            f |= REAL | POSITIVE | NONNEGATIVE | NONZERO
        elif e is not None and e > 0 and a & NONNEGATIVE:
            f |= REAL | NONNEGATIVE
        return f
    if op == "exp":
        (a,) = child_facts
        return (REAL | POSITIVE | NONNEGATIVE | NONZERO) if a & REAL else NONZERO
    if op == "log":
        (a,) = child_facts
        return REAL if a & POSITIVE else 0
    if op in ("sin", "cos"):
        (a,) = child_facts
        return REAL if a & REAL else 0
    if op == "tan":
        return 0
    if op == "abs":
        (a,) = child_facts
        f = REAL | NONNEGATIVE
        if a & NONZERO:
            f |= POSITIVE | NONZERO
        if a & INTEGER:
            f |= INTEGER
        return f
    return 0


class _EClass:
    __slots__ = ("id", "by_op", "parents", "const", "facts")

    def __init__(self, cid):
        self.id = cid
        self.by_op = {}  # op -> {canonical node: timestamp when it joined this class}
        self.parents = []  # [(node, id of that node)] of nodes that use this class as a child
        self.const = None
        self.facts = 0


class EGraph:
    """An e-graph with hash-consing, union-find and deferred congruence closure.

    The structure is exact and sound by construction: two ids are equivalent
    only if :meth:`union` was called on them (by a rewrite) or congruence forced
    it.  Call :meth:`rebuild` after a batch of unions before reading classes or
    matching; :func:`combinatorics.saturate` does this for you.

    Parameters
    ----------
    explain : bool, optional
        Keep a proof forest so that :func:`combinatorics.explain_equivalence`
        can justify any equality (costs memory and roughly 1.5x time).
    symbol_facts : dict, optional
        ``{name: fact mask}`` for symbols (see :func:`combinatorics.symbol_facts`).

    Notes
    -----
    Ids are ints; e-nodes are tuples ``(op, child ids...)`` or leaf tuples.
    Invariants after :meth:`rebuild` (checked by :meth:`check_invariants`):
    every stored node is canonical (children are union-find roots), the
    hash-cons maps each canonical node to its class, and no two classes hold
    the same node (congruence closure).

    Examples
    --------
    >>> g = EGraph()
    >>> x = g.add_term(("sym", "x")); y = g.add_term(("sym", "y"))
    >>> fx = g.add(("sin", x)); fy = g.add(("sin", y))
    >>> g.union(x, y)
    True
    >>> _ = g.rebuild()
    >>> g.find(fx) == g.find(fy)
    True
    >>> g.constant(g.add_term(("+", ("num", Fraction(1)), ("num", Fraction(2)))))
    Fraction(3, 1)
    """

    def __init__(self, *, explain: bool = False, symbol_facts: dict | None = None):
        self.explain = bool(explain)
        self.symbol_facts = dict(symbol_facts or {})
        self._parent: list[int] = []
        self._memo: dict = {}
        self._classes: dict[int, _EClass] = {}
        self._op_index: dict[str, set] = {}
        self._worklist: list[int] = []
        self._pending_fold: list[int] = []
        self._data_changed: set = set()  # classes whose analysis data changed since their parents were updated
        self.clock = 0
        self.conflict = None  # set if two different constants were ever merged (an unsound rule)
        self.unions = 0
        self.data_version = 0  # bumped whenever some class learns a fact or a constant
        self.rule_state: dict = {}  # scratch space for dynamic rules, keyed by the rule
        # explanation state
        self._node_of: list = []  # id -> node as added (children are the ids given)
        self._uncanon: dict = {}
        self._proof: list = []  # id -> (other id, justification) or None
        self._term_cache: dict = {}

    # ------------------------------------------------------------------ basics
    def find(self, i: int) -> int:
        """Canonical id of the class of ``i`` (path halving)."""
        p = self._parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def canonicalize(self, node: tuple) -> tuple:
        """The node with every child id replaced by its canonical id."""
        op = node[0]
        if op in LEAF_OPS:
            return node
        find = self.find
        if len(node) == 3:
            return (op, find(node[1]), find(node[2]))
        return (op,) + tuple(find(c) for c in node[1:])

    def _new_id(self, node) -> int:
        i = len(self._parent)
        self._parent.append(i)
        if self.explain:
            self._node_of.append(node)
            self._proof.append(None)
        return i

    def add(self, node: tuple) -> int:
        """Add an e-node (children are ids) and return its class id."""
        if self.explain:
            hit = self._uncanon.get(node)
            if hit is not None:
                return hit
        canon = self.canonicalize(node)
        hit = self._memo.get(canon)
        if hit is not None:
            if not self.explain:
                return self.find(hit)
            i = self._new_id(node)
            self._uncanon[node] = i
            self._proof_link(i, hit, _CONGRUENCE)
            self._parent[i] = self.find(hit)
            return i
        i = self._new_id(node)
        if self.explain:
            self._uncanon[node] = i
        op = canon[0]
        cls = _EClass(i)
        cls.by_op[op] = {canon: self.clock}
        self._classes[i] = cls
        self._memo[canon] = i
        idx = self._op_index.get(op)
        if idx is None:
            self._op_index[op] = {i}
        else:
            idx.add(i)
        if op not in LEAF_OPS:
            classes = self._classes
            for c in set(canon[1:]):
                classes[c].parents.append((canon, i))
        if len(canon) == 3:
            ka = self._classes[canon[1]]
            kb = self._classes[canon[2]]
            if ka.facts == 0 and kb.facts == 0 and ka.const is None and kb.const is None and op in "+*^":
                return i  # nothing known about the children: data stays empty (the common AC case)
        const, facts = self._make(canon)
        cls.const = const
        cls.facts = facts
        if const is not None and op != "num":
            self._pending_fold.append(i)
            self._fold_pending()
        return i

    def add_term(self, term: tuple) -> int:
        """Add a term (nested tuple) bottom-up and return the id of its root."""
        op = term[0]
        if op in LEAF_OPS:
            if op == "num" and not isinstance(term[1], Fraction):
                term = ("num", Fraction(term[1]))
            return self.add(term)
        return self.add((op,) + tuple(self.add_term(t) for t in term[1:]))

    def lookup_term(self, term: tuple):
        """Class id of ``term`` if it is represented, else None (adds nothing)."""
        op = term[0]
        if op in LEAF_OPS:
            if op == "num":
                term = ("num", Fraction(term[1]))
            hit = self._memo.get(term)
            return None if hit is None else self.find(hit)
        kids = []
        for t in term[1:]:
            k = self.lookup_term(t)
            if k is None:
                return None
            kids.append(k)
        hit = self._memo.get((op, *kids))
        return None if hit is None else self.find(hit)

    def _make(self, canon):
        op = canon[0]
        if op == "num":
            return canon[1], facts_of_constant(canon[1])
        if op == "sym":
            return None, self.symbol_facts.get(canon[1], 0)
        if op in ("pi", "I"):
            return None, make_facts(op, None, (), ())
        classes = self._classes
        kids = [classes[self.find(c)] for c in canon[1:]]
        consts = tuple([k.const for k in kids])
        kf = tuple([k.facts for k in kids])
        if not any(kf) and op in ("+", "*", "^"):
            return None, 0  # nothing known about the children: nothing to derive
        facts = make_facts(op, None, kf, consts)
        const = None
        if None not in consts:
            const = fold_constant(op, consts)
            if const is not None:
                facts |= facts_of_constant(const)
        return const, facts

    def union(self, a: int, b: int, justification: str = "union") -> bool:
        """Merge the classes of ``a`` and ``b``; returns False if already equal.

        ``justification`` (a rule name) is recorded in the proof forest when
        explanations are on.  Call :meth:`rebuild` before the next match.
        """
        ra = self.find(a)
        rb = self.find(b)
        if ra == rb:
            return False
        if self.explain:
            self._proof_link(a, b, justification)
        classes = self._classes
        A = classes[ra]
        B = classes[rb]
        if len(A.parents) < len(B.parents):
            ra, rb, A, B = rb, ra, B, A
        self._parent[rb] = ra
        del classes[rb]
        self.unions += 1
        A.parents.extend(B.parents)
        clock = self.clock
        op_index = self._op_index
        for op, nodes in B.by_op.items():
            tgt = A.by_op.get(op)
            if tgt is None:
                A.by_op[op] = dict.fromkeys(nodes, clock)
            else:
                for n in nodes:
                    if n not in tgt:
                        tgt[n] = clock
            idx = op_index[op]
            idx.discard(rb)
            idx.add(ra)
        # analysis join: facts of equal values combine
        if A.const is None and B.const is None and A.facts == B.facts:
            if rb in self._data_changed:
                self._data_changed.discard(rb)
                self._data_changed.add(ra)
            self._worklist.append(ra)
            return True
        old_a, old_b = (A.const, A.facts), (B.const, B.facts)
        if A.const is None:
            A.const = B.const
        elif B.const is not None and B.const != A.const and self.conflict is None:
            self.conflict = (A.const, B.const)
        A.facts |= B.facts
        if A.const is not None:
            A.facts |= facts_of_constant(A.const)
        dc = self._data_changed
        new = (A.const, A.facts)
        if new != old_a or new != old_b or rb in dc:
            self.data_version += 1
            dc.discard(rb)
            dc.add(ra)
        self._worklist.append(ra)
        if A.const is not None and "num" not in A.by_op:
            self._pending_fold.append(ra)
        return True

    # ------------------------------------------------------------------ rebuild
    def rebuild(self) -> int:
        """Restore the invariants (egg's deferred rebuild); returns the number of repairs."""
        repairs = 0
        dirty = set()
        while self._worklist or self._pending_fold:
            while self._worklist:
                todo = {self.find(i) for i in self._worklist}
                self._worklist = []
                for c in todo:
                    repairs += 1
                    self._repair(c, dirty)
            self._fold_pending()
        self._recanonicalize(dirty)
        return repairs

    def _repair(self, cid, dirty):
        find = self.find
        memo = self._memo
        classes = self._classes
        cls = classes[find(cid)]
        parents = cls.parents
        n0 = len(parents)
        newp = {}
        for pnode, pid in list(parents):
            memo.pop(pnode, None)
            op = pnode[0]
            if len(pnode) == 3:
                canon = (op, find(pnode[1]), find(pnode[2]))
            else:
                canon = (op,) + tuple(find(c) for c in pnode[1:])
            prev = memo.get(canon)
            if prev is not None:
                if find(prev) != find(pid):
                    self.union(prev, pid, _CONGRUENCE)
            else:
                memo[canon] = pid
            if canon not in newp:
                newp[canon] = pid
            dirty.add(pid)
        cls = classes[find(cid)]
        if cls.parents is parents:
            # unions above may have appended parents of merged classes: keep those
            cls.parents = list(newp.items()) + parents[n0:]
        # analysis: parents may learn facts from this class (only if its data changed)
        root = find(cid)
        if root not in self._data_changed:
            return
        self._data_changed.discard(root)
        for canon, pid in newp.items():
            pc = classes.get(find(pid))
            if pc is None:
                continue
            const, facts = self._make(self.canonicalize(canon))
            nf = pc.facts | facts
            if nf != pc.facts or (const is not None and pc.const is None):
                pc.facts = nf
                if const is not None and pc.const is None:
                    pc.const = const
                    pc.facts |= facts_of_constant(const)
                    if "num" not in pc.by_op:
                        self._pending_fold.append(pc.id)
                self._data_changed.add(pc.id)
                self.data_version += 1
                self._worklist.append(pc.id)

    def _recanonicalize(self, dirty):
        find = self.find
        clock = self.clock
        seen = set()
        for pid in dirty:
            r = find(pid)
            if r in seen:
                continue
            seen.add(r)
            cls = self._classes[r]
            for op, nodes in cls.by_op.items():
                if op in LEAF_OPS:
                    continue
                stale = None
                for n in nodes:
                    if len(n) == 3:
                        a, b = n[1], n[2]
                        if find(a) != a or find(b) != b:
                            stale = True
                            break
                    elif find(n[1]) != n[1]:
                        stale = True
                        break
                if not stale:
                    continue
                # unchanged nodes keep their order and stamps; re-canonicalised ones go to the end
                # stamped now, so every dict stays sorted by stamp (the matcher relies on it)
                fresh = {}
                moved = []
                for n, ts in nodes.items():
                    c = self.canonicalize(n)
                    if c != n:
                        moved.append(c)
                    else:
                        fresh[c] = ts
                for c in moved:
                    if c not in fresh:
                        fresh[c] = clock
                cls.by_op[op] = fresh

    def _fold_pending(self):
        while self._pending_fold:
            cid = self.find(self._pending_fold.pop())
            cls = self._classes[cid]
            if cls.const is None or "num" in cls.by_op:
                continue
            value = cls.const
            lit = None
            for op, nodes in cls.by_op.items():
                for n in nodes:
                    kids = [self._classes[self.find(c)].const for c in n[1:]]
                    if all(k is not None for k in kids) and fold_constant(op, kids) == value:
                        lit = (op, kids)
                        break
                if lit is not None:
                    break
            num_id = self.add(("num", value))
            if lit is None:  # the value came from a merge; the literal arrives with it
                self.union(cid, num_id, _FOLD)
                continue
            op, kids = lit
            lit_id = self.add((op,) + tuple(self.add(("num", k)) for k in kids))
            self.union(lit_id, num_id, _FOLD)

    # ------------------------------------------------------------------ queries
    def constant(self, i: int):
        """Exact value of the class of ``i`` (Fraction) if known, else None."""
        return self._classes[self.find(i)].const

    def facts(self, i: int) -> int:
        """Domain fact mask of the class of ``i``."""
        return self._classes[self.find(i)].facts

    def nodes(self, i: int) -> list:
        """The canonical e-nodes of the class of ``i``."""
        cls = self._classes[self.find(i)]
        return [n for nodes in cls.by_op.values() for n in nodes]

    def class_ids(self) -> list:
        """Canonical ids of all classes."""
        return list(self._classes)

    @property
    def num_nodes(self) -> int:
        """Number of distinct canonical e-nodes (exact after :meth:`rebuild`)."""
        return sum(len(d) for c in self._classes.values() for d in c.by_op.values())

    @property
    def num_classes(self) -> int:
        """Number of e-classes."""
        return len(self._classes)

    def equivalent_ids(self, a: int, b: int) -> bool:
        """True iff ``a`` and ``b`` are in the same class."""
        return self.find(a) == self.find(b)

    def check_invariants(self) -> None:
        """Raise AssertionError unless the hash-cons and congruence invariants hold.

        Meant for tests: after :meth:`rebuild`, every stored node is canonical,
        the hash-cons maps it to its own class and no node sits in two classes.
        """
        owner = {}
        for cid, cls in self._classes.items():
            if self.find(cid) != cid:
                raise AssertionError(f"class {cid} is not a root")
            for op, nodes in cls.by_op.items():
                for n in nodes:
                    if n[0] != op:
                        raise AssertionError(f"node {n} filed under {op}")
                    if self.canonicalize(n) != n:
                        raise AssertionError(f"node {n} is not canonical")
                    if n in owner:
                        raise AssertionError(f"node {n} in classes {owner[n]} and {cid} (congruence broken)")
                    owner[n] = cid
                    hit = self._memo.get(n)
                    if hit is None or self.find(hit) != cid:
                        raise AssertionError(f"hash-cons does not map {n} to class {cid}")
        for n, hit in self._memo.items():
            if self.canonicalize(n) == n and n not in owner:
                raise AssertionError(f"hash-cons entry {n} belongs to no class")

    # ------------------------------------------------------------------ explanations
    def _proof_link(self, a: int, b: int, justification) -> None:
        # re-root a's proof tree at a, then hang it below b
        proof = self._proof
        prev, prev_just = None, None
        x = a
        while x is not None:
            nxt = proof[x]
            proof[x] = None if prev is None else (prev, prev_just)
            if nxt is None:
                break
            prev, prev_just = x, nxt[1]
            x = nxt[0]
        proof[a] = (b, justification)

    def term_of(self, i: int) -> tuple:
        """The term an id was created for (explain mode), or an extracted term otherwise."""
        if not self.explain:
            from .extraction import extract

            return extract(self, i).term
        cache = self._term_cache
        hit = cache.get(i)
        if hit is not None:
            return hit
        stack = [i]
        while stack:
            j = stack[-1]
            if j in cache:
                stack.pop()
                continue
            node = self._node_of[j]
            if node[0] in LEAF_OPS:
                cache[j] = node
                stack.pop()
                continue
            missing = [c for c in node[1:] if c not in cache]
            if missing:
                stack.extend(missing)
                continue
            cache[j] = (node[0],) + tuple(cache[c] for c in node[1:])
            stack.pop()
        return cache[i]

    def proof_path(self, a: int, b: int) -> list:
        """Edges ``(x, y, justification)`` of the proof forest leading from ``a`` to ``b``."""
        if not self.explain:
            raise ValueError("proof_path needs an EGraph built with explain=True")
        if self.find(a) != self.find(b):
            raise ValueError(f"ids a={a} and b={b} are not known to be equal")
        proof = self._proof
        up_a = {}
        x, depth = a, 0
        while True:
            up_a[x] = depth
            e = proof[x]
            if e is None:
                break
            x = e[0]
            depth += 1
        chain_b = []
        y = b
        while y not in up_a:
            e = proof[y]
            chain_b.append((e[0], y, e[1]))  # edge traversed towards b: from parent to y
            y = e[0]
        meet = y
        path = []
        x = a
        while x != meet:
            e = proof[x]
            path.append((x, e[0], e[1]))
            x = e[0]
        path.extend(reversed(chain_b))
        return path


def term_size(term: tuple) -> int:
    """Number of nodes of a term.

    >>> term_size(("+", ("sym", "x"), ("num", Fraction(1))))
    3
    """
    if term[0] in LEAF_OPS:
        return 1
    return 1 + sum(term_size(t) for t in term[1:])


def term_depth(term: tuple) -> int:
    """Height of a term (a leaf has depth 1).

    >>> term_depth(("sin", ("sym", "x")))
    2
    """
    if term[0] in LEAF_OPS:
        return 1
    return 1 + max(term_depth(t) for t in term[1:])


def term_to_str(term: tuple) -> str:
    """Fully parenthesised infix rendering of a term.

    >>> term_to_str(("*", ("num", Fraction(2)), ("^", ("sym", "x"), ("num", Fraction(1, 2)))))
    '(2 * x^(1/2))'
    """
    op = term[0]
    if op == "num":
        v = term[1]
        s = str(v)
        return s if (v >= 0 and v.denominator == 1) else f"({s})"
    if op == "sym":
        return term[1]
    if op in ("pi", "I"):
        return op
    if op in ("+", "*"):
        return f"({term_to_str(term[1])} {op} {term_to_str(term[2])})"
    if op == "^":
        return f"{term_to_str(term[1])}^{term_to_str(term[2])}"
    return f"{op}({', '.join(term_to_str(t) for t in term[1:])})"
