"""Redox balancing by electron transfer: half-reactions with e⁻, acidic (H⁺/H₂O) and basic (OH⁻/H₂O) media.

Exact: coefficients are Python ints and each result is checked to conserve every element and the
charge before it is returned.

Notes
-----
**Oxidation states** (:func:`oxidation_states`) follow the textbook rules: a single-element species has
charge/atoms; otherwise F is -1, the alkali metals +1, the alkaline-earth metals +2, H +1 (-1 when every
other element is a metal: hydrides), O -2, and one remaining element takes what the charge leaves.
When the fixed values do not add up to the charge with nothing left over (H₂O₂, KO₂), O, then H, is
the element computed.  Species with two or more undetermined elements (SCN⁻, K₄Fe(CN)₆) get values only
for what the rules fix.

**Half-reactions** (:func:`half_reaction`): the written species keep their sides (coefficients ≥ 1);
H₂O, H⁺ (acid) or OH⁻ (base) and e⁻ may go to either side or drop out, but the result must carry
electrons.  An element that the rules give more than one oxidation state among the written species is
conserved *among the written species*: the medium species are redox-inert (their H is +1, their O -2),
so ``H2O2 -> O2`` is the oxidation H₂O₂ → O₂ + 2 H⁺ + 2 e⁻, not the disproportionation
2 H₂O₂ → O₂ + 2 H₂O.  When the balance is still not unique up to scale (``O3 -> O2``), the smallest
total of coefficient magnitudes is returned with ``unique=False`` and the other independent balances in
``alternatives``.

**Full redox equations** (:func:`balance_redox`): the skeleton is split into couples, reactant and
product species linked when they share an element other than H and O (species made of H and O only,
such as H₂O₂, O₂, O₃, link to each other).  Each couple is balanced as a half-reaction, and the couples
are combined with the smallest positive multipliers that cancel the electrons (the least common
multiple for one oxidation and one reduction), then species on both sides cancel.  So
MnO₄⁻ + H₂O₂ → Mn²⁺ + O₂ gives 2 MnO₄⁻ + 5 H₂O₂ + 6 H⁺ → 2 Mn²⁺ + 5 O₂ + 8 H₂O, the electron-transfer
answer, not one of the other element balances with H₂O₂ also disproportionating.  When more than two
couples exchange electrons, the multipliers are not unique: the result has ``unique=False`` and the
couples in :attr:`Reaction.half_reactions`.  A skeleton that is a single couple (a disproportionation
such as Cl₂ → Cl⁻ + ClO₃⁻, or a comproportionation) is balanced directly with the medium species.
A medium species already written in the skeleton keeps its written side.

Examples
--------
>>> print(balance_redox("MnO4- + Fe2+ -> Mn2+ + Fe3+", medium="acidic"))
MnO4- + 5 Fe2+ + 8 H+ -> Mn2+ + 5 Fe3+ + 4 H2O
>>> print(half_reaction("Cr2O7^2- -> Cr3+"))
Cr2O7^2- + 14 H+ + 6 e- -> 2 Cr3+ + 7 H2O
>>> print(balance_redox("MnO4- + H2O2 -> Mn2+ + O2"))
2 MnO4- + 5 H2O2 + 6 H+ -> 2 Mn2+ + 5 O2 + 8 H2O
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Literal

from mathref.algebra.intlinalg import min_sum_solution, rational_kernel
from mathref.errors import InvalidArgumentError, InvalidTypeError

from .composition import SubstanceMap, check_substances, species_formula
from .equations import parse_equation
from .formula import Formula, parse_formula
from .reactions import NotBalanceableError, Reaction, _composition_rows, _solve_signed, diagnose_unbalanceable

__all__ = ["balance_redox", "half_reaction", "combine_half_reactions", "oxidation_states"]

_MEDIA = {"acidic": ("H2O", "H+"), "basic": ("H2O", "OH-"), "neutral": ("H2O",)}
_ALKALI = {"Li", "Na", "K", "Rb", "Cs", "Fr"}
_ALKALINE_EARTH = {"Be", "Mg", "Ca", "Sr", "Ba", "Ra"}
_NONMETALS = {"H", "He", "B", "C", "N", "O", "F", "Ne", "Si", "P", "S", "Cl", "Ar", "Ge", "As", "Se", "Br", "Kr",
              "Sb", "Te", "I", "Xe", "At", "Rn", "Ts", "Og"}


def _medium_species(medium: str) -> tuple[str, ...]:
    if medium not in _MEDIA:
        raise InvalidArgumentError(f"medium={medium!r} must be 'acidic', 'basic' or 'neutral'")
    return _MEDIA[medium]


def oxidation_states(formula: str | Formula) -> dict[str, Fraction]:
    """Oxidation states by the textbook rules (module Notes); elements the rules cannot fix are omitted.

    Values are exact Fractions (average states such as Fe in Fe3O4 are fractional).

    Examples
    --------
    >>> {k: str(v) for k, v in oxidation_states("Cr2O7^2-").items()}
    {'Cr': '6', 'O': '-2'}
    >>> {k: str(v) for k, v in oxidation_states("H2O2").items()}
    {'H': '1', 'O': '-1'}
    >>> {k: str(v) for k, v in oxidation_states("Fe3O4").items()}
    {'Fe': '8/3', 'O': '-2'}
    """
    f = formula if isinstance(formula, Formula) else parse_formula(formula)
    comp = dict(f.composition)
    if not comp:
        return {}
    if len(comp) == 1:
        (e, n), = comp.items()
        return {e: Fraction(f.charge) / n}
    fixed: dict[str, Fraction] = {}
    others_metal = all(e not in _NONMETALS for e in comp if e != "H")
    for e in comp:
        if e == "F":
            fixed[e] = Fraction(-1)
        elif e in _ALKALI:
            fixed[e] = Fraction(1)
        elif e in _ALKALINE_EARTH:
            fixed[e] = Fraction(2)
    if "H" in comp:
        fixed["H"] = Fraction(-1 if others_metal else 1)
    if "O" in comp:
        fixed["O"] = Fraction(-2)
    unknown = [e for e in comp if e not in fixed]
    rest = Fraction(f.charge) - sum(fixed[e] * comp[e] for e in fixed)
    if not unknown and rest:
        # H2O2, KO2, O2F2...: relax O, then H
        for e in ("O", "H"):
            if e in fixed and not (e == "O" and "F" in comp and False):
                del fixed[e]
                unknown = [e]
                rest = Fraction(f.charge) - sum(fixed[k] * comp[k] for k in fixed)
                break
    if len(unknown) == 1:
        fixed[unknown[0]] = rest / comp[unknown[0]]
    return dict(sorted(fixed.items()))


def _redox_rows(written: list[str], subst, ncols: int) -> list[list[int]]:
    """Extra rows: H and O conserved among the written species when their oxidation states differ there."""
    rows = []
    forms = [species_formula(s, subst) for s in written]
    for e in ("H", "O"):
        holders = [(i, f) for i, f in enumerate(forms) if f.count(e)]
        states = set()
        for _, f in holders:
            st = oxidation_states(f).get(e)
            states.add(st)
        if len(holders) >= 2 and len(states) > 1 and None not in states:
            row = [0] * ncols
            for i, f in holders:
                row[i] = f.count(e)
            rows.append(row)
    return rows


def _half(reactants: list[str], products: list[str], medium: str, subst, *, electrons: bool = True) -> Reaction:
    """One couple balanced with the medium species (and e-), written species on their sides."""
    written = reactants + products
    free = [s for s in (list(_medium_species(medium)) + (["e-"] if electrons else [])) if s not in written]
    names = written + free
    signs = [-1] * len(reactants) + [1] * len(products) + [0] * len(free)
    rows = [r for _, r in _composition_rows(names, subst)]
    redox_rows = _redox_rows(written, subst, len(names)) if electrons else []
    all_rows = rows + redox_rows
    e_index = names.index("e-") if electrons and "e-" in free else None
    candidates = []
    if e_index is None:
        x = _solve_signed(all_rows, signs)
        if x is not None:
            candidates.append(x)
    else:
        for side in (-1, 1):  # electrons consumed (a reduction) or produced (an oxidation)
            trial = signs[:]
            trial[e_index] = side
            x = _solve_signed(all_rows, trial)
            if x is not None:
                candidates.append(x)
    if not candidates:
        err = diagnose_unbalanceable(written, signs[: len(written)], substances=subst)
        free_elements = {e for s in free for e, _ in species_formula(s, subst).composition}
        if err.kind == "mass" and err.obstacle not in free_elements:
            raise err
        what = "electrons" if electrons else "the medium species"
        raise NotBalanceableError(
            f"no balance of {' + '.join(reactants)} -> {' + '.join(products)} with {what} keeps every written "
            f"species on its side (with {', '.join(free)} allowed on either side); is it a redox couple?",
            kind="redox", obstacle=None)
    x = min(candidates, key=lambda v: (sum(abs(t) for t in v), [abs(t) for t in v]))
    coeffs = {s: c for s, c in zip(names, x) if c}
    r = Reaction.from_normalized(coeffs, {k: v for k, v in subst.items() if k in coeffs} or None)
    if not r.is_balanced():  # pragma: no cover
        raise AssertionError(f"internal check failed: {r} is not balanced")
    signed = [[(s or 1) * v for s, v in zip(signs, row)] for row in all_rows]
    dim = len(rational_kernel(signed)) if signed else len(names)
    if dim > 1 or len(candidates) > 1:
        alts = tuple(Reaction.from_normalized({s: (sg or 1) * c for s, sg, c in zip(names, signs, v) if c})
                     for v in rational_kernel(signed))
        r.with_info(unique=False, alternatives=alts,
                     notes=("the balance is not unique up to scale: the smallest total of coefficients is "
                            "returned",))
    return r


def half_reaction(equation: str, *, medium: Literal["acidic", "basic", "neutral"] = "acidic",
                  substances: SubstanceMap | None = None) -> Reaction:
    """Balance a half-reaction with electrons (``e-``) and the medium species.

    The written species keep their sides; the result always carries electrons (module Notes give
    the oxidation-state rule that keeps H₂O₂ → O₂ an oxidation).

    Parameters
    ----------
    equation : str
        One couple, e.g. ``"MnO4- -> Mn2+"`` or ``"Fe2+ -> Fe3+"``.
    medium : {"acidic", "basic", "neutral"}
    substances : mapping, optional
        Custom substances (see :func:`~mathref.algebra.balance`).

    Returns
    -------
    Reaction
        Electrons appear as the species ``"e-"``: consumed in a reduction, produced in an oxidation.

    Raises
    ------
    NotBalanceableError
        ``kind="redox"`` when no balance with electrons exists (the species are not a redox couple).

    Examples
    --------
    >>> print(half_reaction("Fe2+ -> Fe3+"))
    Fe2+ -> Fe3+ + e-
    >>> print(half_reaction("MnO4- -> MnO2", medium="basic"))
    MnO4- + 2 H2O + 3 e- -> MnO2 + 4 OH-
    >>> print(half_reaction("H2O2 -> O2"))
    H2O2 -> O2 + 2 H+ + 2 e-
    """
    subst = check_substances(substances)
    _medium_species(medium)
    reactants, products = parse_equation(equation, known=tuple(subst))
    _check_distinct(reactants + products)
    return _half(reactants, products, medium, subst)


def _check_distinct(written):
    if len(set(written)) != len(written):
        dup = next(s for s in written if written.count(s) > 1)
        raise InvalidArgumentError(f"species {dup!r} is listed twice; list each species once")


def _couples(reactants: list[str], products: list[str], medium: str, subst) -> list[tuple[list[str], list[str]]]:
    """Split a skeleton into couples: reactants and products linked by a shared element other than H, O."""
    media = set(_MEDIA[medium])
    written = reactants + products
    forms = {s: species_formula(s, subst) for s in written}
    core = [s for s in written if s not in media]
    parent = {s: s for s in core}

    def find(s):
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    def key_elements(s):
        els = {e for e, _ in forms[s].composition}
        heavy = els - {"H", "O"}
        return heavy if heavy else {"HO-only"}

    for r in (s for s in reactants if s in parent):
        for p in (s for s in products if s in parent):
            if key_elements(r) & key_elements(p):
                parent[find(r)] = find(p)
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for s in core:
        g = groups.setdefault(find(s), ([], []))
        (g[0] if s in reactants else g[1]).append(s)
    return list(groups.values())


def balance_redox(equation: str, *, medium: Literal["acidic", "basic", "neutral"] = "acidic",
                  substances: SubstanceMap | None = None) -> Reaction:
    """Balance a redox skeleton by electron transfer in acidic or basic solution, exact integers.

    Parameters
    ----------
    equation : str
        A skeleton such as ``"MnO4- + Fe2+ -> Mn2+ + Fe3+"`` (no H⁺, OH⁻ or water needed).
    medium : {"acidic", "basic", "neutral"}
        Which species may be added: H2O and H+ (acidic), H2O and OH- (basic), H2O only (neutral).
    substances : mapping, optional
        Custom substances (see :func:`~mathref.algebra.balance`).

    Returns
    -------
    Reaction
        Signed coefficients (reactants negative) with the medium species included where needed; the
        combined half-reactions in :attr:`Reaction.half_reactions`; ``unique=False`` when the electron
        balance leaves a choice (module Notes).

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
    >>> print(balance_redox("Cr2O7^2- + H2O2 -> Cr3+ + O2"))
    Cr2O7^2- + 3 H2O2 + 8 H+ -> 2 Cr3+ + 3 O2 + 7 H2O
    """
    subst = check_substances(substances)
    media = _medium_species(medium)
    reactants, products = parse_equation(equation, known=tuple(subst))
    _check_distinct(reactants + products)
    couples = _couples(reactants, products, medium, subst)
    written_media = [s for s in reactants + products if s in media]
    for rs, ps in couples:
        if not rs or not ps:
            lone = (rs or ps)[0]
            written = reactants + products
            signs = [-1] * len(reactants) + [1] * len(products)
            err = diagnose_unbalanceable(written, signs, substances=subst)
            if err.kind == "mass":
                raise err
            raise NotBalanceableError(
                f"{lone} has no partner on the other side sharing an element other than H and O",
                kind="mass", obstacle=next(iter(e for e, _ in species_formula(lone, subst).composition
                                                  if e not in ("H", "O")), None))
    if len(couples) == 1 or written_media:
        return _single_couple(reactants, products, medium, subst, couples)
    halves = [_half(rs, ps, medium, subst) for rs, ps in couples]
    electrons = [h.coefficients.get("e-", 0) for h in halves]
    mult, unique = _electron_multipliers(electrons, equation)
    total: dict[str, int] = {}
    for h, k in zip(halves, mult):
        for s, v in h.coefficients.items():
            total[s] = total.get(s, 0) + k * v
    order = [s for s in reactants] + [s for s in products]
    coeffs = {s: total[s] for s in order if total.get(s)}
    for s in media:
        if total.get(s):
            coeffs[s] = total[s]
    if total.get("e-"):  # pragma: no cover - the multipliers cancel the electrons
        raise AssertionError("electrons left after combining the half-reactions")
    g = 0
    for v in coeffs.values():
        g = gcd(g, v)
    coeffs = {s: v // g for s, v in coeffs.items()}
    if any((coeffs.get(s, 0) >= 0) for s in reactants) or any(coeffs.get(s, 0) <= 0 for s in products):
        return _single_couple(reactants, products, medium, subst, couples)
    r = Reaction(_side_ordered(coeffs, reactants, products), substances=subst or None)
    if not r.is_balanced():  # pragma: no cover
        raise AssertionError(f"internal check failed: {r} is not balanced")
    info = {"half_reactions": tuple(halves), "unique": unique and all(h.unique for h in halves)}
    if not info["unique"]:
        info["notes"] = (f"{len(halves)} couples exchange electrons: the multipliers {mult} with the smallest "
                         "total were chosen; other electron-transfer balances exist",)
    return r.with_info(**info)


def _side_ordered(coeffs, reactants, products):
    """Reactants (written, then medium), then products (written, then medium), for a readable string."""
    out = {s: coeffs[s] for s in reactants if s in coeffs}
    out.update({s: v for s, v in coeffs.items() if v < 0 and s not in out})
    out.update({s: coeffs[s] for s in products if s in coeffs})
    out.update({s: v for s, v in coeffs.items() if v > 0 and s not in out})
    return out


def _electron_multipliers(electrons: list[int], equation: str) -> tuple[list[int], bool]:
    """Smallest positive multipliers cancelling the electrons; unique for one oxidation + one reduction."""
    if all(e == 0 for e in electrons):
        return [1] * len(electrons), len(electrons) == 1
    if all(e >= 0 for e in electrons) or all(e <= 0 for e in electrons):
        raise NotBalanceableError(
            f"{equation!r}: every couple is an {'oxidation' if electrons[0] > 0 else 'reduction'}; "
            "a redox equation needs both", kind="redox", obstacle=None)
    nonzero = [e for e in electrons if e]
    if len(nonzero) == 2 and len(electrons) == 2:
        a, b = abs(nonzero[0]), abs(nonzero[1])
        lcm = a * b // gcd(a, b)
        return [lcm // a, lcm // b], True
    x = min_sum_solution([electrons], len(electrons))
    return x, False


def _single_couple(reactants, products, medium, subst, couples) -> Reaction:
    """Balance the whole skeleton with the medium species (a disproportionation, or medium species written)."""
    r = _half(reactants, products, medium, subst, electrons=False)
    return r.with_info(notes=r.notes + ("balanced as one couple with the medium species",))


def combine_half_reactions(first: Reaction, second: Reaction) -> Reaction:
    """Add two half-reactions so that the electrons cancel; lowest whole numbers.

    One half-reaction must produce electrons (oxidation) and the other consume them (reduction).
    Species on both sides after adding (water, H⁺, OH⁻) cancel.

    Examples
    --------
    >>> ox = half_reaction("Fe2+ -> Fe3+")
    >>> red = half_reaction("MnO4- -> Mn2+")
    >>> print(combine_half_reactions(ox, red))
    5 Fe2+ + MnO4- + 8 H+ -> 5 Fe3+ + Mn2+ + 4 H2O
    """
    for name, r in (("first", first), ("second", second)):
        if not isinstance(r, Reaction):
            raise InvalidTypeError(f"{name} must be a Reaction, got {type(r).__name__}")

    def electrons(r: Reaction) -> int:
        return sum(v for k, v in r.coefficients.items() if r.formula(k).is_electron)

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
    subst = {**first.substances, **second.substances}
    # written order: reactants of both, then products, as the halves listed them
    return Reaction({s: v // g for s, v in total.items()}, substances=subst or None)
