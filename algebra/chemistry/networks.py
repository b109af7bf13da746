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

import numbers
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathref.algebra.intlinalg import integer_kernel, iter_circuit_batches, left_kernel, rank
from mathref.display import html_table
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from .composition import (
    CompositionMatrix,
    SubstanceMap,
    check_names,
    check_substances,
    composition_matrix,
    species_formula,
)
from .reactions import Reaction

if TYPE_CHECKING:
    import sympy

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


def _species_key(s: str, subst=None) -> tuple:
    f = species_formula(s, subst)
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


def _check_species(species, subst=None) -> list[str]:
    if isinstance(species, str):
        raise InvalidTypeError("species must be a list of formula strings, not one string")
    try:
        names = list(species)
    except TypeError:
        raise InvalidTypeError(f"species must be a list of formula strings, got {type(species).__name__}") from None
    for s in names:
        if not isinstance(s, str):
            raise InvalidTypeError(f"species entries must be formula strings, got {s!r}")
        species_formula(s, subst)
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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    @property
    def dimension(self) -> int:
        """Number of independent reactions = number of species - rank."""
        return len(self.basis)

    def contains(self, reaction: Reaction) -> bool:
        """True when ``reaction`` only uses these species and is balanced."""
        return set(reaction.species) <= set(self.species) and reaction.is_balanced()


