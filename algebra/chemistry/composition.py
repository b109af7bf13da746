"""Composition matrices: element counts (and charge) of a list of species, exact ints.

A reaction among species s_1..s_n is an integer vector ν with ``A ν = 0``, A the
composition matrix built here (one row per element, plus a charge row when any
species is charged).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

import numpy as np

from mathref.algebra.intlinalg import rank
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from .formula import Formula, parse_formula

if TYPE_CHECKING:
    import sympy

__all__ = ["CompositionMatrix", "composition_matrix", "species_formula", "check_substances", "check_names"]

#: What a ``substances=`` argument holds: names -> Formula, composition dict (optional ``"charge"``) or formula string.
SubstanceMap = Mapping[str, Union[Formula, Mapping[str, int], str]]


def check_names(names: Iterable[str], argument: str = "species") -> tuple[str, ...]:
    """Validate a sequence of species names (formula strings or ``substances=`` keys) given as ``argument``.

    One string is refused (it would be read letter by letter), as is anything that is not a
    finite iterable of strings.

    >>> check_names(["H2", "O2"])
    ('H2', 'O2')
    >>> check_names("H2O")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: species must be a sequence of formula strings, not one string
    """
    if isinstance(names, str):
        raise InvalidTypeError(f"{argument} must be a sequence of formula strings, not one string")
    if isinstance(names, bytes | Mapping) or not hasattr(names, "__iter__"):
        raise InvalidTypeError(f"{argument} must be a sequence of formula strings, got {type(names).__name__}")
    out = tuple(names)
    for s in out:
        if not isinstance(s, str):
            raise InvalidTypeError(f"{argument} entries must be formula strings, got {s!r}")
    return out


def check_substances(substances: SubstanceMap | None) -> dict[str, Formula]:
    """Validate a ``substances=`` mapping (user name -> Formula, composition dict or formula string).

    >>> check_substances({"glucose": {"C": 6, "H": 12, "O": 6}})["glucose"].hill
    'C6H12O6'
    """
    if substances is None:
        return {}
    if not isinstance(substances, Mapping):
        raise InvalidTypeError(f"substances must be a mapping from names to formulas, got {type(substances).__name__}")
    out = {}
    for name, v in substances.items():
        if not isinstance(name, str):
            raise InvalidTypeError(f"substance names must be str, got {name!r}")
        if isinstance(v, Formula):
            out[name] = v
        elif isinstance(v, str):
            out[name] = parse_formula(v)
        elif isinstance(v, Mapping):
            counts = dict(v)
            charge = counts.pop("charge", 0)
            out[name] = Formula.from_counts(counts, charge, name=name)
        else:
            raise InvalidTypeError(f"substance {name!r} must be a Formula, a composition dict or a formula string, "
                            f"got {type(v).__name__}")
    return out


def species_formula(name: str, substances: Mapping[str, Formula] | None = None) -> Formula:
    """The formula of a species: the user's substance of that name, else the name parsed as a formula."""
    if substances is not None and not isinstance(substances, Mapping):
        raise InvalidTypeError(f"substances={substances!r} must be a mapping of species names to formulas, or None")
    if substances and name in substances:
        return substances[name]
    return parse_formula(name)


@dataclass(frozen=True)
class CompositionMatrix:
    """Element-by-species matrix (plus a charge row when any species is charged), exact ints.

    Attributes
    ----------
    rows : tuple of str
        Element symbols in alphabetical order, then ``"charge"`` if present.
    species : tuple of str
        Column labels, the species strings as given.
    entries : tuple of tuple of int
        ``entries[i][j]`` = count of element ``rows[i]`` in species ``j`` (or its charge).

    Examples
    --------
    >>> M = composition_matrix(["MnO4-", "H+", "H2O"])
    >>> M.rows
    ('H', 'Mn', 'O', 'charge')
    >>> M.to_sympy()
    Matrix([
    [ 0, 1, 2],
    [ 1, 0, 0],
    [ 4, 0, 1],
    [-1, 1, 0]])
    """

    rows: tuple[str, ...]
    species: tuple[str, ...]
    entries: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def to_list(self) -> list[list[int]]:
        """Entries as a list of rows of ints."""
        return [list(r) for r in self.entries]

    def to_sympy(self) -> sympy.Matrix:
        """Entries as an immutable-valued ``sympy.Matrix``."""
        import sympy

        return sympy.Matrix(self.to_list())

    def to_numpy(self) -> np.ndarray:
        """Entries as an int64 array (object dtype if an entry does not fit)."""
        try:
            return np.array(self.to_list(), dtype=np.int64).reshape(len(self.rows), len(self.species))
        except OverflowError:
            return np.array(self.to_list(), dtype=object)

    @property
    def rank(self) -> int:
        """Exact rank."""
        return rank(self.to_list()) if self.entries else 0


def composition_matrix(species: Sequence[str], *, substances: SubstanceMap | None = None,
                       isotopes: Literal["merge", "distinct"] = "merge") -> CompositionMatrix:
    """Composition matrix of a list of species formulas (see :mod:`mathref.algebra.chemistry.formula`).

    Phase tags are ignored; the electron ``e-`` has only a charge entry.  ``substances`` maps names
    to custom compositions (see :func:`check_substances`); ``isotopes="distinct"`` gives each
    nuclide (``[2H]``, ``[13C]``) its own row instead of merging it into its element.  Formulas with
    decimal subscripts are refused (the matrix is integer).

    Examples
    --------
    >>> composition_matrix(["C", "O2", "CO", "CO2"]).entries
    ((1, 0, 1, 1), (0, 2, 1, 2))
    """
    names = check_names(species)
    if isotopes not in ("merge", "distinct"):
        raise InvalidArgumentError(f"isotopes={isotopes!r} must be 'merge' or 'distinct'")
    subst = check_substances(substances)
    forms = [species_formula(s, subst) for s in names]
    counts = []
    for f in forms:
        f.integer_counts(what="a composition matrix")
        counts.append(dict((f.nuclides or f.composition) if isotopes == "distinct" else f.composition))
    elements = sorted({e for c in counts for e in c})
    entries = [tuple(c.get(e, 0) for c in counts) for e in elements]
    rows = list(elements)
    if any(f.charge for f in forms):
        entries.append(tuple(f.charge for f in forms))
        rows.append("charge")
    return CompositionMatrix(tuple(rows), names, tuple(entries))
