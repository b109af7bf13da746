"""Chemical equations as text: split ``"A + B -> C + D"`` into reactant and product formulas."""

from __future__ import annotations

import re

from mathref.errors import InvalidArgumentError

from .formula import parse_formula

__all__ = ["parse_equation"]

_ARROW = re.compile(r"\s*(?:<=>|<->|⇌|⇄|->|→|⟶|==|=)\s*")
_PLUS = re.compile(r"\s+\+\s+")
_LEADING_COEFF = re.compile(r"^(\d+)\s+(?=\S)")


def parse_equation(equation: str) -> tuple[list[str], list[str]]:
    """Split ``"A + B -> C + D"`` into reactant and product formula strings.

    Arrows ``->``, ``→``, ``=``, ``<=>``, ``⇌`` are accepted.  Terms are separated by
    a ``+`` with spaces on both sides (so ``Fe3+ + e-`` reads as two species).  A
    leading stoichiometric number followed by a space (``2 H2O``) is ignored,
    since balancing recomputes it.

    Examples
    --------
    >>> parse_equation("Fe3+ + e- -> Fe2+")
    (['Fe3+', 'e-'], ['Fe2+'])
    """
    if not isinstance(equation, str):
        raise TypeError(f"equation must be a str, got {type(equation).__name__}")
    parts = _ARROW.split(equation.strip())
    if len(parts) != 2:
        raise InvalidArgumentError(
            f"equation {equation!r} must contain exactly one arrow ('->', '=', '→', '<=>')"
        )
    sides = []
    for part in parts:
        terms = [t.strip() for t in _PLUS.split(part.strip())] if part.strip() else []
        terms = [_LEADING_COEFF.sub("", t) for t in terms]
        if not terms or any(not t for t in terms):
            raise InvalidArgumentError(f"equation {equation!r} has an empty side or an empty term")
        for t in terms:
            parse_formula(t)  # raise early with the caret message
        sides.append(terms)
    return sides[0], sides[1]
