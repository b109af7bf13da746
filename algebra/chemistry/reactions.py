"""Balanced chemical reactions as integer vectors: the reaction type and balancing an equation.

Everything returned is exact: coefficients are Python ints, balances are checked
with integer arithmetic before they are returned, and no answer is ever
fractional or parametric.  Impossible input raises :class:`NotBalanceableError`
(a ``ValueError``) naming the element or the charge that cannot be conserved.

Notes
-----
A reaction among species s_1..s_n is an integer vector ν with ``A ν = 0``, A
the composition matrix (one row per element, plus a charge row when any species
is charged; see :func:`mathref.algebra.chemistry.composition.composition_matrix`).
Sign convention: ν_i < 0 for consumed species (reactants), ν_i > 0 for produced
ones.

:func:`balance` fixes the sides as written.  A one-dimensional solution space
gives the unique balance in lowest whole numbers.  Otherwise the *canonical
balance* is the integer solution with every coefficient ≥ 1 and the smallest
total coefficient sum; ties are broken by taking the lexicographically smallest
coefficient list in the written order (reactants, then products).  It is found
by :func:`mathref.algebra.intlinalg.min_sum_solution`: exactly on integer
lattices when the solutions form a lattice of rank 2 or 3 (the common cases),
else with ``scipy.optimize.milp`` and an exact tie-break, every answer checked
with integers before it is returned.  Same objective as chempy's
``balance_stoichiometry(..., underdetermined=None)``.

Examples
--------
>>> print(balance("KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2"))
2 KMnO4 + 16 HCl -> 2 KCl + 2 MnCl2 + 8 H2O + 5 Cl2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from itertools import combinations
from math import gcd
from typing import TYPE_CHECKING

import numpy as np

from mathref.algebra.intlinalg import integer_kernel, min_sum_solution, rational_kernel
from mathref.algebra.intlinalg.exact_lp import is_feasible
from mathref.errors import InvalidArgumentError, InvalidTypeError

from .composition import (
    CompositionMatrix,
    SubstanceMap,
    check_names,
    check_substances,
    composition_matrix,
    species_formula,
)
from .equations import parse_equation
from .formula import Formula

if TYPE_CHECKING:
    import chempy
    import sympy

__all__ = ["NotBalanceableError", "Reaction", "balance", "diagnose_unbalanceable", "signed_composition"]


class NotBalanceableError(InvalidArgumentError):
    """No balance exists: mass or charge cannot be conserved, or not with the sides as written.

    Attributes
    ----------
    kind : str
        ``"mass"``: an element cannot be conserved whatever the sides (``obstacle`` names it);
        ``"charge"``: the charge cannot be conserved together with the elements (``obstacle`` is
        ``"charge"``); ``"sides"``: balances exist, but only with a species on the other side
        (``obstacle`` names the species; ``balance(..., switch_sides=True)`` returns it);
        ``"redox"``: a half-reaction or redox skeleton has no electron transfer (``obstacle`` None).
    obstacle : str or None
        The element symbol, ``"charge"``, or the species that blocks the balance.
    species : tuple of str
        The species that can take part in no balance (``"mass"``/``"charge"``), or that must move
        (``"sides"``).

    Examples
    --------
    >>> try:
    ...     balance("H2 + O2 -> H2O + N2")
    ... except NotBalanceableError as err:
    ...     print(err.kind, err.obstacle)
    mass N
    >>> try:
    ...     balance("H2 + H2O -> H2O2")
    ... except NotBalanceableError as err:
    ...     print(err.kind, err.obstacle)
    sides H2
    """

    def __init__(self, message: str, *, kind: str, obstacle: str | None, species: tuple = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.obstacle = obstacle
        self.species = tuple(species)

    def __reduce__(self):
        return (_rebuild_error, (str(self), self.kind, self.obstacle, self.species))

    def __eq__(self, other):
        if not isinstance(other, NotBalanceableError):
            return NotImplemented
        return (str(self), self.kind, self.obstacle, self.species) == (
            str(other), other.kind, other.obstacle, other.species)

    __hash__ = Exception.__hash__


def _rebuild_error(message, kind, obstacle, species):
    return NotBalanceableError(message, kind=kind, obstacle=obstacle, species=species)


# --------------------------------------------------------------------- Reaction
def _fmt_coeff(c: int) -> str:
    return "" if c == 1 else f"{c} "


_ARROW_TEXT = {"text": " -> ", "unicode": " → ", "html": " &rarr; ", "latex": r" \longrightarrow "}


class Reaction:
    """A chemical reaction with exact integer coefficients.

    Parameters
    ----------
    coefficients : mapping str -> int
        Species (formula strings as given, or names of ``substances``) to signed coefficients:
        negative for consumed, positive for produced.  Zero entries are dropped.
    substances : mapping, optional
        Custom substances: name -> :class:`Formula`, composition dict or formula string.

    Attributes
    ----------
    coefficients : dict
        A copy of the signed coefficients (insertion order kept).
    unique : bool
        False when other, chemically distinct balances of the same species exist (they are listed
        in :attr:`alternatives`); True for a balance that is unique up to scale.
    alternatives : tuple of Reaction
        When not unique: independent balances spanning every balance of the species (for
        :func:`balance`), or the other electron-transfer balances (for ``balance_redox``).
    switched : tuple of str
        Species that the balance moved to the other side (only with ``switch_sides=True``).
    notes : tuple of str
        Plain-language remarks on how the result was chosen.

    Equality and hashing use the coefficients only.

    Examples
    --------
    >>> r = Reaction({"H2": -2, "O2": -1, "H2O": 2})
    >>> print(r), r.is_balanced()
    2 H2 + O2 -> 2 H2O
    (None, True)
    >>> r.reactants, r.products
    ({'H2': 2, 'O2': 1}, {'H2O': 2})
    >>> r.to_numpy()
    array([-2, -1,  2])
    >>> r.unicode()
    '2 H₂ + O₂ → 2 H₂O'
    """

    __slots__ = ("_c", "_subst", "_info")

    def __init__(self, coefficients: Mapping[str, int], *, substances: SubstanceMap | None = None) -> None:
        if not isinstance(coefficients, Mapping):
            raise InvalidTypeError(f"coefficients must be a mapping from species to ints, "
                                   f"got {type(coefficients).__name__}")
        c = {}
        for k, v in dict(coefficients).items():
            if not isinstance(k, str):
                raise InvalidTypeError(f"species must be formula strings, got {k!r}")
            if type(v) is int:
                if v:
                    c[k] = v
                continue
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise InvalidTypeError(f"coefficient of {k!r} must be an int, got {v!r}")
            if v:
                c[k] = int(v)
        self._c = c
        subst = check_substances(substances)
        self._subst = {k: subst[k] for k in c if k in subst} or None
        self._info = None

    @classmethod
    def from_normalized(cls, coefficients: dict[str, int], substances: dict[str, Formula] | None = None) -> Reaction:
        """Build from a dict of species strings to non-zero Python ints, without checks.

        The fast path for code that has just computed the coefficients (the
        complete-set enumeration does); the dict is taken over, not copied.
        Anything else should call ``Reaction(coefficients)``, which checks.

        >>> print(Reaction.from_normalized({"C": -1, "O2": -1, "CO2": 1}))
        C + O2 -> CO2
        """
        r = cls.__new__(cls)
        r._c = coefficients
        r._subst = substances
        r._info = None
        return r

    def with_info(self, **info: object) -> Reaction:
        """Attach result information (unique, alternatives, switched, notes, half_reactions); returns self."""
        self._info = {**(self._info or {}), **info}
        return self

    def __getstate__(self):
        return (self._c, self._subst, self._info)

    def __setstate__(self, state):
        self._c, self._subst, self._info = state

    @property
    def coefficients(self) -> dict[str, int]:
        return dict(self._c)

    @property
    def species(self) -> tuple[str, ...]:
        return tuple(self._c)

    @property
    def substances(self) -> dict[str, Formula]:
        """The custom substances this reaction uses (name -> Formula)."""
        return dict(self._subst or {})

    @property
    def unique(self) -> bool:
        return (self._info or {}).get("unique", True)

    @property
    def alternatives(self) -> tuple[Reaction, ...]:
        return tuple((self._info or {}).get("alternatives", ()))

    @property
    def switched(self) -> tuple[str, ...]:
        return tuple((self._info or {}).get("switched", ()))

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple((self._info or {}).get("notes", ()))

    @property
    def half_reactions(self) -> tuple[Reaction, ...]:
        """For ``balance_redox`` results: the half-reactions that were combined (else empty)."""
        return tuple((self._info or {}).get("half_reactions", ()))

    @property
    def reactants(self) -> dict[str, int]:
        """Consumed species with positive stoichiometric numbers."""
        return {k: -v for k, v in self._c.items() if v < 0}

    @property
    def products(self) -> dict[str, int]:
        """Produced species with positive stoichiometric numbers."""
        return {k: v for k, v in self._c.items() if v > 0}

    def formula(self, species: str) -> Formula:
        """The :class:`Formula` of one species (its custom substance, or the name parsed)."""
        return species_formula(species, self._subst)

    def _render(self, style: str) -> str:
        def name(k):
            if style == "text":
                return k
            f = self.formula(k)
            return getattr(f, style)()

        sep = {"latex": r"\,"}.get(style, " ")

        def side(d):
            return " + ".join(("" if v == 1 else f"{v}{sep}") + name(k) for k, v in d.items())

        return side(self.reactants) + _ARROW_TEXT[style] + side(self.products)

    def __str__(self) -> str:
        return self._render("text")

    def latex(self) -> str:
        r"""LaTeX (math mode), e.g. ``2\,\mathrm{H_{2}} + \mathrm{O_{2}} \longrightarrow 2\,\mathrm{H_{2}O}``."""
        return self._render("latex")

    def unicode(self) -> str:
        """Unicode text with sub- and superscripts and an arrow ``→``."""
        return self._render("unicode")

    def html(self) -> str:
        """HTML with ``<sub>``/``<sup>`` and ``&rarr;``."""
        return self._render("html")

    def __repr__(self) -> str:
        return f"Reaction({self._c!r})"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Reaction):
            return NotImplemented
        return self._c == other._c

    def __hash__(self) -> int:
        return hash(frozenset(self._c.items()))

    def __neg__(self) -> Reaction:
        return Reaction.from_normalized({k: -v for k, v in self._c.items()}, self._subst)

    def __len__(self) -> int:
        return len(self._c)

    def is_primitive(self) -> bool:
        """True when the coefficients have gcd 1."""
        g = 0
        for v in self._c.values():
            g = gcd(g, v)
        return g == 1

    def imbalance(self) -> dict[str, int]:
        """Net amount of each element (and ``"charge"``) produced; all zero when balanced."""
        net: dict[str, int] = {}
        q = 0
        for k, v in self._c.items():
            f = self.formula(k)
            for e, n in f.composition:
                net[e] = net.get(e, 0) + v * n
            q += v * f.charge
        out = {e: x for e, x in sorted(net.items()) if x}
        if q:
            out["charge"] = q
        return out

    def is_balanced(self) -> bool:
        """True when every element and the charge are conserved (exact integer check)."""
        return not self.imbalance()

    def masses(self, species: str, mass: int | float | Fraction | str) -> dict[str, Fraction] | dict[str, float]:
        """Masses of every species that react with ``mass`` grams of ``species`` (exact for exact input).

        ``mass`` may be an int, Fraction or decimal string (exact) or a float (float result).  Molar masses
        are those of :mod:`~mathref.algebra.chemistry.atomic_weights`.

        >>> r = balance("H2 + O2 -> H2O")
        >>> {k: round(float(v), 3) for k, v in r.masses("H2", 4).items()}
        {'H2': 4.0, 'O2': 31.744, 'H2O': 35.744}
        """
        from fractions import Fraction

        if species not in self._c:
            raise InvalidArgumentError(f"species={species!r} is not in the reaction {self}")
        if isinstance(mass, str):
            mass = Fraction(mass)
        if isinstance(mass, bool) or not isinstance(mass, (int, float, Fraction)):
            raise InvalidTypeError(f"mass must be a number, got {mass!r}")
        if mass < 0:
            raise InvalidArgumentError(f"mass={mass!r} must be >= 0")
        amount = Fraction(mass) / self.formula(species).molar_mass() / abs(self._c[species])
        out = {k: amount * abs(v) * self.formula(k).molar_mass() for k, v in self._c.items()}
        if isinstance(mass, float):
            return {k: float(v) for k, v in out.items()}
        return out

    def to_sympy(self) -> sympy.Matrix:
        """Coefficients as a sympy column Matrix, in :attr:`species` order."""
        import sympy

        return sympy.Matrix(list(self._c.values()))

    def to_numpy(self) -> np.ndarray:
        """Coefficients as an int64 array in :attr:`species` order (object dtype if too large)."""
        vals = list(self._c.values())
        try:
            return np.array(vals, dtype=np.int64)
        except OverflowError:
            return np.array(vals, dtype=object)

    def to_chempy(self) -> chempy.Reaction:
        """A ``chempy.Reaction`` with the same stoichiometry (needs chempy).

        >>> import pytest; chempy = pytest.importorskip("chempy")
        >>> dict(balance("H2 + O2 -> H2O").to_chempy().reac)
        {'H2': 2, 'O2': 1}
        """
        import chempy

        return chempy.Reaction(self.reactants, self.products)

    @classmethod
    def from_chempy(cls, reaction: chempy.Reaction, *, substances: SubstanceMap | None = None) -> Reaction:
        """The reaction of a ``chempy.Reaction`` (net coefficients; a species on both sides is netted)."""
        net: dict[str, int] = {}
        for k, v in reaction.reac.items():
            net[k] = net.get(k, 0) - int(v)
        for k, v in reaction.prod.items():
            net[k] = net.get(k, 0) + int(v)
        return cls(net, substances=substances)

    def composition_matrix(self) -> CompositionMatrix:
        """:func:`~mathref.algebra.composition_matrix` of the species of this reaction."""
        return composition_matrix(self.species, substances=self._subst)


# ------------------------------------------------------------------ diagnosis
def _composition_rows(names, subst) -> list[tuple[str, list[int]]]:
    forms = [species_formula(s, subst) for s in names]
    for f in forms:
        f.integer_counts(what="balancing")
    elements = sorted({e for f in forms for e, _ in f.composition})
    rows = [(e, [f.count(e) for f in forms]) for e in elements]
    if any(f.charge for f in forms):
        rows.append(("charge", [f.charge for f in forms]))
    return rows


def _covered(rows: list[list[int]], n: int) -> set[int]:
    """Species that take part in at least one balance (union of the supports of a kernel basis)."""
    if not rows:
        return set(range(n))
    return {i for v in rational_kernel(rows) for i, x in enumerate(v) if x}


def _side_word(sign: int) -> str:
    return {-1: "reactant", 1: "product", 0: "species on either side"}[sign]


def diagnose_unbalanceable(names: list[str], signs: list[int], *,
                           substances: SubstanceMap | None = None) -> NotBalanceableError:
    """Explain why no balance with every coefficient ≥ 1 on its written side exists, as the error to raise.

    ``names`` are the species, ``signs`` -1 for the reactants, +1 for the products (0 for a species
    that may stand on either side).  Each diagnosis is proved exactly:

    * ``kind="mass"``: adding the rows of the elements one at a time (alphabetical), the named element
      is the first after which some species can take part in *no* balance, whatever the sides;
    * ``kind="charge"``: the elements allow every species, the charge row does not;
    * ``kind="sides"``: balances using every species exist, but not with the written sides; the
      error names a smallest set of species whose move makes a balance (exact LP feasibility); or
      some species can take part in no balance (none of its elements appears only in it) while the
      others balance with their written sides: the error names the superfluous species.

    Examples
    --------
    >>> err = diagnose_unbalanceable(["H2", "O2", "H2O", "N2"], [-1, -1, 1, 1])
    >>> err.kind, err.obstacle
    ('mass', 'N')
    >>> err = diagnose_unbalanceable(["Na", "Cl2", "NaCl", "e-"], [-1, -1, 1, 1])
    >>> err.kind, str(err)
    ('charge', 'charge cannot be conserved: the only charged species is e- (a product)')
    """
    names, signs = _check_signed(names, signs)
    subst = check_substances(substances)
    n = len(names)
    rows = _composition_rows(names, subst)
    chosen: list[list[int]] = []
    for label, r in rows:
        chosen.append(r)
        cov = _covered(chosen, n)
        if len(cov) == n:
            continue
        stuck = tuple(names[i] for i in range(n) if i not in cov)
        if label == "charge":
            charged = [(s, sg) for s, sg, q in zip(names, signs, r) if q]
            if len(charged) == 1:
                s, sg = charged[0]
                msg = f"charge cannot be conserved: the only charged species is {s} (a {_side_word(sg)})"
            else:
                msg = (f"charge cannot be conserved together with the element balance: {', '.join(stuck)} "
                       "can take part in no charge-balanced reaction (add e-, H+ or OH- to the equation)")
            return NotBalanceableError(msg, kind="charge", obstacle="charge", species=stuck)
        holders = [s for s, x in zip(names, r) if x]
        if len(holders) == 1:
            msg = f"mass cannot be conserved: element {label} appears only in {holders[0]}"
        elif _feasible_with([[x for i, x in enumerate(row) if i in cov] for _, row in rows],
                            [sg for i, sg in enumerate(signs) if i in cov]):
            return NotBalanceableError(
                f"{', '.join(stuck)} can take part in no balance (element {label} together with "
                f"{', '.join(lab for lab, _ in rows[: len(chosen) - 1]) or 'the other elements'} forbids it); "
                f"without {', '.join(stuck)} the equation balances with the sides as written",
                kind="sides", obstacle=stuck[0], species=stuck)
        else:
            before = [lab for lab, _ in rows[: len(chosen) - 1]]
            msg = (f"mass cannot be conserved: element {label} cannot be balanced together with "
                   f"{', '.join(before) or 'the other elements'} ({', '.join(stuck)} can take part in no balance)")
        return NotBalanceableError(msg, kind="mass", obstacle=label, species=stuck)
    moved = _smallest_move([r for _, r in rows], signs)
    shown = ", ".join(f"{names[i]} (written as a {_side_word(signs[i])})" for i in moved)
    return NotBalanceableError(
        f"no balance with the sides as written, but one exists if {shown} moves to the other side "
        "(pass switch_sides=True to let balance move it)",
        kind="sides", obstacle=names[moved[0]] if moved else None, species=tuple(names[i] for i in moved))


def _feasible_with(rows: list[list[int]], signs: list[int]) -> bool:
    """Exact: a balance with every fixed species >= 1 on its side and the free ones (sign 0) anywhere."""
    fixed = [i for i, s in enumerate(signs) if s]
    free = [i for i, s in enumerate(signs) if not s]
    A = [[signs[i] * r[i] for i in fixed] + [r[i] for i in free] + [-r[i] for i in free] for r in rows]
    return is_feasible(A or [[0] * (len(fixed) + 2 * len(free))], lower=[1] * len(fixed) + [0] * (2 * len(free)))


def _smallest_move(rows: list[list[int]], signs: list[int], max_moves: int = 3) -> list[int]:
    """Indices of a smallest set of fixed species whose move to the other side allows a balance."""
    fixed = [i for i, s in enumerate(signs) if s]
    for k in range(1, min(max_moves, len(fixed)) + 1):
        for combo in combinations(fixed, k):
            trial = [(-s if i in combo else s) for i, s in enumerate(signs)]
            if _feasible_with(rows, trial):
                return list(combo)
    # a full-support balance exists (else the diagnosis is mass/charge): follow the signs of a generic one
    basis = rational_kernel(rows)
    v = [sum((7 ** (k + 1)) * b[i] for k, b in enumerate(basis)) for i in range(len(signs))]
    return [i for i in fixed if v[i] and (v[i] > 0) != (signs[i] > 0)]


# ------------------------------------------------------------------ balance
def balance(equation: str | Iterable[str], products: Iterable[str] | None = None, *,
            substances: SubstanceMap | None = None, allow_duplicates: bool = False,
            switch_sides: bool = False) -> Reaction:
    """Balance a chemical equation with the sides as written; exact integer coefficients.

    Parameters
    ----------
    equation : str or iterable of str
        ``"KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2"``, or the reactants when ``products`` is given.
    products : iterable of str, optional
        The products, when ``equation`` is a list of reactants.
    substances : mapping, optional
        Custom substances keyed by the names used in the equation: :class:`Formula` objects,
        composition dicts (``{"C": 6, "H": 12, "O": 6}``, optional ``"charge"``) or formula strings
        (chempy's ``substances=``).
    allow_duplicates : bool
        Allow a species on both sides (a spectator, chempy's ``allow_duplicates``): its net
        coefficient may then have either sign or vanish (it is dropped from the result and a note
        says so).
    switch_sides : bool
        When no balance keeps the written sides, move the fewest species to the other side and say so
        in :attr:`Reaction.switched` (otherwise ``NotBalanceableError(kind="sides")`` names them).

    Returns
    -------
    Reaction
        Signed coefficients (reactants negative), keys the species strings as written.  Unique
        balances are in lowest whole numbers; underdetermined ones are the canonical balance (minimum
        coefficient sum, all ≥ 1, lexicographic tie-break in written order; see the module Notes) with
        ``unique=False`` and the independent balances in ``alternatives``.

    Raises
    ------
    NotBalanceableError
        When no balance exists; ``kind`` says whether an element (mass), the charge or the written
        sides are the obstacle (see :func:`diagnose_unbalanceable`).

    Examples
    --------
    >>> print(balance("K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O"))
    10 K4Fe(CN)6 + 122 KMnO4 + 299 H2SO4 -> 162 KHSO4 + 5 Fe2(SO4)3 + 122 MnSO4 + 60 HNO3 + 60 CO2 + 188 H2O
    >>> r = balance("C + O2 -> CO + CO2"); print(r); r.unique
    3 C + 2 O2 -> 2 CO + CO2
    False
    >>> balance(["NaOH", "HCl"], ["NaCl", "H2O"]).coefficients
    {'NaOH': -1, 'HCl': -1, 'NaCl': 1, 'H2O': 1}
    >>> balance("glucose + O2 -> CO2 + H2O", substances={"glucose": {"C": 6, "H": 12, "O": 6}}).coefficients
    {'glucose': -1, 'O2': -6, 'CO2': 6, 'H2O': 6}
    >>> r = balance("H2 + H2O -> H2O2", switch_sides=True); print(r, r.switched)
    2 H2O -> H2 + H2O2 ('H2',)
    """
    subst = check_substances(substances)
    reactants, prods = _written_sides(equation, products, subst)
    names, signs, notes = _merge_duplicates(reactants, prods, allow_duplicates)
    rows = [r for _, r in _composition_rows(names, subst)]
    x = _solve_signed(rows, signs)
    switched: tuple[str, ...] = ()
    if x is None:
        err = diagnose_unbalanceable(names, signs, substances=subst)
        if not (switch_sides and err.kind == "sides"):
            raise err
        moved = _smallest_move(rows, signs)
        signs = [(-s if i in moved else s) for i, s in enumerate(signs)]
        x = _solve_signed(rows, signs)
        switched = tuple(names[i] for i in moved)
        notes.append(f"moved {', '.join(switched)} to the other side: no balance keeps the sides as written")
    return _finish(names, x, rows, subst, notes, switched)


def _finish(names, x, rows, subst, notes, switched=()) -> Reaction:
    coeffs = {s: c for s, c in zip(names, x) if c}
    for s, c in zip(names, x):
        if not c:
            notes.append(f"{s} cancels (net coefficient 0)")
    r = Reaction.from_normalized(coeffs, {k: v for k, v in subst.items() if k in coeffs} or None)
    if not r.is_balanced():  # pragma: no cover - every path is exact; this guards the float stage
        raise AssertionError(f"internal check failed: {r} is not balanced")
    basis = integer_kernel(rows) if rows else []
    info = {"notes": tuple(notes), "switched": switched}
    if len(basis) > 1:
        alts = [Reaction.from_normalized({s: c for s, c in zip(names, v) if c}, r._subst) for v in basis]
        info.update(unique=False, alternatives=tuple(alts))
    return r.with_info(**info)


def _merge_duplicates(reactants, prods, allow_duplicates):
    both = [s for s in reactants if s in prods]
    if both and not allow_duplicates:
        raise InvalidArgumentError(
            f"species {both[0]!r} is on both sides; pass allow_duplicates=True for a spectator species")
    names = list(reactants) + [s for s in prods if s not in both]
    signs = [0 if s in both else -1 for s in reactants] + [1 for s in prods if s not in both]
    notes = [f"{s} is on both sides: its net coefficient may have either sign" for s in both]
    return names, signs, notes


def _written_sides(equation, products, subst=None) -> tuple[list[str], list[str]]:
    """Reactants and products of the two call forms of :func:`balance`, each species once per side."""
    if products is None:
        reactants, prods = parse_equation(equation, known=tuple(subst or ()))
    else:
        if isinstance(equation, str) or isinstance(products, str):
            raise InvalidTypeError("with two arguments, give reactants and products as lists of formula strings")
        reactants, prods = [str(s).strip() for s in equation], [str(s).strip() for s in products]
        if not reactants or not prods:
            raise InvalidArgumentError("reactants and products must both be non-empty")
    for side in (reactants, prods):
        if len(set(side)) != len(side):
            dup = next(s for s in side if side.count(s) > 1)
            raise InvalidArgumentError(f"species {dup!r} is listed twice on one side; list each species once")
    return reactants, prods


def _check_signed(names, signs) -> tuple[list[str], list[int]]:
    names = list(check_names(names, "names"))
    if isinstance(signs, str | bytes | Mapping) or not hasattr(signs, "__iter__"):
        raise InvalidTypeError(f"signs must be a sequence of -1, 0, +1, got {type(signs).__name__}")
    signs = list(signs)
    if len(signs) != len(names) or any(type(s) is not int or s not in (-1, 0, 1) for s in signs):
        raise InvalidArgumentError(f"signs must give -1, 0 or +1 (int) for each of the {len(names)} names")
    return names, signs


def signed_composition(names: list[str], signs: list[int], *,
                       substances: SubstanceMap | None = None) -> list[list[int]]:
    """The composition matrix of ``names`` with column ``j`` multiplied by ``signs[j]``.

    A balance with every coefficient ≥ 1 is then a positive kernel vector.

    Examples
    --------
    >>> signed_composition(["H2", "O2", "H2O"], [-1, -1, 1])
    [[-2, 0, 2], [0, -2, 1]]
    """
    names, signs = _check_signed(names, signs)
    rows = composition_matrix(names, substances=substances).to_list()
    return [[sg * x for sg, x in zip(signs, row)] for row in rows]


def _solve_signed(rows: list[list[int]], signs: list[int]) -> list[int] | None:
    """Signed coefficients: fixed species (sign ±1) >= 1 on their side, free ones (0) any sign.

    Unique up to scale: the primitive vector; otherwise the smallest total of magnitudes with a
    lexicographic tie-break (fixed species in order, then free ones).  None when none exists (proved).
    """
    n = len(signs)
    rows = rows or [[0] * n]
    A = [[(s or 1) * x for s, x in zip(signs, r)] for r in rows]
    kern = rational_kernel(A)
    if not kern:
        return None
    fixed = [i for i, s in enumerate(signs) if s]
    free = [i for i, s in enumerate(signs) if not s]
    if len(kern) == 1:
        v = kern[0]
        head = [v[i] for i in fixed]
        if all(x > 0 for x in head):
            pass
        elif all(x < 0 for x in head):
            v = [-x for x in v]
        else:
            return None
        return [(s or 1) * x for s, x in zip(signs, v)]
    order = fixed + free
    split = [[r[i] for i in order] + [-r[i] for i in free] for r in A]
    nf, ng = len(free), len(fixed)
    x = min_sum_solution(split, ng + 2 * nf, lower=None if not nf else [1] * ng + [0] * (2 * nf))
    if x is None:
        return None
    val = [0] * n
    for k, i in enumerate(fixed):
        val[i] = signs[i] * x[k]
    for k, i in enumerate(free):
        val[i] = x[ng + k] - x[ng + nf + k]
    return val
