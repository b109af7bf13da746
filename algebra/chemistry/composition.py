"""Composition matrices: element counts (and charge) of a list of species, exact ints.

A reaction among species s_1..s_n is an integer vector ν with ``A ν = 0``, A the
composition matrix built here (one row per element, plus a charge row when any
species is charged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathref.algebra.intlinalg import rank

from .formula import parse_formula

__all__ = ["CompositionMatrix", "composition_matrix"]


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

    def to_list(self) -> list[list[int]]:
        """Entries as a list of rows of ints."""
        return [list(r) for r in self.entries]

    def to_sympy(self):
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


def composition_matrix(species) -> CompositionMatrix:
    """Composition matrix of a list of species formulas (see :mod:`mathref.algebra.chemistry.formula`).

    Phase tags are ignored; the electron ``e-`` has only a charge entry.

    Examples
    --------
    >>> composition_matrix(["C", "O2", "CO", "CO2"]).entries
    ((1, 0, 1, 1), (0, 2, 1, 2))
    """
    if isinstance(species, str):
        raise TypeError("species must be a sequence of formula strings, not one string")
    names = tuple(species)
    for s in names:
        if not isinstance(s, str):
            raise TypeError(f"species entries must be formula strings, got {s!r}")
    forms = [parse_formula(s) for s in names]
    elements = sorted({e for f in forms for e, _ in f.composition})
    entries = [tuple(f.count(e) for f in forms) for e in elements]
    rows = list(elements)
    if any(f.charge for f in forms):
        entries.append(tuple(f.charge for f in forms))
        rows.append("charge")
    return CompositionMatrix(tuple(rows), names, tuple(entries))