def reaction_space(species: Sequence[str]) -> ReactionSpace:
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

    A read-only sequence of :class:`Reaction` in canonical order.  The coefficients are held as one
    compact integer array (``int8``..``int64`` as they fit; Python ints in an object array beyond
    int64); a :class:`Reaction` is built when an item is read, so memory is what the result holds,
    not one Python object per reaction.

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
    coefficient_matrix : numpy.ndarray
        ``(count, len(species))`` signed coefficients (negative = consumed), row ``i`` is reaction ``i``.

    Examples
    --------
    >>> rs = complete_reaction_set(["Fe", "O2", "FeO", "Fe2O3", "Fe3O4"])
    >>> rs.count, rs.complete, rs.rank
    (10, True, 2)
    >>> rs.species, rs.coefficient_matrix[0].tolist()
    (('Fe', 'Fe2O3', 'Fe3O4', 'FeO', 'O2'), [-1, -4, 3, 0, 0])
    """

    def __init__(self, species: Sequence[str], reactions: Iterable[Reaction | Mapping[str, int] | str] | np.ndarray, *,
                 complete: bool, rank: int, elapsed: float, substances: SubstanceMap | None = None) -> None:
        self.species = check_names(species)
        self._subst = substances or None
        if not isinstance(complete, bool | np.bool_):
            raise InvalidTypeError(f"complete={complete!r} must be a bool")
        if isinstance(rank, bool) or not isinstance(rank, numbers.Integral) or rank < 0:
            raise InvalidArgumentError(f"rank={rank!r} must be an int >= 0")
        if isinstance(elapsed, bool) or not isinstance(elapsed, numbers.Real) or not elapsed >= 0:
            raise InvalidArgumentError(f"elapsed={elapsed!r} must be a number of seconds >= 0")
        if isinstance(reactions, np.ndarray):
            if reactions.ndim != 2 or reactions.shape[1] != len(self.species) or reactions.dtype.kind not in "iu":
                raise InvalidArgumentError(f"reactions as an array must be an integer array of shape "
                                           f"(count, {len(self.species)}), got {reactions.dtype} {reactions.shape}")
            self._matrix = reactions
        else:
            index = {s: i for i, s in enumerate(self.species)}
            rows = []
            for r in _as_reactions(reactions):
                row = [0] * len(self.species)
                for k, v in r.coefficients.items():
                    if k not in index:
                        raise InvalidArgumentError(f"reaction {r} uses {k!r}, which is not among the species")
                    row[index[k]] = v
                rows.append(row)
            self._matrix = _compact(rows, len(self.species))
        self.complete = complete
        self.rank = rank
        self.elapsed = elapsed

    @property
    def coefficient_matrix(self) -> np.ndarray:
        m = self._matrix.view()
        m.flags.writeable = False
        return m

    @property
    def count(self) -> int:
        return len(self._matrix)

    def __len__(self) -> int:
        return len(self._matrix)

    def _reaction(self, row) -> Reaction:
        names = self.species
        return Reaction.from_normalized({names[j]: int(v) for j, v in enumerate(row) if v}, self._subst)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._reaction(r) for r in self._matrix[i].tolist()]
        return self._reaction(self._matrix[i].tolist())

    def __iter__(self):
        for start in range(0, len(self._matrix), 4096):
            for row in self._matrix[start : start + 4096].tolist():
                yield self._reaction(row)

    def __eq__(self, other):
        if not isinstance(other, ReactionSet):
            return NotImplemented
        return (self.species == other.species and self.complete == other.complete and self.rank == other.rank
                and self._matrix.shape == other._matrix.shape and bool(np.array_equal(self._matrix, other._matrix)))

    __hash__ = None

    def __repr__(self) -> str:
        flag = "" if self.complete else ", incomplete"
        return f"<ReactionSet: {self.count} reactions among {len(self.species)} species{flag}>"

    def __str__(self) -> str:
        return "\n".join(str(r) for r in self)

    def _repr_html_(self) -> str:
        # notebooks: a table of the first reactions (Unicode formulas), the size in the caption
        flag = "" if self.complete else ", incomplete"
        rows = ((i, r.unicode()) for i, r in enumerate(self))
        return html_table(["#", "reaction"], rows,
                          caption=f"{self.count} reactions among {len(self.species)} species{flag}")

    def network(self) -> ReactionNetwork:
        """The :class:`ReactionNetwork` of these reactions."""
        return reaction_network(list(self), species=self.species)


def _compact(rows, n: int) -> np.ndarray:
    """Rows as the smallest signed integer array that holds them exactly (object dtype beyond int64)."""
    if not len(rows):
        return np.zeros((0, n), dtype=np.int8)
    try:
        a = np.asarray(rows, dtype=np.int64).reshape(len(rows), n)
    except OverflowError:
        return np.array(rows, dtype=object).reshape(len(rows), n)
    return _narrow(a)


def _narrow(a: np.ndarray) -> np.ndarray:
    if a.dtype == object or not a.size:
        return a
    big = int(np.abs(a).max())
    for dt in (np.int8, np.int16, np.int32):
        if big <= np.iinfo(dt).max:
            return a.astype(dt)
    return a


def _canonical_sort(v: np.ndarray) -> np.ndarray:
    """Sort circuits (rows, first non-zero entry positive) into the canonical order of the module Notes.

    Key: number of species, then the support as a sorted index list (lexicographic), then the
    coefficients of the reaction (``-v``) in species order, all by one ``numpy.lexsort``.  Returns the
    signed reaction coefficients ``-v`` in that order.
    """
    n = v.shape[1]
    nz = v != 0
    size = nz.sum(axis=1)
    # the support list compares like the indicator vector with earlier indices weighing more, reversed
    keys = [v[:, j] for j in range(n - 1, -1, -1)]  # -v ascending == v descending; lexsort is ascending
    keys = [-k if v.dtype != object else k for k in keys]
    for start in range(((n - 1) // 62) * 62, -1, -62):
        word = np.zeros(len(v), dtype=np.int64)
        for j in range(start, min(start + 62, n)):
            word |= nz[:, j].astype(np.int64) << (61 - (j - start))
        keys.append(-word)
    keys.append(size)
    if v.dtype == object:
        order = sorted(range(len(v)), key=lambda i: (int(size[i]), [j for j in range(n) if v[i, j]],
                                                     [-v[i, j] for j in range(n) if v[i, j]]))
        return -v[order]
    order = np.lexsort(keys)
    return -v[order]


#: the stored reactions of one complete set may use at most this many bytes (the iterator has no bound)
MAX_RESULT_BYTES = 2 << 30


def complete_reaction_set(species: Sequence[str], *, limit: int | None = None, substances: SubstanceMap | None = None,
                          progress: bool | Callable[[int, float], object] = False,
                          max_bytes: int = MAX_RESULT_BYTES) -> ReactionSet:
    """Every minimal balanced reaction among ``species`` (circuits of the composition matrix).

    Exact: each reaction conserves every element and the charge, has primitive
    integer coefficients (gcd 1) and uses no proper subset that is itself
    balanced.  Every balanced reaction among the species is a rational
    combination of the returned ones.

    Parameters
    ----------
    species : sequence of str
        Formula strings (any order; each once), or names of ``substances``.  They are the keys of the
        returned coefficients, exactly as given.
    limit : int, optional
        Stop after this many reactions (the first in search order); the result then has ``complete=False``.
    substances : mapping, optional
        Custom substances (see :func:`~mathref.algebra.balance`).
    progress : bool or callable
        ``True`` prints the running count to standard error about once a second; a callable is called
        as ``progress(count, seconds)`` after every batch of reactions.
    max_bytes : int
        The result is streamed from the search in batches; when the stored coefficients would pass this
        size (default 2 GiB) a clear error says how many reactions were found so far and names
        ``limit=`` and :func:`iter_complete_reaction_set` (which streams with no bound).

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
    limit = _check_limit(limit)
    report = _progress_reporter(progress, "complete_reaction_set")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidArgumentError(f"max_bytes={max_bytes!r} must be a positive int")
    subst = check_substances(substances)
    names = _check_species(species, subst)
    order = sorted(names, key=lambda s: _species_key(s, subst))
    comp = composition_matrix(order, substances=subst)
    A = comp.to_list() or [[0] * len(order)]
    parts: list[np.ndarray] = []
    total = 0
    stored = 0
    complete = True
    if order and limit != 0:
        for batch in iter_circuit_batches(A, batch_size=1 << 15):
            batch = _narrow(batch)
            if limit is not None and total + len(batch) >= limit:
                batch = batch[: limit - total]
                complete = False
            parts.append(batch)
            total += len(batch)
            stored += batch.nbytes
            if stored > max_bytes:
                raise InvalidArgumentError(
                    f"complete_reaction_set of {len(order)} species passed max_bytes={max_bytes:,} after "
                    f"{total:,} reactions (search not finished); pass limit= for the first reactions, or "
                    "stream them with iter_complete_reaction_set(species) (memory bounded by one reaction)")
            report(total, time.perf_counter() - t0)
            if not complete:
                break
    elif limit == 0 and order:
        complete = False
    if parts:
        dtype = np.result_type(*[p.dtype for p in parts])
        v = np.concatenate([p.astype(dtype, copy=False) for p in parts])
        matrix = _canonical_sort(v)
    else:
        matrix = np.zeros((0, len(order)), dtype=np.int8)
    if limit is not None and total < limit:
        complete = True
    return ReactionSet(order, matrix, complete=complete, rank=comp.rank if comp.entries else 0,
                       elapsed=time.perf_counter() - t0, substances={k: subst[k] for k in order if k in subst})


