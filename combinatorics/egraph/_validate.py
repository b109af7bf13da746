"""Argument checks shared by the public e-graph functions (garbage in -> a ``mathref.errors`` error).

Each check names the argument and the rule it broke.  The structural term check is iterative (any
depth) and linear in the size of the term, so it is only run at the public entry points; the
internal hot paths (the matcher, the builders, the analyses) call the unchecked functions.
"""

from __future__ import annotations

import functools
import numbers
from fractions import Fraction

import sympy

from mathref.errors import InvalidArgumentError, InvalidTypeError, MathrefError

from ._ops import ARITY, LEAF_OPS

__all__ = ["check_pattern", "check_variables", "EGraphBase", "check_term", "check_egraph", "check_class",
           "check_symbol_facts", "as_expr", "argument_errors", "check_rational", "check_operands", "check_fact_inputs"]

_TERM_SHAPE = "a term is a tuple such as ('sym', 'x'), ('num', Fraction(1, 2)), ('pi',) or ('+', t1, t2)"


def check_term(term, name: str = "term", *, pattern: bool = False):
    """Raise unless ``term`` is a well-formed term (a pattern also allows ``"?var"`` leaves).

    >>> check_term(("+", ("sym", "x"), ("num", Fraction(1))))
    >>> check_term(("+",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: term: the node ('+',) has no children; a term is a tuple such as ...
    """
    stack = [term]
    seen = set()
    while stack:
        t = stack.pop()
        if pattern and isinstance(t, str):
            if not t.startswith("?") or len(t) < 2:
                raise InvalidArgumentError(f"{name}: pattern variable {t!r} must look like '?x'")
            continue
        if not isinstance(t, tuple) or not t or not isinstance(t[0], str) or not t[0]:
            raise InvalidTypeError(f"{name}: {t!r:.60} is not a term node; {_TERM_SHAPE}")
        if id(t) in seen:
            continue
        seen.add(id(t))
        op = t[0]
        if op == "num":
            if len(t) != 2 or isinstance(t[1], bool) or not isinstance(t[1], numbers.Rational):
                raise InvalidTypeError(f"{name}: {t!r:.60} must be ('num', an int or Fraction); {_TERM_SHAPE}")
        elif op == "sym":
            if len(t) != 2 or not isinstance(t[1], str) or not t[1]:
                raise InvalidTypeError(f"{name}: {t!r:.60} must be ('sym', a non-empty name); {_TERM_SHAPE}")
        elif op in LEAF_OPS:
            if len(t) != 1:
                raise InvalidArgumentError(f"{name}: the constant {t!r:.60} takes no arguments")
        elif len(t) < 2:
            raise InvalidArgumentError(f"{name}: the node {t!r} has no children; {_TERM_SHAPE}")
        elif op in ARITY and len(t) != ARITY[op] + 1:
            raise InvalidArgumentError(f"{name}: {op!r} takes {ARITY[op]} children, the node {t!r:.60} has "
                                       f"{len(t) - 1}")
        else:
            stack.extend(t[1:])


class EGraphBase:
    """Marker base class of :class:`~.core.EGraph`, so that argument checks need not import the core.

    >>> issubclass(__import__("mathref.combinatorics.egraph.core", fromlist=["EGraph"]).EGraph, EGraphBase)
    True
    """

    __slots__ = ()


