"""Where a term is defined: the domain facts of a term and the conditions under which it has a value.

One rule for undefined points holds throughout the package: two expressions are
*equal* when they agree at every point of the common domain of definition, and
the result states that domain as a list of subterms that must be nonzero
(``"equal where x ≠ 0"`` for ``x/x = 1``).  A term is undefined exactly where
one of its :func:`definedness_conditions` is zero: a negative (or symbolic)
power of zero, ``log(0)``, ``tan`` at a zero of ``cos``, ``tanh`` at a zero of
``cosh``, ``atan(±i)`` and ``atanh(±1)``.  Conditions that follow from the
symbols' assumptions (``x ≠ 0`` for a positive ``x``) are dropped.

Notes
-----
A chain of rewrites ``t0 = t1 = ... = tn``, each step an identity on the
common domain of its two sides, proves ``t0 = tn`` on the intersection of the
domains of *all* the terms of the chain, so an explanation states (and
:meth:`~.explain.Explanation.check` re-derives) the union of the conditions
of every term in it, not only of the two ends.  All traversals are iterative.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from mathref.errors import InvalidTypeError

from ._validate import check_symbol_facts, check_term
from .analyses import NONZERO
from .analyses import _facts_of_square as facts_of_square
from .analyses import _make_facts as make_facts
from .terms import LEAF_OPS, term_to_str
from .terms import _fold_constant as fold_constant

__all__ = ["term_facts_iter", "definedness_conditions", "conditions_text"]

_ONE = ("num", Fraction(1))
_MINUS_ONE = ("num", Fraction(-1))
_TWO = ("num", Fraction(2))


def _term_facts_iter(term, symbol_facts: dict, cache: dict | None = None):
    """``(constant or None, fact mask)`` of a term by the rules of the e-class analysis (iterative).

    ``cache`` maps ``id(subterm)`` to ``(subterm, result)``; pass the same dict to
    share work between calls.

    >>> from mathref.combinatorics.egraph import POSITIVE
    >>> term_facts_iter(("exp", ("sym", "x")), {"x": 1})[1] & POSITIVE == POSITIVE
    True
    """
    cache = {} if cache is None else cache
    stack = [(term, False)]
    while stack:
        t, ready = stack.pop()
        if id(t) in cache:
            continue
        op = t[0]
        if op == "num":
            cache[id(t)] = (t, (t[1], make_facts("num", t[1], (), ())))
            continue
        if op == "sym":
            cache[id(t)] = (t, (None, symbol_facts.get(t[1], 0)))
            continue
        if op in LEAF_OPS:
            cache[id(t)] = (t, (None, make_facts(op, None, (), ())))
            continue
        if not ready:
            stack.append((t, True))
            stack.extend((k, False) for k in t[1:] if id(k) not in cache)
            continue
        kids = [cache[id(k)][1] for k in t[1:]]
        consts = tuple(k[0] for k in kids)
        f = make_facts(op, None, tuple(k[1] for k in kids), consts)
        if op == "*" and len(t) == 3 and t[1] == t[2]:
            f |= facts_of_square(kids[0][1])
        c = fold_constant(op, consts) if all(k is not None for k in consts) else None
        if c is None and op == "*" and any(k == 0 for k in consts if k is not None):
            # 0 * x is the constant 0 wherever x is defined (definedness is tracked apart), as the e-graph's
            # class of x * 0 is after the zero rule: a guard ("const", ?c) met there must replay here too
            c = Fraction(0)
        if c is not None:
            f |= make_facts("num", c, (), ())
        cache[id(t)] = (t, (c, f))
    return cache[id(term)][1]


def _conditions_of_node(t):
    """Subterms that must be nonzero for the node ``t`` itself to be defined (its children aside)."""
    op = t[0]
    if op == "^":
        e = t[2]
        if e[0] != "num" or e[1] < 0:
            return (t[1],)
        return ()
    if op == "log":
        return (t[1],)
    if op == "tan":
        return (("cos", t[1]),)
    if op == "tanh":
        return (("cosh", t[1]),)
    if op == "atan":
        return (("+", _ONE, ("^", t[1], _TWO)),)
    if op == "atanh":
        return (("+", _ONE, ("*", _MINUS_ONE, ("^", t[1], _TWO))),)
    return ()


def _definedness_conditions(terms: Iterable[tuple], symbol_facts: dict, cache: dict | None = None) -> tuple:
    """The subterms that must be nonzero for every term of ``terms`` to be defined (deduplicated).

    A condition known to hold (nonzero by the domain analysis) is dropped; a
    constant condition that is zero stays (that term is defined nowhere).

    >>> x = ("sym", "x")
    >>> definedness_conditions([("*", x, ("^", x, ("num", Fraction(-1))))], {})
    (('sym', 'x'),)
    >>> definedness_conditions([("log", x)], {"x": NONZERO})
    ()
    """
    cache = {} if cache is None else cache
    seen_ids: set = set()
    out: list = []
    keys: set = set()
    for term in terms:
        stack = [term]
        while stack:
            t = stack.pop()
            if id(t) in seen_ids or t[0] in LEAF_OPS:
                continue
            seen_ids.add(id(t))
            for c in _conditions_of_node(t):
                if _term_facts_iter(c, symbol_facts, cache)[1] & NONZERO:
                    continue
                try:
                    k = hash(c), c
                    if k in keys:
                        continue
                except RecursionError:  # a very deep condition: keep it, duplicates are harmless
                    k = None
                if k is not None:
                    keys.add(k)
                out.append(c)
            stack.extend(t[1:])
    return tuple(out)


def _check_cache(cache):
    if cache is not None and not isinstance(cache, dict):
        raise InvalidTypeError(f"cache must be a dict or None, got {type(cache).__name__}")


def term_facts_iter(term: tuple, symbol_facts: dict, cache: dict | None = None) -> tuple:
    """``(constant or None, fact mask)`` of a term by the rules of the e-class analysis (iterative).

    ``cache`` maps ``id(subterm)`` to ``(subterm, result)``; pass the same dict to
    share work between calls.  The arguments are checked (see :mod:`._validate`).

    >>> from mathref.combinatorics.egraph import POSITIVE
    >>> term_facts_iter(("exp", ("sym", "x")), {"x": 1})[1] & POSITIVE == POSITIVE
    True
    """
    check_term(term)
    _check_cache(cache)
    return _term_facts_iter(term, check_symbol_facts(symbol_facts), cache)


def definedness_conditions(terms: Iterable[tuple], symbol_facts: dict, cache: dict | None = None) -> tuple:
    """The subterms that must be nonzero for every term of ``terms`` to be defined (deduplicated).

    A condition known to hold (nonzero by the domain analysis) is dropped; a
    constant condition that is zero stays (that term is defined nowhere).

    >>> x = ("sym", "x")
    >>> definedness_conditions([("^", x, ("num", Fraction(-1)))], {})
    (('sym', 'x'),)
    """
    if isinstance(terms, tuple) and terms and isinstance(terms[0], str):
        raise InvalidTypeError("terms must be a sequence of terms, not one term: wrap it in a list")
    if isinstance(terms, str | bytes | dict) or not hasattr(terms, "__iter__"):
        raise InvalidTypeError(f"terms must be a sequence of terms, got {type(terms).__name__}")
    terms = list(terms)
    for t in terms:
        check_term(t, "terms")
    _check_cache(cache)
    return _definedness_conditions(terms, check_symbol_facts(symbol_facts), cache)


def conditions_text(conditions: Iterable[tuple]) -> str:
    """``"x ≠ 0 and cos(x) ≠ 0"`` for a tuple of terms; ``""`` for none.

    >>> conditions_text((("sym", "x"),))
    'x ≠ 0'
    """
    if isinstance(conditions, tuple) and conditions and isinstance(conditions[0], str):
        raise InvalidTypeError("conditions must be a sequence of terms, not one term: wrap it in a tuple")
    if isinstance(conditions, str | bytes | dict) or not hasattr(conditions, "__iter__"):
        raise InvalidTypeError(f"conditions must be a sequence of terms, got {type(conditions).__name__}")
    conditions = tuple(conditions)
    for c in conditions:
        check_term(c, "conditions")
    return " and ".join(f"{term_to_str(c)} ≠ 0" for c in conditions)
