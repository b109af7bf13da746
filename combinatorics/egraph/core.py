"""The e-graph: hash-consed e-nodes, union-find, deferred congruence closure, e-class analyses.

An :class:`EGraph` stores a set of terms (see :mod:`.terms`) and an equivalence
relation on them that is closed under congruence.  Everything is exact:
constants are :class:`fractions.Fraction`, and the analyses only record facts
that follow from the operations (never from floating-point evaluation).

Notes
-----
The design follows egg (Willsey et al., "egg: Fast and extensible equality
saturation", POPL 2021): additions and unions only record work, and
:meth:`EGraph.rebuild` restores the hash-cons and congruence invariants in one
pass over a worklist of merged classes.  Two analyses are built in, because the
rule guards need them:

* constant folding (exact rationals; a class that acquires a value also gets
  the literal ``("num", value)`` node, with a checkable ``constant-fold`` step);
* the domain analysis of :mod:`.analyses`, a bit mask of the facts ``REAL``,
  ``POSITIVE``, ``NONNEGATIVE``, ``NEGATIVE``, ``NONZERO``, ``INTEGER`` that hold
  for every value of the class (symbols get them from their declared assumptions).

With ``explain=True`` every distinct added node keeps its own id and a proof
forest records why ids were merged (a rule name or congruence), from which
:mod:`.explain` rebuilds a chain of rewrites (egg's explanations,
Flatt et al., FMCAD 2022).  Each e-node also carries a timestamp telling when it
joined its class, which lets the matcher look only at matches that are new
since a rule last ran (semi-naive evaluation, as in egglog).

The pattern compiler, the rule appliers and the extractor read the structure
through a small internal interface, documented on :class:`EGraph` (the
properties :attr:`~EGraph.classes`, :attr:`~EGraph.op_index`,
:attr:`~EGraph.memo`, :attr:`~EGraph.parent_array` and the methods
:meth:`~EGraph.eclass`, :meth:`~EGraph.node_of`); no other module touches the
underscored state.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import as_flag, as_mapping

from ._validate import EGraphBase
from .analyses import _facts_of_constant as facts_of_constant
from .analyses import _facts_of_square as facts_of_square
from .analyses import _make_facts as make_facts
from .extraction import extract
from .terms import LEAF_OPS
from .terms import _fold_constant as fold_constant

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EGraph", "EClass"]

_CONGRUENCE = "congruence"
_FOLD = "constant-fold"


class EClass:
    """One e-class, as the internal interface hands it out (read it, never write it).

    Attributes
    ----------
    id : int
        The canonical id of the class (its union-find root).
    by_op : dict
        ``{op: {canonical e-node: timestamp}}``: the nodes of the class by
        operator, each dict in increasing timestamp order (the semi-naive
        matcher scans the newest nodes from the end).
    parents : list
        ``[(e-node, id)]`` for the nodes elsewhere that use this class as a child.
    const : Fraction or None
        The exact value of the class, if known.
    facts : int
        The domain fact mask (see :mod:`.analyses`).

    Examples
    --------
    >>> g = EGraph()
    >>> cls = g.eclass(g.add_term(("sin", ("sym", "x"))))
    >>> list(cls.by_op), cls.const, cls.facts
    (['sin'], None, 0)
    """

    __slots__ = ("id", "by_op", "parents", "const", "facts")

    def __init__(self, cid: int) -> None:
        if type(cid) is not int or cid < 0:  # ids come from the e-graph's own counter
            raise InvalidTypeError(f"EClass id={cid!r} must be a non-negative int")
        self.id = cid
        self.by_op = {}  # op -> {canonical node: timestamp when it joined this class}
        self.parents = []  # [(node, id of that node)] of nodes that use this class as a child
        self.const = None
        self.facts = 0


class EGraph(EGraphBase):
    """An e-graph with hash-consing, union-find and deferred congruence closure.

    The structure is exact and sound by construction: two ids are equivalent
    only if :meth:`union` was called on them (by a rewrite) or congruence forced
    it.  Call :meth:`rebuild` after a batch of unions before reading classes or
    matching; :func:`~.saturation.saturate` does this for you.

    Parameters
    ----------
    explain : bool, optional
        Keep a proof forest so that :func:`~.explain.explain_equivalence`
        can justify any equality (costs memory and roughly 1.5x time).
    symbol_facts : dict, optional
        ``{name: fact mask}`` for symbols (see :func:`~.sympy_bridge.symbol_facts`).

    Notes
    -----
    Ids are ints; e-nodes are tuples ``(op, child ids...)`` or leaf tuples.
    Invariants after :meth:`rebuild` (checked by :meth:`check_invariants`):
    every stored node is canonical (children are union-find roots), the
    hash-cons maps each canonical node to its class, and no two classes hold
    the same node (congruence closure).

    The modules beside this one (the pattern compiler, the rule appliers, the
    extractor, the runner, the explainer) read the structure through a small
    internal interface instead of the underscored state: :attr:`classes`
    (canonical id -> :class:`EClass`), :attr:`op_index` (operator -> ids of the
    classes holding it), :attr:`memo` (the hash-cons), :attr:`parent_array`
    (the union-find array), :meth:`eclass` and :meth:`node_of`.  The three
    containers are the live ones, returned without copying so that generated
    matchers can bind them to locals once per call; callers must not modify
    them (only :meth:`add`, :meth:`union` and :meth:`rebuild` do).

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

    def __init__(self, *, explain: bool = False, symbol_facts: dict | None = None) -> None:
        self.explain = as_flag(explain, "explain")
        self.symbol_facts = as_mapping(symbol_facts, "symbol_facts")
        self._parent: list[int] = []
        self._memo: dict = {}
        self._classes: dict[int, EClass] = {}
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
        return self._insert(canon, i)

    def add_canonical(self, canon: tuple) -> int:
        """Add a node whose children are canonical ids and that the hash-cons does not hold yet.

        Part of the internal interface: the compiled right-hand-side builders probe
        :attr:`memo` themselves and call this on a miss (never in explain mode, where
        every added node keeps its own id through :meth:`add`).  A constant fold triggered by an
        earlier node of the same right-hand side can make a child stale; such nodes (and all
        but binary ones) take the full :meth:`add`.
        """
        p = self._parent
        if len(canon) == 3 and p[canon[1]] == canon[1] and p[canon[2]] == canon[2]:
            return self._insert(canon, self._new_id(canon))
        return self.add(canon)

    def _insert(self, canon: tuple, i: int) -> int:
        op = canon[0]
        cls = EClass(i)
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
        """Add a term (nested tuple) bottom-up and return the id of its root (iterative: any depth)."""
        ids: dict = {}
        stack = [(term, False)]
        while stack:
            t, ready = stack.pop()
            if id(t) in ids:
                continue
            op = t[0]
            if op in LEAF_OPS:
                if op == "num" and not isinstance(t[1], Fraction):
                    ids[id(t)] = (t, self.add(("num", Fraction(t[1]))))
                else:
                    ids[id(t)] = (t, self.add(t))
                continue
            if not ready:
                stack.append((t, True))
                stack.extend((k, False) for k in t[1:] if id(k) not in ids)
                continue
            ids[id(t)] = (t, self.add((op,) + tuple(ids[id(k)][1] for k in t[1:])))
        return ids[id(term)][1]

    def lookup_term(self, term: tuple) -> int | None:
        """Class id of ``term`` if it is represented, else None (adds nothing; iterative)."""
        ids: dict = {}
        stack = [(term, False)]
        while stack:
            t, ready = stack.pop()
            if id(t) in ids:
                continue
            op = t[0]
            if op in LEAF_OPS:
                key = ("num", Fraction(t[1])) if op == "num" else t
                hit = self._memo.get(key)
                if hit is None:
                    return None
                ids[id(t)] = (t, self.find(hit))
                continue
            if not ready:
                stack.append((t, True))
                stack.extend((k, False) for k in t[1:] if id(k) not in ids)
                continue
            hit = self._memo.get((op, *(ids[id(k)][1] for k in t[1:])))
            if hit is None:
                return None
            ids[id(t)] = (t, self.find(hit))
        return ids[id(term)][1]

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
        if op == "*" and self.find(canon[1]) == self.find(canon[2]):
            facts |= facts_of_square(kf[0])
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
    def constant(self, i: int) -> Fraction | None:
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

    # ------------------------------------------------------------------ internal interface
    # Read-only views for the pattern compiler, rules, extraction and the runner
    # (they are the live containers: bind them once, do not modify them).
    @property
    def classes(self) -> dict:
        """``{canonical id: EClass}`` for every class (the live dict; valid until the next change).

        >>> g = EGraph(); i = g.add_term(("sym", "x"))
        >>> list(g.classes) == [i] and g.classes[i].id == i
        True
        """
        return self._classes

    @property
    def op_index(self) -> dict:
        """``{op: set of class ids}``: classes that hold a node with operator ``op`` (ids may be stale).

        >>> g = EGraph(); i = g.add_term(("sin", ("sym", "x")))
        >>> g.op_index["sin"] == {i}
        True
        """
        return self._op_index

    @property
    def memo(self) -> dict:
        """The hash-cons ``{e-node: id}`` (stale, non-canonical entries included until :meth:`rebuild`).

        Its length bounds the e-graph's memory: the runner checks it against the node limit.

        >>> g = EGraph(); i = g.add_term(("sym", "x"))
        >>> g.memo[("sym", "x")] == i
        True
        """
        return self._memo

    @property
    def parent_array(self) -> list:
        """The union-find array: ``parent_array[i] == i`` iff ``i`` is canonical; its length is the number of ids.

        Generated code tests ``P[i] == i`` to skip :meth:`find` for ids that are already canonical.

        >>> g = EGraph(); i = g.add_term(("sym", "x"))
        >>> g.parent_array[i] == i
        True
        """
        return self._parent

    def eclass(self, i: int) -> EClass:
        """The :class:`EClass` of the class of ``i``.

        >>> g = EGraph(); i = g.add_term(("num", 2))
        >>> g.eclass(i).const
        Fraction(2, 1)
        """
        return self._classes[self.find(i)]

    def node_of(self, i: int) -> tuple:
        """The e-node id ``i`` was created for, children as given (needs ``explain=True``).

        >>> g = EGraph(explain=True); x = g.add_term(("sym", "x")); s = g.add(("sin", x))
        >>> g.node_of(s) == ("sin", x)
        True
        """
        if not self.explain:
            raise InvalidArgumentError("node_of needs an EGraph built with explain=True")
        return self._node_of[i]

    # ------------------------------------------------- integer-array form (syntactic kernels)
    def syntactic_arrays(self, capacity: int) -> tuple[dict[str, np.ndarray | int], list[str], list[tuple]] | None:
        """The e-graph as the integer arrays of :mod:`._syntactic_kernels`, or None when it does not fit.

        It fits when explanations are off, no class carries analysis data (no constant, no fact)
        and no work is pending; the caller must have rebuilt.  Returns ``(arrays, ops, leaves)``:
        ``arrays`` a dict of numpy arrays sized ``capacity`` (>= the number of ids), ``ops`` the
        operator names by code, ``leaves`` the leaf nodes by payload number.
        """
        import numpy as np

        if self.explain or self._worklist or self._pending_fold:
            return None
        n = len(self._parent)
        capacity = max(capacity, n + 1)
        op = np.full(capacity, -1, np.int64)
        a = np.full(capacity, -1, np.int64)
        b = np.full(capacity, -1, np.int64)
        stamp = np.zeros(capacity, np.int64)
        alive = np.zeros(capacity, np.bool_)
        parent = np.arange(capacity, dtype=np.int64)
        parent[:n] = self._parent
        size = np.ones(capacity, np.int64)
        codes: dict = {}
        leaves: list = []
        for cls in self._classes.values():
            if cls.const is not None or cls.facts:
                return None
            for name, nodes in cls.by_op.items():
                for node, ts in nodes.items():
                    i = self._memo[node]
                    alive[i] = True
                    stamp[i] = ts
                    if name in LEAF_OPS:
                        a[i] = len(leaves)
                        leaves.append(node)
                        continue
                    if len(node) > 3:
                        return None
                    code = codes.setdefault(name, len(codes))
                    op[i] = code
                    a[i] = node[1]
                    if len(node) == 3:
                        b[i] = node[2]
        arrays = {"op": op, "a": a, "b": b, "stamp": stamp, "alive": alive, "parent": parent, "size": size, "n": n}
        return arrays, list(codes), leaves

    def load_syntactic_arrays(self, arrays: dict, ops: list, leaves: list, unions: int) -> None:
        """Replace the structure by the integer-array form (the inverse of :meth:`syntactic_arrays`).

        ``unions`` is added to :attr:`unions`; the result is rebuilt (canonical, congruence-closed).
        """
        n = int(arrays["n"])
        parent = arrays["parent"][:n].tolist()
        op = arrays["op"][:n].tolist()
        a = arrays["a"][:n].tolist()
        b = arrays["b"][:n].tolist()
        stamp = arrays["stamp"][:n].tolist()
        alive = arrays["alive"][:n].tolist()

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        classes: dict = {}
        memo: dict = {}
        op_index: dict = {}
        stored = sorted((stamp[i], i) for i in range(n) if alive[i])  # by_op dicts must be in stamp order
        for ts, i in stored:
            if op[i] < 0:
                node = leaves[a[i]]
            elif b[i] < 0:
                node = (ops[op[i]], a[i])
            else:
                node = (ops[op[i]], a[i], b[i])
            r = root(i)
            cls = classes.get(r)
            if cls is None:
                cls = classes[r] = EClass(r)
            name = node[0]
            d = cls.by_op.get(name)
            if d is None:
                cls.by_op[name] = {node: ts}
            else:
                d[node] = ts
            memo[node] = i
            idx = op_index.get(name)
            if idx is None:
                op_index[name] = {r}
            else:
                idx.add(r)
        for cls in classes.values():
            for name, nodes in cls.by_op.items():
                if name in LEAF_OPS:
                    continue
                for node in nodes:
                    pid = memo[node]
                    for c in set(node[1:]):
                        classes[c].parents.append((node, pid))
        self._parent = parent
        self._classes = classes
        self._memo = memo
        self._op_index = op_index
        self._worklist = []
        self._data_changed = set()
        self.unions += unions

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
        for n in self._memo:
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
            raise InvalidArgumentError("proof_path needs an EGraph built with explain=True")
        if self.find(a) != self.find(b):
            raise InvalidArgumentError(f"ids a={a} and b={b} are not known to be equal")
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

