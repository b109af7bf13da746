"""Terms: nested tuples for expressions, their size, depth and text, and exact constant folding.

Terms are plain nested tuples, which keeps them hashable and cheap:

* ``("num", Fraction(3, 2))`` a rational constant, ``("sym", "x")`` a symbol,
  ``("pi",)`` the constant pi, ``("I",)`` the imaginary unit;
* ``(op, t1, ..., tk)`` for an operator ``op`` among ``+ * ^ log exp sin cos
  tan abs sign sinh cosh tanh asin acos atan asinh acosh atanh`` (``+`` and
  ``*`` and ``^`` are binary; subtraction is ``a + (-1)*b`` and division
  ``a * b^(-1)``, as in sympy).

An e-node has the same shape with e-class ids (ints) in place of the child
terms.  Constant folding is exact: only folds whose value is again a rational
are made.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["LEAF_OPS", "ARITY", "fold_constant", "term_size", "term_depth", "term_to_str"]

from ._ops import ARITY, LEAF_OPS


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


def fold_constant(op: str, args: Sequence[int | Fraction]) -> Fraction | None:
    """Exact value of ``op`` applied to rational ``args``, or None when not rational.

    Only folds that stay exact are made: ``2^(1/2)`` stays symbolic, ``4^(1/2)``
    folds to 2; ``0^(-1)`` is left alone (it is undefined).

    >>> fold_constant("^", (Fraction(4), Fraction(1, 2)))
    Fraction(2, 1)
    >>> fold_constant("^", (Fraction(2), Fraction(1, 2))) is None
    True
    """
    from ._validate import check_operands

    op, args = check_operands(op, args)
    if op not in ARITY:
        return None
    return _fold_constant(op, args)


def _fold_constant(op: str, args):
    """:func:`fold_constant` on checked arguments (the e-graph's hot path)."""
    if op == "+":
        return args[0] + args[1]
    if op == "*":
        return args[0] * args[1]
    if op == "^":
        return _fold_power(*args)
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
    if op == "sign":
        return Fraction((args[0] > 0) - (args[0] < 0))
    if op in ("sinh", "tanh", "asin", "atan", "asinh", "atanh"):
        return Fraction(0) if args[0] == 0 else None
    if op == "cosh":
        return Fraction(1) if args[0] == 0 else None
    if op == "acosh":
        return Fraction(0) if args[0] == 1 else None
    return None


def _fold_power(b: Fraction, e: Fraction):
    """``b ** e`` when it is rational and of moderate size, else None."""
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


def _postorder(term, leaf, node):
    """Fold a term bottom-up without recursion: ``leaf(t)`` for leaves, ``node(t, kid_values)`` otherwise."""
    memo: dict = {}
    stack = [(term, False)]
    while stack:
        t, ready = stack.pop()
        if id(t) in memo:
            continue
        if t[0] in LEAF_OPS:
            memo[id(t)] = (t, leaf(t))
            continue
        if not ready:
            stack.append((t, True))
            stack.extend((k, False) for k in t[1:] if id(k) not in memo)
            continue
        memo[id(t)] = (t, node(t, [memo[id(k)][1] for k in t[1:]]))
    return memo[id(term)][1]


def term_size(term: tuple) -> int:
    """Number of nodes of a term (shared subterms counted each time they occur).

    >>> term_size(("+", ("sym", "x"), ("num", Fraction(1))))
    3
    """
    from ._validate import check_term

    check_term(term)
    return _postorder(term, lambda t: 1, lambda t, kids: 1 + sum(kids))


def term_depth(term: tuple) -> int:
    """Height of a term (a leaf has depth 1).

    >>> term_depth(("sin", ("sym", "x")))
    2
    """
    from ._validate import check_term

    check_term(term)
    return _postorder(term, lambda t: 1, lambda t, kids: 1 + max(kids))


def _leaf_str(term):
    op = term[0]
    if op == "num":
        v = term[1]
        s = str(v)
        return s if (v >= 0 and v.denominator == 1) else f"({s})"
    if op == "sym":
        return term[1]
    return op


def _node_str(term, kids):
    op = term[0]
    if op in ("+", "*"):
        return f"({kids[0]} {op} {kids[1]})"
    if op == "^":
        return f"{kids[0]}^{kids[1]}"
    return f"{op}({', '.join(kids)})"


def term_to_str(term: tuple) -> str:
    """Fully parenthesised infix rendering of a term.

    >>> term_to_str(("*", ("num", Fraction(2)), ("^", ("sym", "x"), ("num", Fraction(1, 2)))))
    '(2 * x^(1/2))'
    """
    from ._validate import check_term

    check_term(term)
    return _postorder(term, _leaf_str, _node_str)


def _term_to_str_unchecked(term) -> str:
    """:func:`term_to_str` without the argument check (extraction keys, e-nodes)."""
    return _postorder(term, _leaf_str, _node_str)