def check_rational(value, name: str) -> Fraction:
    """``value`` (an int or Fraction, not a bool or float) as a Fraction.

    >>> check_rational(3, "value")
    Fraction(3, 1)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Rational):
        raise InvalidTypeError(f"{name}={value!r:.60} must be an exact rational (int or Fraction)")
    return Fraction(value)


def _check_op(op) -> str:
    if not isinstance(op, str) or not op:
        raise InvalidTypeError(f"op={op!r:.60} must be an operator name (a non-empty str)")
    return op


def _as_tuple(value, name: str) -> tuple:
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(f"{name} must be a tuple, got {type(value).__name__}")
    return tuple(value)


def check_operands(op, args) -> tuple:
    """``(op, args)`` with ``args`` a tuple of Fractions of the operator's arity.

    >>> check_operands("+", [1, 2])
    ('+', (Fraction(1, 1), Fraction(2, 1)))
    """
    op = _check_op(op)
    args = tuple(check_rational(a, "args") for a in _as_tuple(args, "args"))
    if op in ARITY and len(args) != ARITY[op]:
        raise InvalidArgumentError(f"args: {op!r} takes {ARITY[op]} operands, got {len(args)}")
    return op, args


def check_fact_inputs(op, payload, child_facts, child_consts) -> tuple:
    """The arguments of :func:`~.analyses.make_facts`, checked.

    >>> check_fact_inputs("exp", None, [1], [None])
    ('exp', None, (1,), (None,))
    """
    op = _check_op(op)
    child_facts = _as_tuple(child_facts, "child_facts")
    child_consts = _as_tuple(child_consts, "child_consts")
    for f in child_facts:
        if isinstance(f, bool) or not isinstance(f, int) or f < 0:
            raise InvalidTypeError(f"child_facts must hold fact masks (int >= 0), got {f!r:.60}")
    child_consts = tuple(None if c is None else check_rational(c, "child_consts") for c in child_consts)
    if len(child_facts) != len(child_consts):
        raise InvalidArgumentError("child_facts and child_consts must have one entry per child")
    if op in ARITY and len(child_facts) != ARITY[op]:
        raise InvalidArgumentError(f"{op!r} takes {ARITY[op]} children, got {len(child_facts)}")
    if op == "num":
        payload = check_rational(payload, "payload")
    elif op == "sym" and (isinstance(payload, bool) or not isinstance(payload, int) or payload < 0):
        raise InvalidTypeError(f"payload of a symbol must be its fact mask (int >= 0), got {payload!r:.60}")
    return op, payload, child_facts, child_consts


def check_pattern(pattern, name: str = "pattern"):
    """Raise unless ``pattern`` is a parsed pattern: a term whose leaves may be ``"?var"`` strings.

    >>> check_pattern(("+", "?a", ("num", 1)))
    >>> check_pattern(["+", "?a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: pattern: ['+', '?a'] is not a term node; ...
    """
    check_term(pattern, name, pattern=True)


def check_variables(variables, name: str = "variables") -> tuple:
    """``variables`` as a tuple of distinct ``"?var"`` strings.

    >>> check_variables(["?a", "?b"])
    ('?a', '?b')
    """
    if isinstance(variables, str | bytes | dict) or not hasattr(variables, "__iter__"):
        raise InvalidTypeError(f"{name} must be a sequence of pattern variables ('?a', ...), "
                               f"got {type(variables).__name__}")
    out = tuple(variables)
    for v in out:
        if not isinstance(v, str) or not v.startswith("?") or len(v) < 2:
            raise InvalidTypeError(f"{name} must hold pattern variables such as '?a', got {v!r:.60}")
    if len(set(out)) != len(out):
        raise InvalidArgumentError(f"{name}={out!r:.60} lists a variable twice")
    return out


def check_egraph(egraph, name: str = "egraph"):
    """Raise unless ``egraph`` is an :class:`~.core.EGraph`.

    >>> check_egraph("abc")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: egraph must be an EGraph, got str
    """
    if not isinstance(egraph, EGraphBase):
        raise InvalidTypeError(f"{name} must be an EGraph, got {type(egraph).__name__}")


def check_class(egraph, cid, name: str = "cid") -> int:
    """The id ``cid`` as an int after checking that it names a class of ``egraph``.

    >>> from mathref.combinatorics.egraph.core import EGraph
    >>> check_class(EGraph(), -1)
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: cid=-1 is not a class id of this e-graph (ids 0 .. -1)
    """
    check_egraph(egraph)
    if isinstance(cid, bool) or not isinstance(cid, numbers.Integral):
        raise InvalidTypeError(f"{name}={cid!r:.60} must be an int (a class id)")
    n = len(egraph.parent_array)
    if not 0 <= cid < n:
        raise InvalidArgumentError(f"{name}={cid} is not a class id of this e-graph (ids 0 .. {n - 1})")
    return int(cid)


def check_symbol_facts(symbol_facts, name: str = "symbol_facts") -> dict:
    """``symbol_facts`` as a dict ``{name: int mask}`` (None gives ``{}``).

    >>> check_symbol_facts(None)
    {}
    """
    if symbol_facts is None:
        return {}
    if not isinstance(symbol_facts, dict):
        raise InvalidTypeError(f"{name} must be a dict {{symbol name: fact mask}}, got {type(symbol_facts).__name__}")
    for k, v in symbol_facts.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise InvalidTypeError(f"{name} must map names (str) to fact masks (int >= 0), got {k!r}: {v!r}")
    return symbol_facts


def as_expr(value, name: str):
    """``value`` as a sympy expression; strings and things sympy cannot read raise ``InvalidTypeError``.

    >>> as_expr(3, "a")
    3
    """
    if isinstance(value, str | bytes):
        raise InvalidTypeError(f"{name} must be a sympy expression or a number, not a string: "
                               "use sympy.sympify(text) first")
    try:
        out = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError, ValueError, AttributeError):
        raise InvalidTypeError(f"{name}={value!r:.60} is not a sympy expression or a number") from None
    if not isinstance(out, sympy.Expr):
        raise InvalidTypeError(f"{name}={value!r:.60} is a {type(out).__name__}, not a scalar expression")
    return out


def argument_errors(*names: str):
    """Decorator for small public helpers: an error raised inside by malformed arguments becomes an
    ``InvalidTypeError`` naming ``names`` (mathref errors pass through unchanged).

    >>> @argument_errors("op")
    ... def arity(op):
    ...     return {"+": 2}[op]
    >>> arity("-")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: arity: malformed op (KeyError: '-')
    """

    def deco(f):
        @functools.wraps(f)
        def checked(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except MathrefError:
                raise
            except (TypeError, ValueError, IndexError, KeyError, AttributeError, ZeroDivisionError,
                    OverflowError) as err:
                raise InvalidTypeError(f"{f.__name__}: malformed {', '.join(names)} ({type(err).__name__}: {err})"
                                       ) from err

        return checked

    return deco
