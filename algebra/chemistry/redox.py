"""Redox balancing: acidic (H⁺/H₂O) and basic (OH⁻/H₂O) media, half-reactions with e⁻.

Exact: coefficients are Python ints and each result is checked to conserve
every element and the charge before it is returned.

Notes
-----
The skeleton species keep the sides they are written on (coefficients ≥ 1).
The medium species — ``H2O`` and ``H+`` in acid, ``H2O`` and ``OH-`` in base,
plus ``e-`` for a half-reaction — may go to either side or drop out; the
solver decides.  When the balance is unique up to scale it is returned in
lowest whole numbers; otherwise the one with the smallest total of all
coefficient magnitudes is returned, ties broken lexicographically in the order
skeleton species, then ``H2O``, ``H+``/``OH-``, ``e-`` (see
:func:`mathref.algebra.balance`).  Balancing directly with OH⁻ gives the same
result as the textbook route "balance in acid, then add OH⁻ to both sides".
A medium species already written in the skeleton keeps its written side.

Combining half-reactions scales them to the least common multiple of the
electrons exchanged, adds them, lets species on both sides cancel, and
reduces to lowest whole numbers.

Examples
--------
>>> print(balance_redox("MnO4- + Fe2+ -> Mn2+ + Fe3+", medium="acidic"))
MnO4- + 5 Fe2+ + 8 H+ -> Mn2+ + 5 Fe3+ + 4 H2O
>>> print(half_reaction("Cr2O7^2- -> Cr3+"))
Cr2O7^2- + 14 H+ + 6 e- -> 2 Cr3+ + 7 H2O
"""

from __future__ import annotations

from math import gcd

from mathref.algebra.intlinalg import min_sum_solution, rational_kernel
from mathref.errors import InvalidArgumentError

from .equations import parse_equation
from .formula import parse_formula
from .reactions import NotBalanceableError, Reaction, diagnose_unbalanceable, signed_composition

__all__ = ["balance_redox", "half_reaction", "combine_half_reactions"]

_MEDIA = {"acidic": ("H2O", "H+"), "basic": ("H2O", "OH-"), "neutral": ("H2O",)}


def _medium_species(medium: str) -> tuple[str, ...]:
    if medium not in _MEDIA:
        raise InvalidArgumentError(f"medium={medium!r} must be 'acidic', 'basic' or 'neutral'")
    return _MEDIA[medium]


def _balance_with_free(reactants: list[str], products: list[str], free: list[str]) -> Reaction:
    """Balance with the written species on fixed sides and the ``free`` species on either side."""
    written = reactants + products
    if len(set(written)) != len(written):
        dup = next(s for s in written if written.count(s) > 1)
        raise InvalidArgumentError(f"species {dup!r} is listed twice; list each species once")
    free = [s for s in free if s not in written]
    signs = [-1] * len(reactants) + [1] * len(products)
    # the free species' columns keep their sign: the solver decides their side
    A = signed_composition(written + free, signs + [1] * len(free))
    sol = _solve_with_free(A, len(written), len(free))
    if sol is None:
        raise _obstacle(written, signs, free)
    coeffs = {}
    for s, sg, c in zip(written, signs, sol[: len(written)]):
        coeffs[s] = sg * c
    # medium species go after the written ones on whichever side they land
    for s, c in zip(free, sol[len(written) :]):
        if c:
            coeffs[s] = c
    r = Reaction(coeffs)
    if not r.is_balanced():  # pragma: no cover - the kernel is exact; this guards the milp path
        raise NotBalanceableError("internal check failed: result not balanced", kind="mass", obstacle=None)
    return r


def _solve_with_free(A: list[list[int]], ng: int, nf: int) -> list[int] | None:
    """Written coefficients ≥ 1 and signed free ones: unique up to scale, or the minimum total; None if none."""
    kern = rational_kernel(A)
    if len(kern) == 1:
        v = kern[0]
        head = v[:ng]
        if all(x > 0 for x in head):
            return v
        if all(x < 0 for x in head):
            return [-x for x in v]
        return None
    if not kern:
        return None
    # split each free coefficient into produced and consumed parts, both >= 0
    split = [row[:ng] + row[ng:] + [-x for x in row[ng:]] for row in A]
    x = min_sum_solution(split, ng + 2 * nf, lower=[1] * ng + [0] * (2 * nf))
    if x is None:
        return None
    return x[:ng] + [x[ng + k] - x[ng + nf + k] for k in range(nf)]


