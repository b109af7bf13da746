"""Hypothesis strategies for random expressions (terms and sympy expressions).

Users import these into their own suites to test code that consumes
expressions; our tests use them for the soundness properties of the e-graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from mathref.combinatorics.egraph.sympy_bridge import from_term, to_term
from mathref.errors import InvalidArgumentError

if TYPE_CHECKING:
    import sympy

__all__ = ["expression_terms", "sympy_expressions", "symbol_assumptions", "ASSUMPTION_KEYS"]

#: The sympy assumptions :func:`symbol_assumptions` draws from (each set True or False, or left out).
ASSUMPTION_KEYS = (
    "positive", "negative", "nonnegative", "nonpositive", "zero", "nonzero", "integer", "even", "odd", "prime",
    "composite", "rational", "irrational", "algebraic", "transcendental", "real", "extended_real", "imaginary",
    "finite", "complex", "noninteger",
)

_UNARY = ("exp", "log", "sin", "cos", "abs")
_BINARY = ("+", "*", "^")
_CONSTANTS = (Fraction(0), Fraction(1), Fraction(2), Fraction(3), Fraction(-1), Fraction(1, 2))
_EXPONENTS = (Fraction(2), Fraction(3), Fraction(-1), Fraction(1, 2))


def _validate(symbols, max_leaves, unary, binary):
    if not symbols or not all(isinstance(s, str) and s for s in symbols):
        raise InvalidArgumentError(f"symbols={symbols!r} must be a nonempty sequence of names")
    if not isinstance(max_leaves, int) or max_leaves < 1:
        raise InvalidArgumentError(f"max_leaves={max_leaves!r} must be a positive int")
    bad = [u for u in unary if u not in _UNARY + ("tan",)]
    if bad:
        raise InvalidArgumentError(f"unary={unary!r}: unknown operators {bad}")
    bad = [b for b in binary if b not in _BINARY]
    if bad:
        raise InvalidArgumentError(f"binary={binary!r}: unknown operators {bad}")


def expression_terms(
    *,
    symbols: Sequence[str] = ("x", "y"),
    max_leaves: int = 6,
    unary: Sequence[str] = _UNARY,
    binary: Sequence[str] = _BINARY,
    constants: Sequence[Fraction] = _CONSTANTS,
) -> st.SearchStrategy[tuple]:
    """Strategy for random terms (nested tuples) over ``symbols``.

    Powers get a constant exponent from ``{2, 3, -1, 1/2}`` so that terms stay
    in the fragment the rules talk about.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(expression_terms(max_leaves=3))
    ... def test(t):
    ...     assert isinstance(t, tuple)
    >>> test()
    """
    symbols = tuple(symbols)
    unary, binary = tuple(unary), tuple(binary)
    _validate(symbols, max_leaves, unary, binary)
    leaves = st.sampled_from([("sym", s) for s in symbols])
    if constants:
        leaves = leaves | st.sampled_from([("num", Fraction(c)) for c in constants])

    def extend(children):
        options = []
        if unary:
            options.append(st.tuples(st.sampled_from(unary), children))
        for op in binary:
            if op == "^":
                options.append(
                    st.tuples(st.just("^"), children, st.sampled_from([("num", e) for e in _EXPONENTS]))
                )
            else:
                options.append(st.tuples(st.just(op), children, children))
        return st.one_of(options)

    return st.recursive(leaves, extend, max_leaves=max_leaves)


def sympy_expressions(*, symbols: Sequence[sympy.Symbol] | None = None, max_leaves: int = 6,
                      unary: Sequence[str] = _UNARY, binary: Sequence[str] = _BINARY,
                      constants: Sequence[Fraction] = _CONSTANTS) -> st.SearchStrategy[sympy.Expr]:
    """Strategy for random sympy expressions built from :func:`expression_terms`.

    ``symbols`` is a sequence of sympy Symbols (default ``x, y`` without assumptions).

    Examples
    --------
    >>> from hypothesis import given
    >>> import sympy
    >>> @given(sympy_expressions(max_leaves=3))
    ... def test(e):
    ...     assert isinstance(e, sympy.Basic)
    >>> test()
    """
    import sympy

    syms = tuple(symbols) if symbols is not None else sympy.symbols("x y")
    names = {s.name: s for s in syms}
    terms = expression_terms(
        symbols=tuple(names), max_leaves=max_leaves, unary=unary, binary=binary, constants=constants
    )
    def representable(e) -> bool:
        # sympy's own evaluation can produce 1/0 = zoo or nan, or leave the bridge's
        # operators (sin(I) evaluates to I*sinh(1)); those are not expressions we handle
        if e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return False
        try:
            to_term(e)
        except TypeError:
            return False
        return True

    return terms.map(lambda t: from_term(t, symbols=names)).filter(representable)


def symbol_assumptions(*, keys: Sequence[str] = ASSUMPTION_KEYS,
                       max_keys: int = 3) -> st.SearchStrategy[dict[str, bool]]:
    """Strategy for consistent sympy assumption dicts such as ``{"even": True, "positive": False}``.

    Up to ``max_keys`` entries from ``keys``; combinations sympy rejects as
    inconsistent are filtered out, so ``sympy.Symbol("x", **d)`` always works.

    Examples
    --------
    >>> from hypothesis import given
    >>> import sympy
    >>> @given(symbol_assumptions())
    ... def test(d):
    ...     assert sympy.Symbol("x", **d).assumptions0.items() >= d.items()
    >>> test()
    """
    import sympy

    keys = tuple(keys)
    bad = [k for k in keys if k not in ASSUMPTION_KEYS]
    if bad:
        raise InvalidArgumentError(f"keys={keys!r}: unknown assumptions {bad}")
    if not isinstance(max_keys, int) or max_keys < 0:
        raise InvalidArgumentError(f"max_keys={max_keys!r} must be a nonnegative int")

    def consistent(d) -> bool:
        try:
            sympy.Symbol("_probe", **d)
        except Exception:  # sympy raises InconsistentAssumptions (a ValueError subclass) for clashes
            return False
        return True

    return st.dictionaries(st.sampled_from(keys), st.booleans(), max_size=max_keys).filter(consistent)
