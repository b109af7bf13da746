"""Conversion between sympy expressions and e-graph terms, and symbol assumptions as domain facts.

The conversion is exact: sympy Integers and Rationals become
:class:`fractions.Fraction` constants, sympy Floats their exact binary value.
Supported: ``Add``, ``Mul``, ``Pow`` (so ``sqrt`` and division), ``exp`` (and
``E``), ``log``, ``sin``, ``cos``, ``tan``, ``Abs``, ``pi``, ``I``.  n-ary sums and
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

from mathref.errors import InvalidArgumentError

from .analyses import INTEGER, NEGATIVE, NONNEGATIVE, NONZERO, POSITIVE, REAL

__all__ = ["to_term", "from_term", "symbol_facts", "symbols_of"]

_UNARY = {sympy.exp: "exp", sympy.log: "log", sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.Abs: "abs"}
_UNARY_BACK = {v: k for k, v in _UNARY.items()}


def to_term(expr) -> tuple:
    """Convert a sympy expression (or something sympify accepts) into a term.

    Raises
    ------
    TypeError
        For functions outside the supported set (the message names them).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> to_term(2 * sympy.sin(x))
    ('*', ('num', Fraction(2, 1)), ('sin', ('sym', 'x')))
    >>> to_term(sympy.sqrt(x))
    ('^', ('sym', 'x'), ('num', Fraction(1, 2)))
    """
    expr = sympy.sympify(expr)
    return _to_term(expr)


def _to_term(e):
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
        args = [_to_term(a) for a in e.args]
        acc = args[0]
        for a in args[1:]:
            acc = (op, acc, a)
        return acc
    if e.is_Pow:
        return ("^", _to_term(e.base), _to_term(e.exp))
    f = _UNARY.get(e.func)
    if f is not None:
        if len(e.args) != 1:
            raise TypeError(f"expr: {e.func.__name__} with {len(e.args)} arguments is not supported")
        return (f, _to_term(e.args[0]))
    raise TypeError(
        f"expr contains {type(e).__name__} ({e}); supported: +, *, ^, sqrt, exp, log, sin, cos, tan, Abs, "
        "rationals, pi, E, I and symbols"
    )


def from_term(term, *, symbols: dict | None = None, evaluate: bool = True):
    """Convert a term back to sympy; ``symbols`` maps names to the Symbol objects to use.

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> from_term(to_term(sympy.log(x) + 1), symbols={"x": x})
    log(x) + 1
    """
    symbols = symbols or {}
    op = term[0]
    if op == "num":
        v = term[1]
        return sympy.Rational(v.numerator, v.denominator)
    if op == "sym":
        return symbols.get(term[1]) or sympy.Symbol(term[1])
    if op == "pi":
        return sympy.pi
    if op == "I":
        return sympy.I
    args = [from_term(t, symbols=symbols, evaluate=evaluate) for t in term[1:]]
    if op == "+":
        return sympy.Add(*args, evaluate=evaluate)
    if op == "*":
        return sympy.Mul(*args, evaluate=evaluate)
    if op == "^":
        return sympy.Pow(*args, evaluate=evaluate)
    return _UNARY_BACK[op](*args, evaluate=evaluate)


def symbols_of(*exprs) -> dict:
    """``{name: Symbol}`` for the free symbols of the expressions; clashing assumptions raise.

    >>> sorted(symbols_of(sympy.Symbol("a") + sympy.Symbol("b")))
    ['a', 'b']
    """
    out = {}
    for e in exprs:
        for s in sympy.sympify(e).free_symbols:
            old = out.get(s.name)
            if old is not None and old != s:
                raise InvalidArgumentError(
                    f"symbol name {s.name!r} is used with different assumptions ({old.assumptions0} vs "
                    f"{s.assumptions0}); rename one of them"
                )
            out[s.name] = s
    return out


def symbol_facts(*exprs) -> dict:
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
        out[name] = f
    return out