def _obstacle(written: list[str], signs: list[int], free: list[str]) -> NotBalanceableError:
    """Name an element that only one side holds and no medium species can supply, if any."""
    free_elements = {e for s in free for e, _ in parse_formula(s).composition}
    free_charged = any(parse_formula(s).charge for s in free)
    err = diagnose_unbalanceable(written, signs)
    if err.kind == "mass" and err.obstacle not in free_elements:
        return err
    if err.kind == "charge" and not free_charged:
        return err
    return NotBalanceableError(
        "no balance keeps every written species on its side, even with "
        f"{', '.join(free)} allowed on either side (is there both an oxidation and a reduction?)",
        kind="sides", obstacle=None)


def balance_redox(equation: str, *, medium: str = "acidic") -> Reaction:
    """Balance a redox skeleton in acidic or basic solution, exact integers.

    Parameters
    ----------
    equation : str
        A skeleton such as ``"MnO4- + Fe2+ -> Mn2+ + Fe3+"`` (no H⁺, OH⁻ or water needed).
    medium : {"acidic", "basic", "neutral"}
        Which species may be added: H2O and H+ (acidic), H2O and OH- (basic),
        H2O only (neutral).

    Returns
    -------
    Reaction
        Signed coefficients (reactants negative) with the medium species
        included where needed.

    Raises
    ------
    NotBalanceableError
        When no balance exists (e.g. the skeleton has no oxidation and no reduction).

    Examples
    --------
    >>> print(balance_redox("MnO4- + I- -> MnO2 + I2", medium="basic"))
    2 MnO4- + 6 I- + 4 H2O -> 2 MnO2 + 3 I2 + 8 OH-
    >>> print(balance_redox("Cr(OH)3 + ClO3- -> CrO4^2- + Cl-", medium="basic"))
    2 Cr(OH)3 + ClO3- + 4 OH- -> 2 CrO4^2- + Cl- + 5 H2O
    """
    extra = list(_medium_species(medium))
    reactants, products = parse_equation(equation)
    return _balance_with_free(reactants, products, extra)


def half_reaction(equation: str, *, medium: str = "acidic") -> Reaction:
    """Balance a half-reaction with electrons (``e-``) and the medium species.

    Parameters
    ----------
    equation : str
        One couple, e.g. ``"MnO4- -> Mn2+"`` or ``"Fe2+ -> Fe3+"``.
    medium : {"acidic", "basic", "neutral"}

    Returns
    -------
    Reaction
        Electrons appear as the species ``"e-"``: consumed in a reduction,
        produced in an oxidation.

    Examples
    --------
    >>> print(half_reaction("Fe2+ -> Fe3+"))
    Fe2+ -> Fe3+ + e-
    >>> print(half_reaction("MnO4- -> MnO2", medium="basic"))
    MnO4- + 2 H2O + 3 e- -> MnO2 + 4 OH-
    """
    extra = list(_medium_species(medium)) + ["e-"]
    reactants, products = parse_equation(equation)
    return _balance_with_free(reactants, products, extra)


def combine_half_reactions(first: Reaction, second: Reaction) -> Reaction:
    """Add two half-reactions so that the electrons cancel; lowest whole numbers.

    One half-reaction must produce electrons (oxidation) and the other consume
    them (reduction).  Species on both sides after adding (water, H⁺, OH⁻)
    cancel.

    Examples
    --------
    >>> ox = half_reaction("Fe2+ -> Fe3+")
    >>> red = half_reaction("MnO4- -> Mn2+")
    >>> print(combine_half_reactions(ox, red))
    5 Fe2+ + MnO4- + 8 H+ -> 5 Fe3+ + Mn2+ + 4 H2O
    """
    for name, r in (("first", first), ("second", second)):
        if not isinstance(r, Reaction):
            raise TypeError(f"{name} must be a Reaction, got {type(r).__name__}")

    def electrons(r: Reaction) -> int:
        return sum(v for k, v in r.coefficients.items() if k.strip() in ("e-", "e^-", "e⁻", "e^{-}"))

    e1, e2 = electrons(first), electrons(second)
    if e1 == 0 or e2 == 0 or (e1 > 0) == (e2 > 0):
        raise InvalidArgumentError(
            "combine_half_reactions needs one half-reaction producing electrons and one consuming them "
            f"(got {e1:+d} and {e2:+d} e-)"
        )
    lcm = abs(e1 * e2) // gcd(e1, e2)
    k1, k2 = lcm // abs(e1), lcm // abs(e2)
    total: dict[str, int] = {}
    for r, k in ((first, k1), (second, k2)):
        for s, v in r.coefficients.items():
            total[s] = total.get(s, 0) + k * v
    total = {s: v for s, v in total.items() if v}
    g = 0
    for v in total.values():
        g = gcd(g, v)
    # written order: reactants of both, then products, as the halves listed them
    return Reaction({s: v // g for s, v in total.items()})
