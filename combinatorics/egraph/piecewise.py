"""Piecewise expressions in :func:`~.equivalence.equivalent`: a case split on the signs of real symbols.

A ``Piecewise`` whose conditions compare real symbols with zero (``x > 0``, ``x <= 0``, ``Eq(x, 0)``,
``x != 0`` and their ``And``/``Or``/``Not``) is decided region by region: for every sign pattern
(negative, zero, positive) of the symbols in the conditions, each symbol is replaced by a fresh
symbol carrying its assumptions plus that sign (or by ``0``), which makes every condition true or
false so that sympy reduces the ``Piecewise`` to one branch; the two sides are then compared there
with :func:`~.equivalence.equivalent`.  The regions cover the real line exactly, so

* "equal" in every non-empty region is "equal" (each region's proof, with its domain condition,
  is kept in ``cases``);
* "different" in some region is "different" (its counterexample lies in that region, and the
  fresh symbol's assumptions are honoured by the sampler, so it is a real counterexample);
* anything else, and every condition of another shape (``x > 1``, a condition on a non-real symbol,
  a condition on an expression), is "unknown": the verdict is never guessed.
"""

from __future__ import annotations

import itertools

import sympy
from sympy.core.assumptions import StdFactKB  # noqa: F401  (the assumption system raises below)
from sympy.core.facts import InconsistentAssumptions

from mathref.errors import InvalidTypeError

__all__ = ["has_piecewise", "sign_regions"]

_MAX_SPLIT_SYMBOLS = 4  # 3**4 = 81 regions at most
_SIGNS = (("negative", -1), ("zero", 0), ("positive", 1))


def has_piecewise(*exprs: object) -> bool:
    """True when some expression contains a ``Piecewise``.

    >>> x = sympy.Symbol("x", real=True)
    >>> has_piecewise(sympy.Piecewise((x, x > 0), (-x, True))), has_piecewise(x)
    (True, False)
    """
    return any(isinstance(e, sympy.Basic) and e.has(sympy.Piecewise) for e in exprs)


def _condition_symbols(expr):
    """The symbols the Piecewise conditions of ``expr`` compare with zero, or None for any other condition."""
    out = set()
    for pw in expr.atoms(sympy.Piecewise):
        for _, cond in pw.args:
            if cond in (sympy.true, sympy.false):
                continue
            for rel in cond.atoms(sympy.core.relational.Relational):
                lhs, rhs = rel.lhs, rel.rhs
                if rhs != 0 and lhs == 0:
                    lhs, rhs = rhs, lhs
                if not (isinstance(lhs, sympy.Symbol) and rhs == 0 and lhs.is_real):
                    return None
                out.add(lhs)
            rest = cond.atoms(sympy.Symbol) - out
            if rest or not isinstance(cond, sympy.logic.boolalg.Boolean):
                return None
    return out


def sign_regions(a: sympy.Expr, b: sympy.Expr) -> list[tuple[str, dict]] | None:
    """The sign regions that decide the Piecewise parts of ``a`` and ``b``, or None when they are not simple.

    Each region is ``(description, substitution)``; ``substitution`` maps every split symbol to a
    fresh symbol with its assumptions plus a sign, or to ``0``.  Regions that contradict a symbol's
    own assumptions (a negative region for a positive symbol) are left out.

    >>> x = sympy.Symbol("x", real=True)
    >>> [d for d, _ in sign_regions(sympy.Piecewise((x, x > 0), (-x, True)), sympy.Abs(x))]
    ['x < 0', 'x = 0', 'x > 0']
    """
    import sympy

    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, sympy.Basic):
            raise InvalidTypeError(f"{name}={value!r:.60} must be a sympy expression")
    syms = set()
    for e in (a, b):
        s = _condition_symbols(e)
        if s is None:
            return None
        syms |= s
    syms = sorted(syms, key=lambda s: s.name)
    if not syms or len(syms) > _MAX_SPLIT_SYMBOLS:
        return None
    per_symbol = []
    for s in syms:
        options = []
        given = {k: v for k, v in s.assumptions0.items() if v is not None}
        for word, sign in _SIGNS:
            try:
                fresh = sympy.Dummy(s.name, **{**given, word: True})
            except InconsistentAssumptions:
                continue
            text = {-1: f"{s.name} < 0", 0: f"{s.name} = 0", 1: f"{s.name} > 0"}[sign]
            options.append((text, sympy.Integer(0) if sign == 0 else fresh))
        per_symbol.append(options)
    regions = []
    for combo in itertools.product(*per_symbol):
        regions.append((" and ".join(t for t, _ in combo), {s: v for s, (_, v) in zip(syms, combo)}))
    return regions
