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

from collections.abc import Mapping
from math import gcd

import numpy as np

from mathref.algebra.intlinalg import min_sum_solution, rational_kernel
from mathref.errors import InvalidArgumentError

from .composition import composition_matrix
from .equations import parse_equation
from .formula import parse_formula

__all__ = ["NotBalanceableError", "Reaction", "balance", "diagnose_unbalanceable", "signed_composition"]


class NotBalanceableError(InvalidArgumentError):
    """No balance exists: mass or charge cannot be conserved with the sides as written.

    Attributes
    ----------
    kind : str
        ``"mass"`` or ``"charge"`` (``"sides"`` when a balance exists only with a
        species moved to the other side or dropped).
    obstacle : str or None
        The element symbol, ``"charge"``, or the species that blocks the balance.

    Examples
    --------
    >>> try:
    ...     balance("H2 + O2 -> H2O + N2")
    ... except NotBalanceableError as err:
    ...     print(err.kind, err.obstacle)
    mass N
    """

    def __init__(self, message: str, *, kind: str, obstacle: str | None):
        super().__init__(message)
        self.kind = kind
        self.obstacle = obstacle


# --------------------------------------------------------------------- Reaction
def _fmt_coeff(c: int) -> str:
    return "" if c == 1 else f"{c} "


class Reaction:
    """A chemical reaction with exact integer coefficients.

    Parameters
    ----------
    coefficients : mapping str -> int
        Species (formula strings as given) to signed coefficients: negative for
        consumed, positive for produced.  Zero entries are dropped.

    Attributes
    ----------
    coefficients : dict
        A copy of the signed coefficients (insertion order kept).

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
    """

    __slots__ = ("_c",)

    def __init__(self, coefficients: Mapping[str, int]):
        c = {}
        for k, v in dict(coefficients).items():
            if not isinstance(k, str):
                raise TypeError(f"species must be formula strings, got {k!r}")
            if type(v) is int:
                if v:
                    c[k] = v
                continue
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise TypeError(f"coefficient of {k!r} must be an int, got {v!r}")
            if v:
                c[k] = int(v)
        self._c = c

    @classmethod
    def from_normalized(cls, coefficients: dict[str, int]) -> Reaction:
        """Build from a dict of species strings to non-zero Python ints, without checks.

        The fast path for code that has just computed the coefficients (the
        complete-set enumeration does); the dict is taken over, not copied.
        Anything else should call ``Reaction(coefficients)``, which checks.

        >>> print(Reaction.from_normalized({"C": -1, "O2": -1, "CO2": 1}))
        C + O2 -> CO2
        """
        r = cls.__new__(cls)
        r._c = coefficients
        return r

    @property
    def coefficients(self) -> dict[str, int]:
        return dict(self._c)

    @property
    def species(self) -> tuple[str, ...]:
        return tuple(self._c)

    @property
    def reactants(self) -> dict[str, int]:
        """Consumed species with positive stoichiometric numbers."""
        return {k: -v for k, v in self._c.items() if v < 0}

    @property
    def products(self) -> dict[str, int]:
        """Produced species with positive stoichiometric numbers."""
        return {k: v for k, v in self._c.items() if v > 0}

    def __str__(self) -> str:
        lhs = " + ".join(_fmt_coeff(v) + k for k, v in self.reactants.items())
        rhs = " + ".join(_fmt_coeff(v) + k for k, v in self.products.items())
        return f"{lhs} -> {rhs}"

    def __repr__(self) -> str:
        return f"Reaction({self._c!r})"

    def _repr_latex_(self) -> str:
        def side(d):
            return " + ".join(
                ("" if v == 1 else f"{v}\\,") + parse_formula(k).latex() for k, v in d.items()
            )

        return f"$${side(self.reactants)} \\longrightarrow {side(self.products)}$$"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Reaction):
            return NotImplemented
        return self._c == other._c

    def __hash__(self) -> int:
        return hash(frozenset(self._c.items()))

    def __neg__(self) -> Reaction:
        return Reaction({k: -v for k, v in self._c.items()})

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
            f = parse_formula(k)
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

    def to_sympy(self):
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

    def composition_matrix(self):
        """:func:`~mathref.algebra.composition_matrix` of the species of this reaction."""
        return composition_matrix(self.species)


