"""Reaction spaces, complete reaction sets and reaction networks among a list of species.

Everything returned is exact (Python ints, integer lattice bases).

Notes
-----
* :func:`reaction_space` is the integer kernel of the composition matrix: a
  lattice basis of every balanced reaction among the species.
* :func:`complete_reaction_set` returns the circuits of the composition matrix:
  every *minimal* balanced reaction (no balanced reaction uses a proper subset
  of its species), primitive (gcd 1).  This is the complete set of Yilmaz,
  Kozub and Kozub (2025): every balanced reaction among the species is a
  rational combination of them.  Canonical form: species are ordered by
  (Hill formula, charge, phase, string as given); in each reaction the first
  species in that order is consumed.  Reactions are listed by number of
  species, then by their species and coefficients in canonical order, so the
  result does not depend on the order of the input list.
* :func:`reaction_network` analyses given reactions: rank, an independent
  subset, and the conservation laws (the left kernel of the stoichiometric
  matrix).

References: Yilmaz, Kozub, Kozub, "A vector-based algorithm for generating
complete balanced reaction sets with arbitrary numbers of reagents" (2025);
R. Aris, *Elementary Chemical Reactor Analysis* (1969) for stoichiometric
spaces and conservation laws.

Examples
--------
>>> for r in complete_reaction_set(["C", "O2", "CO", "CO2"]):
...     print(r)
C + CO2 -> 2 CO
2 C + O2 -> 2 CO
C + O2 -> CO2
2 CO + O2 -> 2 CO2
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from mathref.algebra.intlinalg import circuits, integer_kernel, iter_circuits, left_kernel, rank
from mathref.errors import InvalidArgumentError

from .composition import CompositionMatrix, composition_matrix
from .formula import parse_formula
from .reactions import Reaction

__all__ = [
    "ReactionSet",
    "ReactionSpace",
    "ReactionNetwork",
    "reaction_space",
    "complete_reaction_set",
    "iter_complete_reaction_set",
    "reaction_network",
    "species_order",
]


def _species_key(s: str) -> tuple:
    f = parse_formula(s)
    return (f.hill, f.charge, f.phase or "", s)


def species_order(species: Iterable[str]) -> list[str]:
    """The canonical species order: (Hill formula, charge, phase, string as given).

    Examples
    --------
    >>> species_order(["O2", "CO2", "C", "CO"])
    ['C', 'CO', 'CO2', 'O2']
    """
    names = _check_species(species)
    return sorted(names, key=_species_key)


def _check_species(species) -> list[str]:
    if isinstance(species, str):
        raise TypeError("species must be a list of formula strings, not one string")
    names = list(species)
    for s in names:
        if not isinstance(s, str):
            raise TypeError(f"species entries must be formula strings, got {s!r}")
        parse_formula(s)
    if len(set(names)) != len(names):
        dup = next(s for s in names if names.count(s) > 1)
        raise InvalidArgumentError(f"species {dup!r} is listed twice; list each species once")
    return names


@dataclass(frozen=True)
class ReactionSpace:
    """All balances of a species list: the integer kernel of its composition matrix.

    Attributes
    ----------
    species : tuple of str
    composition : CompositionMatrix
    rank : int
        Rank of the composition matrix.
    basis : tuple of Reaction
        A lattice basis: every balanced integer reaction is an integer combination.

    Examples
    --------
    >>> sp = reaction_space(["C", "O2", "CO", "CO2"])
    >>> sp.dimension, sp.rank
    (2, 2)
    """

    species: tuple[str, ...]
    composition: CompositionMatrix
    rank: int
    basis: tuple[Reaction, ...]

    @property
    def dimension(self) -> int:
        """Number of independent reactions = number of species - rank."""
        return len(self.basis)

    def contains(self, reaction: Reaction) -> bool:
        """True when ``reaction`` only uses these species and is balanced."""
        return set(reaction.species) <= set(self.species) and reaction.is_balanced()


def reaction_space(species) -> ReactionSpace:
    """The space of balanced reactions among ``species`` (exact integer lattice basis).

    Examples
    --------
    >>> for r in reaction_space(["H2", "O2", "H2O", "H2O2"]).basis:
    ...     print(r)
    H2 + O2 -> H2O2
    H2 + H2O2 -> 2 H2O
    """
    names = _check_species(species)
    comp = composition_matrix(names)
    A = comp.to_list() or [[0] * len(names)]
    basis = []
    for v in integer_kernel(A):
        # reactions read more naturally with a consumed species first
        basis.append(Reaction({s: -x for s, x in zip(names, v) if x}))
    return ReactionSpace(tuple(names), comp, rank(A), tuple(basis))


class ReactionSet(Sequence):
    """The complete set of minimal balanced reactions among a list of species.

    A read-only sequence of :class:`Reaction` in canonical order, with

    Attributes
    ----------
    species : tuple of str
        The species in canonical order (see :func:`species_order`).
    count : int
        Number of reactions returned.
    complete : bool
        False when a ``limit`` cut the enumeration short.
    rank : int
        Rank of the composition matrix.
    elapsed : float
        Seconds spent.

    Examples
    --------
    >>> rs = complete_reaction_set(["Fe", "O2", "FeO", "Fe2O3", "Fe3O4"])
    >>> rs.count, rs.complete, rs.rank
    (10, True, 2)
    """

    def __init__(self, species, reactions, *, complete: bool, rank: int, elapsed: float):
        self.species = tuple(species)
        self._reactions = tuple(reactions)
        self.complete = complete
        self.rank = rank
        self.elapsed = elapsed

    @property
    def count(self) -> int:
        return len(self._reactions)

    def __len__(self) -> int:
        return len(self._reactions)

    def __getitem__(self, i):
        return self._reactions[i]

    def __repr__(self) -> str:
        flag = "" if self.complete else ", incomplete"
        return f"<ReactionSet: {self.count} reactions among {len(self.species)} species{flag}>"

    def __str__(self) -> str:
        return "\n".join(str(r) for r in self._reactions)

    def network(self) -> ReactionNetwork:
        """The :class:`ReactionNetwork` of these reactions."""
        return reaction_network(self._reactions, species=self.species)


def _canonical_reaction(order: list[str], v: list[int]) -> tuple[tuple, Reaction]:
    # primitive v has first entry positive; the first species in canonical order is consumed
    support = [i for i, x in enumerate(v) if x]
    key = (len(support), support, [-v[i] for i in support])
    return key, Reaction.from_normalized({order[i]: -v[i] for i in support})


def complete_reaction_set(species, *, limit: int | None = None) -> ReactionSet:
    """Every minimal balanced reaction among ``species`` (circuits of the composition matrix).

    Exact: each reaction conserves every element and the charge, has primitive
    integer coefficients (gcd 1) and uses no proper subset that is itself
    balanced.  Every balanced reaction among the species is a rational
    combination of the returned ones.

    Parameters
    ----------
    species : sequence of str
        Formula strings (any order; each once).  They are the keys of the
        returned coefficients, exactly as given.
    limit : int, optional
        Stop after this many reactions; the result then has ``complete=False``.

    Returns
    -------
    ReactionSet
        Deterministic, input-order invariant canonical order (module Notes).
        Empty when no balanced reaction exists.

    Examples
    --------
    >>> for r in complete_reaction_set(["Fe", "O2", "FeO", "Fe2O3", "Fe3O4"])[:3]:
    ...     print(r)
    Fe + 4 Fe2O3 -> 3 Fe3O4
    Fe + Fe2O3 -> 3 FeO
    4 Fe + 3 O2 -> 2 Fe2O3
    """
    t0 = time.perf_counter()
    names = _check_species(species)
    order = sorted(names, key=_species_key)
    comp = composition_matrix(order)
    A = comp.to_list() or [[0] * len(order)]
    vecs = circuits(A, limit=limit) if order else []
    complete = limit is None or len(vecs) < limit
    keyed = sorted((_canonical_reaction(order, v) for v in vecs), key=lambda kr: kr[0])
    return ReactionSet(order, [r for _, r in keyed], complete=complete, rank=rank(A),
                       elapsed=time.perf_counter() - t0)


def iter_complete_reaction_set(species) -> Iterator[Reaction]:
    """Stream the minimal balanced reactions one at a time (Python ints, search order).

    Use for very large species sets: take what you need with
    :func:`itertools.islice`.  The set of reactions equals
    :func:`complete_reaction_set`; only the order differs (depth-first order).

    Examples
    --------
    >>> from itertools import islice
    >>> [str(r) for r in islice(iter_complete_reaction_set(["C", "O2", "CO", "CO2"]), 2)]
    ['C + CO2 -> 2 CO', '2 C + O2 -> 2 CO']
    """
    names = _check_species(species)
    order = sorted(names, key=_species_key)
    A = composition_matrix(order).to_list() or [[0] * len(order)]
    for v in iter_circuits(A):
        yield _canonical_reaction(order, v)[1]


@dataclass(frozen=True)
class ReactionNetwork:
    """Stoichiometric analysis of a list of reactions: independent reactions and conservation laws.

    Attributes
    ----------
    species : tuple of str
    reactions : tuple of Reaction
    stoichiometric_matrix : tuple of tuple of int
        ``N[i][j]`` = coefficient of species i in reaction j.
    rank : int
        Number of independent reactions.
    independent : tuple of int
        Indices of a maximal independent subset (greedy, first come first kept).
    conservation_laws : tuple of dict
        A lattice basis of {y : y^T N = 0}: species weights conserved by every reaction.

    Examples
    --------
    >>> net = complete_reaction_set(["C", "O2", "CO", "CO2"]).network()
    >>> net.rank, net.independent
    (2, (0, 1))
    >>> net.conservation_laws
    ({'C': 1, 'CO': 1, 'CO2': 1}, {'C': 1, 'CO2': -1, 'O2': -2})
    """

    species: tuple[str, ...]
    reactions: tuple[Reaction, ...]
    stoichiometric_matrix: tuple[tuple[int, ...], ...]
    rank: int
    independent: tuple[int, ...]
    conservation_laws: tuple[dict, ...]

    def to_sympy(self):
        """The stoichiometric matrix as a sympy Matrix (species x reactions)."""
        import sympy

        return sympy.Matrix([list(r) for r in self.stoichiometric_matrix])

    def to_numpy(self) -> np.ndarray:
        """The stoichiometric matrix as an int64 array (species x reactions)."""
        return np.array([list(r) for r in self.stoichiometric_matrix], dtype=np.int64).reshape(
            len(self.species), len(self.reactions))


def reaction_network(reactions, *, species=None) -> ReactionNetwork:
    """Analyse a list of reactions: rank, independent subset, conservation laws (exact).

    Parameters
    ----------
    reactions : iterable of Reaction (or mappings / equation strings already balanced)
    species : sequence of str, optional
        Row order; default: first appearance.

    Examples
    --------
    >>> rs = [Reaction({"A": -1, "B": 1}), Reaction({"B": -1, "C": 1}), Reaction({"A": -1, "C": 1})]
    >>> net = reaction_network(rs)
    >>> net.rank, net.independent, net.conservation_laws
    (2, (0, 1), ({'A': 1, 'B': 1, 'C': 1},))
    """
    rx = _as_reactions(reactions)
    names = _row_species(rx, species)
    coefficients = [r.coefficients for r in rx]
    N = [[c.get(s, 0) for c in coefficients] for s in names]
    independent = _independent_columns(N)
    return ReactionNetwork(tuple(names), tuple(rx), tuple(tuple(r) for r in N), len(independent),
                           tuple(independent), _conservation_laws(N, names))


def _as_reactions(reactions) -> list[Reaction]:
    rx = []
    for r in reactions:
        if isinstance(r, Reaction):
            rx.append(r)
        elif isinstance(r, Mapping):
            rx.append(Reaction(r))
        else:
            raise TypeError(f"reactions must be Reaction objects or mappings, got {type(r).__name__}")
    return rx


def _row_species(rx: list[Reaction], species) -> list[str]:
    """The given species order (checked to cover every reaction), or the order of first appearance."""
    if species is None:
        seen: dict[str, None] = {}
        for r in rx:
            for s in r.species:
                seen.setdefault(s, None)
        return list(seen)
    names = list(species)
    missing = {s for r in rx for s in r.species} - set(names)
    if missing:
        raise InvalidArgumentError(f"species list lacks {sorted(missing)}")
    return names


def _independent_columns(N: list[list[int]]) -> list[int]:
    """A maximal independent set of columns of ``N``, greedy in column order (first come, first kept)."""
    ncols = len(N[0]) if N else 0
    independent: list[int] = []
    current = 0
    for j in range(ncols):
        cols = independent + [j]
        rk = rank([[row[c] for c in cols] for row in N])
        if rk > current:
            independent.append(j)
            current = rk
    return independent


def _conservation_laws(N: list[list[int]], names: list[str]) -> tuple[dict, ...]:
    """Species weights conserved by every reaction: a lattice basis of ``{y : y^T N = 0}``."""
    if not names:
        return ()
    if N and N[0]:
        basis = left_kernel(N)
    else:  # no reactions: every species is conserved on its own
        basis = [[int(i == k) for i in range(len(names))] for k in range(len(names))]
    return tuple({s: x for s, x in zip(names, y) if x} for y in basis)