def _check_limit(limit):
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, numbers.Integral) or limit < 0:
        raise InvalidArgumentError(f"limit={limit!r} must be a non-negative integer or None")
    return int(limit)


def _progress_reporter(progress, what: str):
    if callable(progress):
        return progress
    if progress is True:
        last = [0.0]

        def report(count, seconds):
            if seconds - last[0] >= 1.0:
                last[0] = seconds
                print(f"{what}: {count:,} reactions, {seconds:.1f} s", file=sys.stderr, flush=True)

        return report
    if progress is False or progress is None:
        return lambda count, seconds: None
    raise InvalidArgumentError(f"progress={progress!r} must be a bool or a callable(count, seconds)")


def iter_complete_reaction_set(species: Sequence[str], *,
                               substances: SubstanceMap | None = None) -> Iterator[Reaction]:
    """Stream the minimal balanced reactions one at a time (Python ints, search order).

    Use for very large species sets: take what you need with :func:`itertools.islice`; memory stays
    bounded by one batch of the search.  The set of reactions equals :func:`complete_reaction_set`;
    only the order differs (depth-first order).  The species are checked when this is called.

    Examples
    --------
    >>> from itertools import islice
    >>> [str(r) for r in islice(iter_complete_reaction_set(["C", "O2", "CO", "CO2"]), 2)]
    ['C + CO2 -> 2 CO', '2 C + O2 -> 2 CO']
    """
    subst = check_substances(substances)
    names = _check_species(species, subst)
    order = sorted(names, key=lambda s: _species_key(s, subst))
    A = composition_matrix(order, substances=subst).to_list() or [[0] * len(order)]
    return _stream(order, A, {k: subst[k] for k in order if k in subst} or None)


def _stream(order, A, subst):
    for batch in iter_circuit_batches(A, batch_size=4096):
        for v in batch.tolist():
            yield Reaction.from_normalized({order[i]: -x for i, x in enumerate(v) if x}, subst)


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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def to_sympy(self) -> sympy.Matrix:
        """The stoichiometric matrix as a sympy Matrix (species x reactions)."""
        import sympy

        return sympy.Matrix([list(r) for r in self.stoichiometric_matrix])

    def to_numpy(self) -> np.ndarray:
        """The stoichiometric matrix as an int64 array (species x reactions)."""
        return np.array([list(r) for r in self.stoichiometric_matrix], dtype=np.int64).reshape(
            len(self.species), len(self.reactions))


def reaction_network(reactions: Iterable[Reaction | Mapping[str, int] | str], *,
                     species: Sequence[str] | None = None) -> ReactionNetwork:
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
    if isinstance(reactions, str | bytes | Mapping | Reaction) or not hasattr(reactions, "__iter__"):
        raise InvalidTypeError(f"reactions must be a sequence of Reaction objects or mappings, "
                               f"got {type(reactions).__name__}")
    rx = []
    for r in reactions:
        if isinstance(r, Reaction):
            rx.append(r)
        elif isinstance(r, Mapping):
            rx.append(Reaction(r))
        else:
            raise InvalidTypeError(f"reactions must be Reaction objects or mappings, got {type(r).__name__}")
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
