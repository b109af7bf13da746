"""Hypothesis strategies for chemical formulas and species sets.

Every formula drawn parses with :func:`mathref.algebra.parse_formula`; every species
set is a list of distinct formula strings, ready for
:func:`mathref.algebra.complete_reaction_set` or :func:`mathref.algebra.reaction_space`.
Bounds are keyword-only and validated when the strategy is built.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from mathref.algebra.chemistry import ELEMENTS
from mathref.errors import InvalidArgumentError

__all__ = ["element_symbols", "formulas", "ions", "species_sets"]


def _check_elements(elements) -> tuple[str, ...]:
    els = tuple(elements)
    if not els:
        raise InvalidArgumentError("elements must name at least one element symbol")
    bad = [e for e in els if e not in ELEMENTS]
    if bad:
        raise InvalidArgumentError(f"elements contains unknown symbols {bad}")
    if len(set(els)) != len(els):
        raise InvalidArgumentError("elements must not repeat a symbol")
    return els


def _check_positive(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(f"{name}={value!r} must be a positive int")
    return value


def element_symbols(*, elements: Sequence[str] = ELEMENTS) -> st.SearchStrategy[str]:
    """One element symbol from ``elements`` (default: all 118).

    >>> element_symbols(elements=["Fe"]).example()
    'Fe'
    """
    return st.sampled_from(_check_elements(elements))


def _render(parts) -> str:
    out = []
    for sym, n in parts:
        out.append(sym + (str(n) if n > 1 else ""))
    return "".join(out)


@st.composite
def _formula(draw, els, max_count, max_elements, groups, hydrates):
    k = draw(st.integers(1, min(max_elements, len(els))))
    chosen = draw(st.lists(st.sampled_from(els), min_size=k, max_size=k, unique=True))
    parts = [(e, draw(st.integers(1, max_count))) for e in chosen]
    body = _render(parts)
    if groups and len(parts) >= 2 and draw(st.booleans()):
        # move the last two parts into a bracketed group with a multiplier
        split = len(parts) - 2
        open_, close = draw(st.sampled_from([("(", ")"), ("[", "]")]))
        inner = _render(parts[split:])
        mult = draw(st.integers(2, 3))
        body = _render(parts[:split]) + open_ + inner + close + str(mult)
    if hydrates and draw(st.booleans()):
        joiner = draw(st.sampled_from(["·", "*"]))
        body += joiner + str(draw(st.integers(2, 6))) + "H2O"
    return body


def formulas(*, elements: Sequence[str] = ("C", "H", "O"), max_count: int = 4, max_elements: int = 3,
             groups: bool = True, hydrates: bool = False) -> st.SearchStrategy[str]:
    """Neutral formula strings over ``elements``, with optional groups and hydrate water.

    Parameters
    ----------
    elements : sequence of str
    max_count : int
        Largest subscript of one element.
    max_elements : int
        Largest number of distinct elements in the formula (hydrate water aside).
    groups : bool
        Sometimes wrap the last two elements in ``(...)n`` or ``[...]n``.
    hydrates : bool
        Sometimes append ``·nH2O`` or ``*nH2O``.

    >>> from mathref.algebra import parse_formula
    >>> parse_formula(formulas(elements=["Na", "Cl"]).example()).charge
    0
    """
    els = _check_elements(elements)
    _check_positive("max_count", max_count)
    _check_positive("max_elements", max_elements)
    return _formula(els, max_count, max_elements, bool(groups), bool(hydrates))


@st.composite
def _ion(draw, els, max_count, max_charge):
    body = draw(_formula(els, max_count, 2, False, False))
    q = draw(st.integers(1, max_charge))
    sign = draw(st.sampled_from("+-"))
    style = draw(st.integers(0, 3))
    if style == 0:
        return body + "^" + (str(q) if q > 1 else "") + sign
    if style == 1:
        return body + "^{" + (str(q) if q > 1 else "") + sign + "}"
    if style == 2 and not (q == 1 and body[-1].isdigit()):
        # "Fe3-" would read as Fe with charge 3-, so that spelling is only used when unambiguous
        return body + sign + (str(q) if q > 1 else "")
    return body + "^" + sign + (str(q) if q > 1 else "")


def ions(*, elements: Sequence[str] = ("Fe", "Mn", "O", "H"), max_count: int = 4,
         max_charge: int = 3) -> st.SearchStrategy[str]:
    """Charged formula strings in the various charge spellings (``^2-``, ``^{3+}``, ``+3``).

    >>> from mathref.algebra import parse_formula
    >>> parse_formula(ions().example()).charge != 0
    True
    """
    els = _check_elements(elements)
    _check_positive("max_count", max_count)
    _check_positive("max_charge", max_charge)
    return _ion(els, max_count, max_charge)


def species_sets(*, elements: Sequence[str] = ("C", "H", "O"), min_size: int = 2, max_size: int = 8,
                 charged: bool = False, max_count: int = 4) -> st.SearchStrategy[list[str]]:
    """Lists of distinct species formula strings over ``elements``.

    With ``charged=True`` some species are ions and ``e-`` may appear.

    >>> s = species_sets(min_size=3, max_size=3).example()
    >>> len(s) == len(set(s)) == 3
    True
    """
    els = _check_elements(elements)
    _check_positive("min_size", min_size)
    _check_positive("max_size", max_size)
    if min_size > max_size:
        raise InvalidArgumentError(f"min_size={min_size} must be <= max_size={max_size}")
    one = formulas(elements=els, max_count=max_count, groups=True)
    if charged:
        one = st.one_of(one, ions(elements=els, max_count=max_count), st.just("e-"))
    return st.lists(one, min_size=min_size, max_size=max_size, unique=True)