# ------------------------------------------------------------------ balance
def diagnose_unbalanceable(names: list[str], signs: list[int]) -> NotBalanceableError:
    """Explain why no balance with every coefficient ≥ 1 exists, as the error to raise.

    ``names`` are the species, ``signs`` -1 for the reactants and +1 for the
    products.  The error says whether mass or charge is the obstacle and names
    the element: first an element (or the charge) found on one side only, then
    the first row whose addition makes the LP relaxation infeasible.

    Examples
    --------
    >>> err = diagnose_unbalanceable(["H2", "O2", "H2O", "N2"], [-1, -1, 1, 1])
    >>> err.kind, err.obstacle
    ('mass', 'N')
    """
    forms = [parse_formula(s) for s in names]
    elements = sorted({e for f in forms for e, _ in f.composition})
    rows = [(e, [sg * f.count(e) for f, sg in zip(forms, signs)]) for e in elements]
    if any(f.charge for f in forms):
        rows.append(("charge", [sg * f.charge for f, sg in zip(forms, signs)]))
    for label, r in rows:
        if any(r) and (all(x >= 0 for x in r) or all(x <= 0 for x in r)):
            if label == "charge":
                side = "products" if any(x > 0 for x in r) else "reactants"
                return NotBalanceableError(
                    f"charge cannot be conserved: only the {side} carry net charge of one sign",
                    kind="charge", obstacle="charge")
            side = "products" if any(x > 0 for x in r) else "reactants"
            holders = [s for s, x in zip(names, r) if x]
            return NotBalanceableError(
                f"mass cannot be conserved: element {label} appears only among the {side} ({', '.join(holders)})",
                kind="mass", obstacle=label)
    # add rows one at a time; the first that makes x >= 1 infeasible is the obstacle
    from scipy.optimize import linprog

    n = len(names)
    chosen: list[list[int]] = []
    for label, r in rows:
        chosen.append(r)
        res = linprog(np.ones(n), A_eq=np.array(chosen, dtype=float), b_eq=np.zeros(len(chosen)),
                      bounds=[(1, None)] * n, method="highs")
        if res.status == 2:
            if label == "charge":
                return NotBalanceableError(
                    "charge cannot be conserved together with the element balance "
                    "(add e-, H+ or OH- to the equation)", kind="charge", obstacle="charge")
            before = [lab for lab, _ in rows[: len(chosen) - 1]]
            return NotBalanceableError(
                f"mass cannot be conserved: element {label} cannot be balanced together with "
                f"{', '.join(before) or 'the other elements'}", kind="mass", obstacle=label)
    # feasible with all >= 1 over the rationals only when a positive kernel vector exists;
    # reaching here means a species must be zero (superfluous)
    return NotBalanceableError("no balance with every species present: a species is superfluous",
                               kind="sides", obstacle=None)


def balance(equation, products=None) -> Reaction:
    """Balance a chemical equation with the sides as written; exact integer coefficients.

    Parameters
    ----------
    equation : str or iterable of str
        ``"KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2"``, or the reactants when
        ``products`` is given.
    products : iterable of str, optional
        The products, when ``equation`` is a list of reactants.

    Returns
    -------
    Reaction
        Signed coefficients (reactants negative), keys the species strings as
        written.  Unique balances are in lowest whole numbers; underdetermined
        ones are the canonical balance (minimum coefficient sum, all ≥ 1,
        lexicographic tie-break in written order; see the module Notes).

    Raises
    ------
    NotBalanceableError
        When no balance with every coefficient ≥ 1 exists; the message says
        whether mass or charge is the obstacle and names the element.

    Examples
    --------
    >>> print(balance("K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O"))
    10 K4Fe(CN)6 + 122 KMnO4 + 299 H2SO4 -> 162 KHSO4 + 5 Fe2(SO4)3 + 122 MnSO4 + 60 HNO3 + 60 CO2 + 188 H2O
    >>> print(balance("C + O2 -> CO + CO2"))
    3 C + 2 O2 -> 2 CO + CO2
    >>> balance(["NaOH", "HCl"], ["NaCl", "H2O"]).coefficients
    {'NaOH': -1, 'HCl': -1, 'NaCl': 1, 'H2O': 1}
    """
    reactants, prods = _written_sides(equation, products)
    names = reactants + prods
    signs = [-1] * len(reactants) + [1] * len(prods)
    x = _positive_solution(signed_composition(names, signs), len(names))
    if x is None:
        raise diagnose_unbalanceable(names, signs)
    return Reaction({s: sg * c for s, sg, c in zip(names, signs, x)})


def _written_sides(equation, products) -> tuple[list[str], list[str]]:
    """Reactants and products of the two call forms of :func:`balance`, each species once."""
    if products is None:
        reactants, prods = parse_equation(equation)
    else:
        if isinstance(equation, str) or isinstance(products, str):
            raise TypeError("with two arguments, give reactants and products as lists of formula strings")
        reactants, prods = [str(s).strip() for s in equation], [str(s).strip() for s in products]
        if not reactants or not prods:
            raise InvalidArgumentError("reactants and products must both be non-empty")
    names = reactants + prods
    if len(set(names)) != len(names):
        dup = next(s for s in names if names.count(s) > 1)
        raise InvalidArgumentError(f"species {dup!r} is listed twice; list each species once")
    return reactants, prods


def signed_composition(names: list[str], signs: list[int]) -> list[list[int]]:
    """The composition matrix of ``names`` with column ``j`` multiplied by ``signs[j]``.

    A balance with every coefficient ≥ 1 is then a positive kernel vector.

    Examples
    --------
    >>> signed_composition(["H2", "O2", "H2O"], [-1, -1, 1])
    [[-2, 0, 2], [0, -2, 1]]
    """
    return [[sg * x for sg, x in zip(signs, row)] for row in composition_matrix(names).to_list()]


def _positive_solution(A: list[list[int]], n: int) -> list[int] | None:
    """The balance with every entry ≥ 1: unique up to scale, or the canonical one; None if there is none."""
    kern = rational_kernel(A)
    if not kern:
        return None
    if len(kern) > 1:
        return min_sum_solution(A, n)
    v = kern[0]
    if all(x > 0 for x in v):
        return v
    if all(x < 0 for x in v):
        return [-t for t in v]
    return None
