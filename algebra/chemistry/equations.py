"""Chemical equations as text: split ``"A + B -> C + D"`` into reactant and product formulas.

Accepted: arrows ``->``, ``-->``, ``→``, ``⟶``, ``=``, ``==``, ``<=>``, ``<->``, ``⇌``, ``⇄``; terms separated by
``+`` with or without spaces; leading stoichiometric numbers (``2 H2O``, ``2H2O``), which are ignored
because balancing recomputes them; states ``(aq)``, ``(s)``, ``(l)``, ``(g)``.

Notes
-----
Without spaces a ``+`` is a separator when an upper-case letter, a bracket or the electron ``e`` follows
it, so ``H2+O2->H2O`` reads as H2 + O2.  A cation directly before a separator therefore needs its own
sign and the separator: ``Na++Cl-`` is Na⁺ + Cl⁻, while ``NH4+Cl-`` reads as NH4 + Cl⁻ (write
``NH4+ + Cl-``).  With spaces (``Fe3+ + e-``) a lone ``+`` is the separator and nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from mathref.errors import InvalidArgumentError, InvalidTypeError

from .formula import parse_formula

__all__ = ["parse_equation"]

_ARROW = re.compile(r"\s*(?:<=>|<->|<-->|-->|⇌|⇄|->|→|⟶|==|=)\s*")
_LEADING_COEFF = re.compile(r"^(\d+)\s*(?=[A-Z(\[e])")
_SEPARATOR = re.compile(r"(?<=\S)\+(?=\d*[A-Z(\[]|e(?:-|⁻|\^|\(|$))")


def _terms(side: str, equation: str) -> list[str]:
    words = side.split()
    terms: list[str] = []
    pending_sep = True
    for w in words:
        if w == "+":
            if pending_sep:
                raise InvalidArgumentError(f"equation {equation!r} has an empty term")
            pending_sep = True
            continue
        if w.startswith("+") and len(w) > 1 and not pending_sep:
            w = w[1:]
            pending_sep = True
        if w.isdigit() and terms is not None:
            # a coefficient written apart from its species: "2 H2O"
            terms.append(w)
            continue
        pieces = _SEPARATOR.split(w)
        if terms and terms[-1].isdigit():
            terms[-1] = terms[-1] + pieces[0]
            pieces = pieces[1:]
            pending_sep = False
        elif not pending_sep:
            raise InvalidArgumentError(
                f"equation {equation!r}: {terms[-1]!r} and {w!r} need a '+' between them")
        terms.extend(pieces)
        pending_sep = False
    if pending_sep or not terms:
        raise InvalidArgumentError(f"equation {equation!r} has an empty side or an empty term")
    return [_LEADING_COEFF.sub("", t) for t in terms]


def parse_equation(equation: str, *, known: Collection[str] = ()) -> tuple[list[str], list[str]]:
    """Split ``"A + B -> C + D"`` into reactant and product formula strings.

    See the module docstring for the accepted arrows, separators and coefficients.  Every term is
    checked with :func:`~mathref.algebra.chemistry.parse_formula`, so a malformed one fails with the
    caret message; names in ``known`` (custom substances) are taken as they are.

    Examples
    --------
    >>> parse_equation("Fe3+ + e- -> Fe2+")
    (['Fe3+', 'e-'], ['Fe2+'])
    >>> parse_equation("2H2+O2-->2H2O")
    (['H2', 'O2'], ['H2O'])
    >>> parse_equation("N2(g) + 3 H2(g) ⇌ 2 NH3(g)")
    (['N2(g)', 'H2(g)'], ['NH3(g)'])
    """
    if not isinstance(equation, str):
        raise InvalidTypeError(f"equation must be a str, got {type(equation).__name__}")
    parts = _ARROW.split(equation.strip())
    if len(parts) != 2:
        raise InvalidArgumentError(
            f"equation {equation!r} must contain exactly one arrow ('->', '-->', '=', '→', '<=>', '⇌')"
        )
    sides = []
    for part in parts:
        if not part.strip():
            raise InvalidArgumentError(f"equation {equation!r} has an empty side or an empty term")
        terms = _terms(part.strip(), equation)
        for t in terms:
            if not t:
                raise InvalidArgumentError(f"equation {equation!r} has an empty term")
            if t not in known:
                parse_formula(t)  # raise early with the caret message
        sides.append(terms)
    return sides[0], sides[1]
