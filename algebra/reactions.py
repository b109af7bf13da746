"""Balanced chemical reactions as integer vectors: balancing, reaction spaces, complete sets.

Everything returned is exact: coefficients are Python ints, balances are checked
with integer arithmetic before they are returned, and no answer is ever
fractional or parametric.  Impossible input raises :class:`NotBalanceableError`
(a ``ValueError``) naming the element or the charge that cannot be conserved.

Notes
-----
A reaction among species s_1..s_n is an integer vector ν with ``A ν = 0``, A
the composition matrix (one row per element, plus a charge row when any species
is charged; see :func:`algebra.intlinalg.composition_matrix`).  Sign
convention: ν_i < 0 for consumed species (reactants), ν_i > 0 for produced ones.

* :func:`balance` fixes the sides as written.  A one-dimensional solution space
  gives the unique balance in lowest whole numbers.  Otherwise the *canonical
  balance* is the integer solution with every coefficient ≥ 1 and the smallest
  total coefficient sum; ties are broken by taking the lexicographically
  smallest coefficient list in the written order (reactants, then products).
  When the solutions form a lattice of rank 2 or 3 (the common cases) it is
  found exactly: the solutions of total S lie on a Diophantine line (rank 2)
  or plane (rank 3, one parameter eliminated by Fourier-Motzkin on integers)
  whose admissible points are integer intervals, so totals are tried upward
  until one is non-empty.  Larger solution lattices use
  ``scipy.optimize.milp`` (minimum total, then an exact tie-break on the line of
  ties, or one coordinate at a time) and every answer is checked with integers
  before it is returned.  Same objective as chempy's
  ``balance_stoichiometry(..., underdetermined=None)``.
* :func:`complete_reaction_set` returns the circuits of the composition matrix:
  every *minimal* balanced reaction (no balanced reaction uses a proper subset
  of its species), primitive (gcd 1).  This is the complete set of Yilmaz,
  Kozub and Kozub (2025): every balanced reaction among the species is a
  rational combination of them.  Canonical form: species are ordered by
  (Hill formula, charge, phase, string as given); in each reaction the first
  species in that order is consumed.  Reactions are listed by number of
  species, then by their species and coefficients in canonical order, so the
  result does not depend on the order of the input list.

References: Yilmaz, Kozub, Kozub, "A vector-based algorithm for generating
complete balanced reaction sets with arbitrary numbers of reagents" (2025);
R. Aris, *Elementary Chemical Reactor Analysis* (1969) for stoichiometric
spaces and conservation laws.

Examples
--------
>>> print(balance("KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2"))
2 KMnO4 + 16 HCl -> 2 KCl + 2 MnCl2 + 8 H2O + 5 Cl2
>>> for r in complete_reaction_set(["C", "O2", "CO", "CO2"]):
...     print(r)
C + CO2 -> 2 CO
2 C + O2 -> 2 CO
C + O2 -> CO2
2 CO + O2 -> 2 CO2
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import gcd

import numpy as np

from mathref.errors import InvalidArgumentError

from .formula import parse_formula
from .intlinalg import (
    circuits,
    composition_matrix,
    integer_kernel,
    iter_circuits,
    left_kernel,
    rank,
    rational_kernel,
)

__all__ = [
    "NotBalanceableError",
    "Reaction",
    "ReactionSet",
    "ReactionSpace",
    "ReactionNetwork",
    "parse_equation",
    "balance",
    "reaction_space",
    "complete_reaction_set",
    "iter_complete_reaction_set",
    "reaction_network",
    "species_order",
]


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
    def _trusted(cls, c: dict[str, int]) -> Reaction:
        # internal constructor for dicts already known to hold non-zero Python ints
        r = cls.__new__(cls)
        r._c = c
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
        """:func:`~algebra.intlinalg.composition_matrix` of the species of this reaction."""
        return composition_matrix(self.species)


# ------------------------------------------------------------------ parsing
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


# ------------------------------------------------------------------ balance
def _diagnose(names: list[str], signs: list[int]) -> NotBalanceableError:
    """Explain why no positive balance exists: which element or the charge is the obstacle."""
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


def _min_sum_plane(A: list[list[int]], n: int) -> list[int] | None:
    """Exact canonical balance when the integer kernel has rank 2; None otherwise.

    Writing x = t1 b1 + t2 b2 over a lattice basis, the solutions with total S
    satisfy a t1 + b t2 = S (a, b the totals of b1, b2): a Diophantine line whose
    points x0 + k d with x >= 1 form an integer interval of k.  Totals S are
    tried upward from a lower bound (the LP relaxation), so the first non-empty
    interval gives the minimum total; its end with the lexicographically smaller
    x is the tie-break.  Integers only, except the float LP used as a start.
    """
    from scipy.optimize import linprog

    from .intlinalg import _xgcd

    basis = integer_kernel(A)
    if len(basis) == 3:
        return _min_sum_space3(A, n, basis)
    if len(basis) != 2:
        return None
    b1, b2 = basis
    a, b = sum(b1), sum(b2)
    g, s1, s2 = _xgcd(a, b)
    if g == 0:
        return None
    d = [(b // g) * u - (a // g) * v for u, v in zip(b1, b2)]
    # small totals are tried directly (cheaper than an LP); larger ones start at the LP bound
    totals = list(range(n, n + 256))
    for total in totals + [None]:
        if total is None:
            lp = linprog(np.ones(n), A_eq=np.array(A, dtype=float), b_eq=np.zeros(len(A)),
                         bounds=[(1, None)] * n, method="highs")
            if lp.status != 0:
                return None
            start = max(n + 256, int(np.floor(lp.fun - 1e-6)))
            break
        found = _plane_point(A, total, g, s1, s2, b1, b2, d)
        if found is not None:
            return found or None
    for total in range(start, start + 4096):
        found = _plane_point(A, total, g, s1, s2, b1, b2, d)
        if found is not None:
            return found or None
    return None


def _plane_point(A, total, g, s1, s2, b1, b2, d):
    """The canonical x >= 1 with the given total on the lattice plane, [] if the check fails, None if none."""
    if total % g:
        return None
    m = total // g
    x0 = [s1 * m * u + s2 * m * v for u, v in zip(b1, b2)]
    k_lo, k_hi = None, None
    for xi, di in zip(x0, d):
        if di > 0:  # xi + k di >= 1
            c = -((xi - 1) // di)
            k_lo = c if k_lo is None or c > k_lo else k_lo
        elif di < 0:
            c = (xi - 1) // (-di)
            k_hi = c if k_hi is None or c < k_hi else k_hi
        elif xi < 1:
            k_lo, k_hi = 1, 0
            break
    if k_lo is None or k_hi is None or k_lo > k_hi:
        return None
    first = next(di for di in d if di)
    k = k_lo if first > 0 else k_hi
    x = [xi + k * di for xi, di in zip(x0, d)]
    if all(v >= 1 for v in x) and not any(sum(p * q for p, q in zip(row, x)) for row in A):
        return x
    return []


def _min_sum_space3(A: list[list[int]], n: int, basis: list[list[int]]) -> list[int] | None:
    """Exact canonical balance for a rank-3 solution lattice; None to defer to the MILP.

    For each candidate total S the solutions are x0 + k1 u1 + k2 u2 (u1, u2 a
    lattice basis of the zero-sum balances).  Eliminating k2 (Fourier-Motzkin on
    integer data) bounds k1; for each k1 the admissible k2 form an interval whose
    lexicographically smaller end is a candidate, and the smallest candidate wins.
    """
    from .intlinalg import _xgcd

    ties = integer_kernel([r[:] for r in A] + [[1] * n])
    if len(ties) != 2:
        return None
    u1, u2 = ties
    a, b, c = (sum(v) for v in basis)
    g1, s1, t1 = _xgcd(a, b)
    g, p1, q1 = _xgcd(g1, c)
    if g == 0:
        return None
    first2 = next(v for v in u2 if v)
    for total in range(n, n + 512):
        if total % g:
            continue
        m = total // g
        coef = (p1 * s1 * m, p1 * t1 * m, q1 * m)
        x0 = [coef[0] * x + coef[1] * y + coef[2] * z for x, y, z in zip(*basis)]
        pos = [i for i in range(n) if u2[i] > 0]
        neg = [i for i in range(n) if u2[i] < 0]
        if not pos or not neg:
            return None
        lo, hi = None, None
        feasible = True
        # constraints on k1 alone: rows with u2 = 0, and every (pos, neg) pair after eliminating k2
        pairs = [(u1[i], 1 - x0[i]) for i in range(n) if u2[i] == 0]  # u1_i k1 >= 1 - x0_i
        for i in pos:
            for j in neg:
                alpha = u1[j] * u2[i] - u1[i] * u2[j]
                beta = (1 - x0[j]) * u2[i] - (1 - x0[i]) * u2[j]
                pairs.append((alpha, beta))  # alpha k1 >= beta
        for alpha, beta in pairs:
            if alpha > 0:
                v = -((-beta) // alpha)
                lo = v if lo is None or v > lo else lo
            elif alpha < 0:
                v = (-beta) // (-alpha)  # floor(beta / alpha)
                hi = v if hi is None or v < hi else hi
            elif beta > 0:
                feasible = False
        if not feasible or lo is None or hi is None or lo > hi:
            continue
        if hi - lo > 100000:
            return None
        best = None
        for k1 in range(lo, hi + 1):
            base = [x + k1 * u for x, u in zip(x0, u1)]
            k_lo = max(-((base[i] - 1) // u2[i]) for i in pos)
            k_hi = min((base[j] - 1) // (-u2[j]) for j in neg)
            if k_lo > k_hi or any(base[i] < 1 for i in range(n) if u2[i] == 0):
                continue
            k2 = k_lo if first2 > 0 else k_hi
            x = [v + k2 * u for v, u in zip(base, u2)]
            if best is None or x < best:
                best = x
        if best is not None:
            if all(v >= 1 for v in best) and not any(sum(p * q for p, q in zip(row, best)) for row in A):
                return best
            return None
    return None


def _milp_canonical(A: list[list[int]], n: int, *, lower: list[int] | None = None) -> list[int] | None:
    """Minimum-sum integer solution of ``A x = 0`` with ``x >= lower`` (default 1), checked exactly.

    Ties at the minimum sum are broken lexicographically (smallest ``x[0]``, then
    ``x[1]``, ...).  Returns None when infeasible or when the float solver's
    answer fails the exact integer check.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    if lower is None:
        planar = _min_sum_plane(A, n)
        if planar is not None:
            return planar
    low = np.ones(n) if lower is None else np.array(lower, dtype=float)
    Af = np.array(A, dtype=float)
    cons = [LinearConstraint(Af, 0, 0)]
    integrality = np.ones(n)
    res = milp(np.ones(n), constraints=cons, bounds=Bounds(low, np.full(n, np.inf)), integrality=integrality)
    if res.x is None:
        return None
    x = [int(round(v)) for v in res.x]
    total = sum(x)
    lower_ints = [1] * n if lower is None else list(lower)
    if any(v < b for v, b in zip(x, lower_ints)) or any(sum(a * b for a, b in zip(row, x)) for row in A):
        return None
    ties = integer_kernel([r[:] for r in A] + [[1] * n])
    if len(ties) == 1:
        # the minimum-sum solutions are x + k z on a line: find the admissible k exactly
        z = ties[0]
        k_lo, k_hi = None, None
        for xi, zi, bi in zip(x, z, lower_ints):
            if zi > 0:  # xi + k zi >= bi  <=>  k >= ceil((bi - xi) / zi)
                b = -((xi - bi) // zi)
                k_lo = b if k_lo is None else max(k_lo, b)
            elif zi < 0:
                b = (xi - bi) // (-zi)
                k_hi = b if k_hi is None else min(k_hi, b)
        # integer_kernel makes the first non-zero entry of z positive: the smallest k is the
        # lexicographically smallest solution
        k = k_lo if k_lo is not None else 0
        return [xi + k * zi for xi, zi in zip(x, z)]
    if not ties:
        return x
    lo = low.copy()
    hi = np.full(n, np.inf)
    fixed_cons = cons + [LinearConstraint(np.ones((1, n)), total, total)]
    # exact bookkeeping of the affine set {A x = 0, sum x = total, fixed coordinates}: a
    # coordinate already determined by it needs no solve, and a zero-dimensional set ends the search
    rows = [r[:] for r in A] + [[1] * n]
    current = rank(rows)
    for i in range(n):
        if current == n:
            break
        unit = [int(j == i) for j in range(n)]
        if rank(rows + [unit]) == current:
            continue
        c = np.zeros(n)
        c[i] = 1.0
        r = milp(c, constraints=fixed_cons, bounds=Bounds(lo, hi), integrality=integrality)
        if r.x is None:
            break
        xi = int(round(r.x[i]))
        lo[i] = hi[i] = xi
        x = [int(round(v)) for v in r.x]
        rows.append(unit)
        current += 1
    if any(v < b for v, b in zip(x, lower or [1] * n)) or any(sum(a * b for a, b in zip(row, x)) for row in A):
        return None
    return x


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
    signs = [-1] * len(reactants) + [1] * len(prods)
    M = composition_matrix(names).to_list()
    A = [[sg * x for sg, x in zip(signs, row)] for row in M]
    n = len(names)
    kern = rational_kernel(A)
    if not kern:
        raise _diagnose(names, signs)
    if len(kern) == 1:
        v = kern[0]
        if all(x > 0 for x in v):
            x = v
        elif all(x < 0 for x in v):
            x = [-t for t in v]
        else:
            raise _diagnose(names, signs)
    else:
        x = _milp_canonical(A, n)
        if x is None:
            raise _diagnose(names, signs)
    return Reaction({s: sg * c for s, sg, c in zip(names, signs, x)})


# ------------------------------------------------------- spaces and complete sets
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
    composition: object
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
    return key, Reaction._trusted({order[i]: -v[i] for i in support})


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


# ------------------------------------------------------------------ networks
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
    rx = []
    for r in reactions:
        if isinstance(r, Reaction):
            rx.append(r)
        elif isinstance(r, Mapping):
            rx.append(Reaction(r))
        else:
            raise TypeError(f"reactions must be Reaction objects or mappings, got {type(r).__name__}")
    if species is None:
        seen: dict[str, None] = {}
        for r in rx:
            for s in r.species:
                seen.setdefault(s, None)
        names = list(seen)
    else:
        names = list(species)
        missing = {s for r in rx for s in r.species} - set(names)
        if missing:
            raise InvalidArgumentError(f"species list lacks {sorted(missing)}")
    N = [[r._c.get(s, 0) for r in rx] for s in names]
    independent: list[int] = []
    cur = 0
    for j in range(len(rx)):
        cols = independent + [j]
        rk = rank([[N[i][c] for c in cols] for i in range(len(names))]) if names else 0
        if rk > cur:
            independent.append(j)
            cur = rk
    laws = []
    if names:
        for y in (left_kernel(N) if rx else [[int(i == k) for i in range(len(names))] for k in range(len(names))]):
            laws.append({s: x for s, x in zip(names, y) if x})
    return ReactionNetwork(tuple(names), tuple(rx), tuple(tuple(r) for r in N), cur, tuple(independent),
                           tuple(laws))
