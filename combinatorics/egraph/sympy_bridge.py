"""Conversion between sympy expressions and e-graph terms, and symbol assumptions as domain facts.

The conversion is exact: sympy Integers and Rationals become
:class:`fractions.Fraction` constants, sympy Floats their exact binary value.
Supported: ``Add``, ``Mul``, ``Pow`` (so ``sqrt`` and division), ``exp`` (and
``E``), ``log``, ``sin``, ``cos``, ``tan`` (``cot``, ``sec``, ``csc`` as quotients),
the hyperbolic functions and the inverse trigonometric and hyperbolic
functions, ``Abs``, ``sign``, ``pi``, ``I``.  Conversion in both directions is
iterative, so nesting depth is limited by memory only.  n-ary sums and
products are nested to the left; sums built with ``evaluate=False`` keep the
nesting they were given.

Notes
-----
Symbol assumptions are read through sympy's own queries (``is_real``,
``is_positive``, ``is_nonnegative``, ``is_negative``, ``is_integer``,
``is_zero``), so ``Symbol("x", positive=True)`` yields the facts real,
positive, nonnegative and nonzero.  A symbol without assumptions is a complex
number, as in sympy: rules then only fire where they hold on all of C.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from mathref.errors import InvalidArgumentError, InvalidTypeError

from .analyses import EVEN, INTEGER, NEGATIVE, NONNEGATIVE, NONPOSITIVE, NONZERO, ODD, POSITIVE, REAL
from .terms import _postorder

__all__ = ["to_term", "from_term", "symbol_facts", "symbols_of"]

_UNARY = {
    sympy.exp: "exp", sympy.log: "log", sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.Abs: "abs",
    sympy.sign: "sign", sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.tanh: "tanh", sympy.asin: "asin",
    sympy.acos: "acos", sympy.atan: "atan", sympy.asinh: "asinh", sympy.acosh: "acosh", sympy.atanh: "atanh",
}
_UNARY_BACK = {v: k for k, v in _UNARY.items()}
_MINUS_ONE = ("num", Fraction(-1))
# reciprocal functions become powers of the basic ones: cot = cos/sin etc. (same domain: where sin != 0)
_RECIPROCAL = {sympy.cot: ("cos", "sin"), sympy.sec: (None, "cos"), sympy.csc: (None, "sin"),
               sympy.coth: ("cosh", "sinh"), sympy.sech: (None, "cosh"), sympy.csch: (None, "sinh")}
_SUPPORTED = "+, *, ^, sqrt, exp, log, sin, cos, tan, cot, sec, csc, their hyperbolic and inverse forms, Abs, sign"


def _args(e):
    """The arguments to convert first (none for leaves)."""
    if e.is_Symbol or e.is_Number or e.is_NumberSymbol or e is sympy.I:
        return ()
    return e.args


def to_term(expr: sympy.Expr | str | int | float) -> tuple:
    """Convert a sympy expression (or something sympify accepts) into a term (iteratively: any depth).

    Raises
    ------
    mathref.errors.InvalidTypeError
        For functions outside the supported set (the message names them), a ``Piecewise``,
        strings and non-expressions.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> to_term(2 * sympy.sin(x))
    ('*', ('num', Fraction(2, 1)), ('sin', ('sym', 'x')))
    >>> to_term(sympy.sqrt(x))
    ('^', ('sym', 'x'), ('num', Fraction(1, 2)))
    >>> to_term(sympy.sec(x))
    ('^', ('cos', ('sym', 'x')), ('num', Fraction(-1, 1)))
    """
    if isinstance(expr, str | bytes):
        raise InvalidTypeError("expr must be a sympy expression or a number, not a string: use sympy.sympify(text)")
    try:
        expr = sympy.sympify(expr, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        raise InvalidTypeError(f"expr={expr!r:.60} is not a sympy expression or a number") from None
    if isinstance(expr, sympy.Basic) and expr.has(sympy.Piecewise):
        raise InvalidTypeError("expr contains a Piecewise: terms have no Piecewise node; equivalent() decides "
                               "Piecewise inputs by a case split on the signs of real symbols")
    memo: dict = {}
    stack = [(expr, False)]
    while stack:
        e, ready = stack.pop()
        if id(e) in memo:
            continue
        args = _args(e)
        if args and not ready:
            stack.append((e, True))
            stack.extend((a, False) for a in args if id(a) not in memo)
            continue
        memo[id(e)] = (e, _node_term(e, [memo[id(a)][1] for a in args]))
    return memo[id(expr)][1]


def _node_term(e, args):
    if e.is_Symbol:
        return ("sym", e.name)
    if e.is_Rational:
        return ("num", Fraction(int(e.p), int(e.q)))
    if e.is_Float:
        return ("num", Fraction(float(e)))
    if e is sympy.pi:
        return ("pi",)
    if e is sympy.I:
        return ("I",)
    if e is sympy.E:
        return ("exp", ("num", Fraction(1)))
    if e.is_Add or e.is_Mul:
        op = "+" if e.is_Add else "*"
        acc = args[0]
        for a in args[1:]:
            acc = (op, acc, a)
        return acc
    if e.is_Pow:
        return ("^", args[0], args[1])
    f = _UNARY.get(e.func)
    if f is not None:
        if len(args) != 1:
            raise InvalidTypeError(f"expr: {e.func.__name__} with {len(args)} arguments is not supported")
        return (f, args[0])
    rec = _RECIPROCAL.get(e.func)
    if rec is not None:
        num, den = rec
        inv = ("^", (den, args[0]), _MINUS_ONE)
        return inv if num is None else ("*", (num, args[0]), inv)
    raise InvalidTypeError(
        f"expr contains {type(e).__name__} ({str(e)[:60]}); supported: {_SUPPORTED}, rationals, pi, E, I and symbols"
    )


def from_term(term: tuple, *, symbols: dict[str, sympy.Symbol] | None = None, evaluate: bool = True) -> sympy.Expr:
    """Convert a term back to sympy; ``symbols`` maps names to the Symbol objects to use.

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> from_term(to_term(sympy.log(x) + 1), symbols={"x": x})
    log(x) + 1
    """
    from ._validate import check_term

    check_term(term)
    if symbols is not None and not isinstance(symbols, dict):
        raise InvalidTypeError(f"symbols must be a dict {{name: sympy Symbol}} or None, got {type(symbols).__name__}")
    symbols = symbols or {}

    def leaf(t):
        op = t[0]
        if op == "num":
            v = t[1]
            return sympy.Rational(v.numerator, v.denominator)
        if op == "sym":
            return symbols.get(t[1]) or sympy.Symbol(t[1])
        return sympy.pi if op == "pi" else sympy.I

    def node(t, args):
        op = t[0]
        if op == "+":
            return sympy.Add(*args, evaluate=evaluate)
        if op == "*":
            return sympy.Mul(*args, evaluate=evaluate)
        if op == "^":
            return sympy.Pow(*args, evaluate=evaluate)
        return _UNARY_BACK[op](*args, evaluate=evaluate)

    return _postorder(term, leaf, node)


def _free_symbols(e) -> set:
    """Free symbols of a sympy expression, found without recursion (sympy's own property recurses)."""
    out = set()
    seen = set()
    stack = [e]
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        if t.is_Symbol:
            out.add(t)
        else:
            stack.extend(_args(t))
    return out


def symbols_of(*exprs: sympy.Expr | str | int | float) -> dict[str, sympy.Symbol]:
    """``{name: Symbol}`` for the free symbols of the expressions; clashing assumptions raise.

    >>> sorted(symbols_of(sympy.Symbol("a") + sympy.Symbol("b")))
    ['a', 'b']
    """
    out = {}
    from ._validate import as_expr

    for e in exprs:
        for s in _free_symbols(as_expr(e, "exprs")):
            old = out.get(s.name)
            if old is not None and old != s:
                raise InvalidArgumentError(
                    f"symbol name {s.name!r} is used with different assumptions ({old.assumptions0} vs "
                    f"{s.assumptions0}); rename one of them"
                )
            out[s.name] = s
    return out


def symbol_facts(*exprs: sympy.Expr | str | int | float) -> dict[str, int]:
    """Domain fact masks ``{name: mask}`` of the free symbols, from their sympy assumptions.

    Examples
    --------
    >>> from mathref.combinatorics.egraph import POSITIVE
    >>> facts = symbol_facts(sympy.Symbol("x", positive=True) + sympy.Symbol("y"))
    >>> bool(facts["x"] & POSITIVE), facts["y"]
    (True, 0)
    """
    out = {}
    for name, s in symbols_of(*exprs).items():
        f = 0
        if s.is_real:
            f |= REAL
        if s.is_positive:
            f |= POSITIVE | NONNEGATIVE | NONZERO | REAL
        if s.is_nonnegative:
            f |= NONNEGATIVE | REAL
        if s.is_negative:
            f |= NEGATIVE | NONZERO | REAL
        if s.is_zero is False:
            f |= NONZERO
        if s.is_integer:
            f |= INTEGER | REAL
        if s.is_nonpositive:
            f |= NONPOSITIVE | REAL
        if s.is_zero:
            f |= NONPOSITIVE | NONNEGATIVE | REAL | INTEGER | EVEN
        if s.is_even:
            f |= EVEN | INTEGER | REAL
        if s.is_odd:
            f |= ODD | INTEGER | REAL | NONZERO
        out[name] = f
    return out
