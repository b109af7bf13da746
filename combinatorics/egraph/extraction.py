"""Extraction: the cheapest term of an e-class under AST size, AST depth or a user cost.

Extraction is exact: the returned term is represented in the class (so it is
provably equal to everything else there), and its cost is minimal over all
terms of the class for any cost function that is monotone (a node costs more
than each of its children), computed by a fixed-point iteration over the
classes (egg's greedy extractor, which is optimal for tree costs).

Notes
-----
A cost function is ``cost(op, child_costs, node) -> comparable``.  The
built-ins are ``"size"`` (number of AST nodes) and ``"depth"`` (height).
:func:`canonical_term` breaks ties between equally small terms by their text,
so that the representative does not depend on insertion order.

The extractor reads an e-graph only through its public interface
(:meth:`~.core.EGraph.find` and :attr:`~.core.EGraph.classes`), so it sits
below :mod:`.core`, which uses it for :meth:`~.core.EGraph.term_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, Union

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from .terms import (
    LEAF_OPS,
    _term_to_str_unchecked,
    term_to_str,  # noqa: F401  (used by the doctests)
)

if TYPE_CHECKING:
    # the marker base class of core.EGraph: core imports this module, so naming EGraph here would be a cycle
    from ._validate import EGraphBase

__all__ = [
    "Extracted", "extract", "extract_all", "ast_size", "ast_depth", "canonical_term", "enumerate_terms",
    "MAX_ENUMERATION_SIZE", "check_class_id", "check_enumeration_size",
]

#: A cost: a built-in name, or ``cost(op, child_costs, node)`` strictly monotone in the children.
Cost = Union[Literal["size", "depth"], Callable[[str, tuple, tuple], object]]


def ast_size(op: str, child_costs: Sequence[int], node: tuple | None) -> int:
    """Cost function: number of AST nodes.

    >>> ast_size("+", (1, 3), None)
    5
    """
    return _ast_size(op, _check_costs(child_costs), node)


def _check_costs(child_costs) -> tuple:
    if isinstance(child_costs, str | bytes | dict) or not hasattr(child_costs, "__iter__"):
        raise InvalidTypeError(f"child_costs must be a tuple of numbers, got {type(child_costs).__name__}")
    out = tuple(child_costs)
    for c in out:
        if isinstance(c, bool) or not isinstance(c, int | float | Fraction) or c != c:
            raise InvalidTypeError(f"child_costs must hold numbers, got {c!r:.60}")
    return out


def _ast_size(op, child_costs, node) -> int:
    return 1 + sum(child_costs)


def _ast_depth(op, child_costs, node) -> int:
    return 1 + max(child_costs, default=0)


def ast_depth(op: str, child_costs: Sequence[int], node: tuple | None) -> int:
    """Cost function: height of the AST.

    >>> ast_depth("+", (1, 3), None)
    4
    """
    return _ast_depth(op, _check_costs(child_costs), node)


_BUILTIN = {"size": _ast_size, "depth": _ast_depth}


@dataclass(frozen=True)
class Extracted:
    """Result of :func:`extract`: the best ``term`` and its ``cost``.

    >>> Extracted(("sym", "x"), 1).cost
    1
    """

    term: tuple
    cost: object

    def __post_init__(self):
        if not (isinstance(self.term, tuple) and self.term and isinstance(self.term[0], str)):
            raise InvalidTypeError(f"term={self.term!r:.60} must be a term (a tuple such as ('sym', 'x'))")
        if self.cost is None:
            raise InvalidTypeError("cost must be a comparable value (an int for 'size' and 'depth'), not None")


#: Largest ``max_size`` :func:`enumerate_terms` accepts: its table has ``max_size + 1`` buckets per class
#: and the number of terms grows exponentially with the size, so larger requests cannot complete.
MAX_ENUMERATION_SIZE = 64


def check_class_id(egraph: EGraphBase, cid: int, name: str = "cid") -> int:
    """``cid`` if it is the id of an e-node of ``egraph``, else an error naming the argument (no wrap-around)."""
    from ._validate import check_egraph

    check_egraph(egraph)
    if isinstance(cid, bool) or not isinstance(cid, int):
        raise InvalidTypeError(f"{name}={cid!r:.60} must be an int e-class id")
    n = len(egraph.parent_array)
    if not 0 <= cid < n:
        raise InvalidArgumentError(f"{name}={cid} is not an id of this e-graph (ids are 0 ... {n - 1})")
    return cid


def _cost_function(cost):
    """The callable for ``cost`` ("size", "depth" or a callable)."""
    if isinstance(cost, str):
        if cost not in _BUILTIN:
            raise InvalidArgumentError(f"cost={cost!r} must be 'size', 'depth' or a callable")
        return _BUILTIN[cost]
    if not callable(cost):
        raise InvalidTypeError(f"cost={cost!r} must be 'size', 'depth' or a callable")
    return cost


def _best_nodes(egraph, cost):
    """``{class id: (cost, node)}``: the cheapest node of every class with a finite term (a fixed point)."""
    find = egraph.find
    best = {}
    classes = egraph.classes
    changed = True
    while changed:
        changed = False
        for cid, cls in classes.items():
            cur = best.get(cid)
            for op, nodes in cls.by_op.items():
                leaf = op in LEAF_OPS
                for n in nodes:
                    if leaf:
                        c = cost(op, (), n)
                    else:
                        kids = []
                        for k in n[1:]:
                            b = best.get(find(k))
                            if b is None:
                                break
                            kids.append(b[0])
                        else:
                            c = cost(op, tuple(kids), n)
                            if cur is None or c < cur[0]:
                                cur = (c, n)
                                best[cid] = cur
                                changed = True
                        continue
                    if cur is None or c < cur[0]:
                        cur = (c, n)
                        best[cid] = cur
                        changed = True
    return best


def _term_builder(egraph, best):
    """``build(cid) -> term``: the term made of the best nodes below ``cid`` (shared subterms built once)."""
    cache = {}

    def build(c):
        c = egraph.find(c)
        hit = cache.get(c)
        if hit is None:
            node = best[c][1]
            hit = node if node[0] in LEAF_OPS else (node[0],) + tuple(build(k) for k in node[1:])
            cache[c] = hit
        return hit

    return build


def extract(egraph: EGraphBase, cid: int, *, cost: Cost = "size") -> Extracted:
    """The cheapest term in the class of ``cid``.

    Parameters
    ----------
    egraph : EGraph
    cid : int
    cost : {"size", "depth"} or callable
        ``cost(op, child_costs, node)``; must be strictly monotone in the children.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph()
    >>> a = g.add_term(("+", ("sym", "x"), ("num", Fraction(0))))
    >>> _ = g.union(a, g.add_term(("sym", "x"))); _ = g.rebuild()
    >>> extract(g, a)
    Extracted(term=('sym', 'x'), cost=1)
    """
    check_class_id(egraph, cid)
    best = _best_nodes(egraph, _cost_function(cost))
    r = egraph.find(cid)
    if r not in best:
        raise InvalidArgumentError(f"cid={cid}: class has no finite term (it only contains cycles)")
    return Extracted(_term_builder(egraph, best)(r), best[r][0])


def extract_all(egraph: EGraphBase, *, cost: Cost = "size") -> dict[int, Extracted]:
    """``{class id: Extracted}`` for every class with a finite term, from one fixed-point pass.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph()
    >>> r = g.add_term(("sin", ("sym", "x")))
    >>> sorted(e.cost for e in extract_all(g).values())
    [1, 2]
    """
    from ._validate import check_egraph

    check_egraph(egraph)
    best = _best_nodes(egraph, _cost_function(cost))
    build = _term_builder(egraph, best)
    return {c: Extracted(build(c), best[c][0]) for c in best}


def _canonical_cost(op, child_costs, node):
    # (size, text) built bottom-up: ties in size go to the lexicographically smallest text
    size = 1 + sum(c[0] for c in child_costs)
    if op in LEAF_OPS:
        text = _term_to_str_unchecked(node)
    else:
        text = op + "(" + ",".join(c[1] for c in child_costs) + ")"
    return (size, text)


def canonical_term(egraph: EGraphBase, cid: int) -> tuple:
    """Smallest term of the class, ties broken by text: a deterministic representative.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph()
    >>> c = g.add_term(("+", ("sym", "y"), ("sym", "x")))
    >>> _ = g.union(c, g.add_term(("+", ("sym", "x"), ("sym", "y")))); _ = g.rebuild()
    >>> canonical_term(g, c)
    ('+', ('sym', 'x'), ('sym', 'y'))
    """
    check_class_id(egraph, cid)
    return extract(egraph, cid, cost=_canonical_cost).term


def _reachable_classes(egraph, root: int) -> set:
    """Canonical ids of the classes below ``root`` (only they can contribute subterms)."""
    find = egraph.find
    classes = egraph.classes
    reach = {root}
    stack = [root]
    while stack:
        c = stack.pop()
        for op, nodes in classes[c].by_op.items():
            if op in LEAF_OPS:
                continue
            for n in nodes:
                for k in n[1:]:
                    k = find(k)
                    if k not in reach:
                        reach.add(k)
                        stack.append(k)
    return reach


def _add_forms_of_node(bucket, op, kids, forms, s, limit):
    """Add to ``bucket`` the terms of size ``s`` with root node ``(op, *kids)``, up to ``limit`` in all."""
    if len(kids) == 1:
        bucket.update((op, t) for t in forms[kids[0]][s - 1])
        return
    for s1 in range(1, s - 1):
        right = forms[kids[1]][s - 1 - s1]
        if not right:
            continue
        for t1 in forms[kids[0]][s1]:
            bucket.update((op, t1, t2) for t2 in right)
            if len(bucket) >= limit:
                break
        if len(bucket) >= limit:
            break


def _forms_by_size(egraph, reach, max_size: int, limit: int) -> dict:
    """``forms[c][s]``: the set of terms of exactly ``s`` nodes in class ``c`` (each capped at ``limit``)."""
    find = egraph.find
    classes = egraph.classes
    forms = {c: [set() for _ in range(max_size + 1)] for c in reach}
    for s in range(1, max_size + 1):
        for c in reach:
            bucket = forms[c][s]
            for op, nodes in classes[c].by_op.items():
                if len(bucket) >= limit:
                    break
                for n in nodes:
                    if op in LEAF_OPS:
                        if s == 1:
                            bucket.add(n)
                        continue
                    _add_forms_of_node(bucket, op, [find(k) for k in n[1:]], forms, s, limit)
                    if len(bucket) >= limit:
                        break
    return forms


def check_enumeration_size(max_size: int, limit: int) -> None:
    """Validate the size arguments of :func:`enumerate_terms` (before any work is done)."""
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
        raise InvalidArgumentError(f"max_size={max_size!r} must be a positive int")
    if max_size > MAX_ENUMERATION_SIZE:
        raise SizeLimitError(
            f"max_size={max_size} exceeds {MAX_ENUMERATION_SIZE}: the table of terms by size has max_size + 1 "
            "buckets per e-class and the number of terms grows exponentially with the size",
            argument="max_size",
            estimate=f"{max_size + 1} buckets per class, up to limit terms each",
        )
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidArgumentError(f"limit={limit!r} must be a positive int")


def enumerate_terms(egraph: EGraphBase, cid: int, *, max_size: int, limit: int = 10_000) -> list[tuple]:
    """All terms of the class of ``cid`` with at most ``max_size`` AST nodes (at most ``limit``).

    Terms are listed by size, then text.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph()
    >>> c = g.add_term(("+", ("sym", "y"), ("sym", "x")))
    >>> _ = g.union(c, g.add_term(("+", ("sym", "x"), ("sym", "y")))); _ = g.rebuild()
    >>> [term_to_str(t) for t in enumerate_terms(g, c, max_size=3)]
    ['(x + y)', '(y + x)']
    """
    check_enumeration_size(max_size, limit)
    check_class_id(egraph, cid)
    root = egraph.find(cid)
    forms = _forms_by_size(egraph, _reachable_classes(egraph, root), max_size, limit)
    out = []
    for s in range(1, max_size + 1):
        out.extend(sorted(forms[root][s], key=_term_to_str_unchecked))
    return out[:limit]
