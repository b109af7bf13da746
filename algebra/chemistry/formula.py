"""Chemical formulas: parse a formula string into exact element counts and a charge.

Everything here is exact: counts are Python ints, or :class:`fractions.Fraction` for the decimal
subscripts of non-stoichiometric solids (``Fe0.95O``); charges are ints; nothing is ever a float.  A
malformed formula raises :class:`FormulaError` (a ``ValueError``) whose message gives the position of
the offending character and a caret under it.

Accepted spellings
------------------
* element symbols: all 118 (``H`` ... ``Og``), plus the isotopes ``D`` (²H) and ``T`` (³H) and
  bracketed mass numbers ``[13C]``, ``[2H]``, ``[18O]``.  Isotopes are merged into their element in
  :attr:`Formula.composition` (what balancing uses) and kept apart in :attr:`Formula.nuclides`;
* groups in round or square brackets, nested to any depth, each with an optional count:
  ``Ca3(PO4)2``, ``K4[Fe(CN)6]``;
* decimal subscripts: ``Fe0.95O``, ``C2.5H6``, ``La0.8Sr0.2MnO3``, ``Fe.95O`` (a ``.`` between digits,
  or between a symbol and a digit, is a decimal point), held exactly as ``Fraction``;
* hydrates and adducts joined by ``·``, ``•``, ``*`` or ``.`` (a ``.`` followed by a letter, or by a
  multiplier when no digit precedes it), each part with an optional leading multiplier: ``CuSO4·5H2O``;
  ``CuSO4.5H2O`` is rejected as ambiguous (``CuSO4·5H2O`` or ``CuSO4.5`` followed by ``H2O``), with
  both readings in the message;
* charges: ``MnO4-``, ``MnO4^-``, ``NH4+``, ``Fe+3``, ``Fe^{3+}``, ``Fe^3+``, ``Fe3+``, ``SO4^2-``,
  ``SO4-2``, ``Fe++``, in parentheses ``Fe(+3)``, ``Fe(3+)``, ``Br3(-)``, and Unicode superscripts
  ``Fe³⁺``; Unicode subscripts ``H₂O`` are digits;
* ``e-`` (also ``e^-``, ``e⁻``, ``e-1``, ``e(-)``) for the electron: no atoms, charge -1;
* a trailing state ``(aq)``, ``(s)``, ``(l)``, ``(g)`` (also ``(cr)``), kept in :attr:`Formula.phase`
  but ignored for balancing.

Notes
-----
**Digits before a bare sign after one element symbol** (``Fe3+``, ``I3-``) have two readings: a
charge (Fe³⁺) or a count with a single charge (I₃⁻).  mathref reads them as a chemist does:

1. the known homonuclear ions H₂⁺, H₃⁺, N₃⁻ (azide), Cl₃⁻, Br₃⁻, I₃⁻, O₃⁻ (ozonide) are read as count
   and single charge (write ``N^3-`` for nitride);
2. ``O2-``, ``S2-`` and ``He2+`` are rejected as ambiguous (oxide O²⁻ or superoxide O₂⁻, sulfide S²⁻ or
   S₂⁻, He²⁺ or He₂⁺): the error shows both readings; write ``O^2-`` or ``O2^-``;
3. otherwise the digits are the charge when a single atom can carry it (a cation charge at most 8 and
   at most the atomic number; an anion charge at most 1 for hydrogen and the halogens, 2 for group 16,
   3 for group 15, 4 for group 14, 1 for the other elements), else a count: ``Fe3+`` is Fe³⁺,
   ``Cl2-`` is Cl₂⁻.

After a longer body the digits are a count (``MnO4-``, ``NH4+``); a multi-digit run (``SO42-``) is
rejected as ambiguous (``SO4^2-`` or ``SO42^-``).  Counts have at most 1000 digits (Python's int-string
conversion limit would otherwise fail deep inside); brackets may nest to any depth (the parser keeps an
explicit stack, it does not recurse).

Examples
--------
>>> f = parse_formula("Fe2(SO4)3·9H2O")
>>> f.counts
{'Fe': 2, 'H': 18, 'O': 21, 'S': 3}
>>> parse_formula("Fe^{3+}").charge, parse_formula("SO4^2-").charge, parse_formula("I3-").counts
(3, -2, {'I': 3})
>>> parse_formula("Fe0.95O").counts
{'Fe': Fraction(19, 20), 'O': 1}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from ._cache import bounded_cache

__all__ = ["ELEMENTS", "Formula", "FormulaError", "parse_formula", "format_count"]

#: The 118 element symbols in order of atomic number.
ELEMENTS: tuple[str, ...] = tuple(
    """H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br
    Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er
    Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md
    No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og""".split()
)
_ELEMENT_SET = frozenset(ELEMENTS)
_Z = {s: i + 1 for i, s in enumerate(ELEMENTS)}
_ISOTOPE_LETTERS = {"D": ("H", "[2H]"), "T": ("H", "[3H]")}
_PHASES = ("(aq)", "(s)", "(l)", "(g)", "(cr)")
_JOINERS = "·•*.⋅"
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
                 "⁹": "9", "⁺": "+", "⁻": "-"}
_SIGNS = {"+": 1, "-": -1, "−": -1}  # the last one is U+2212 MINUS SIGN
_ELECTRON = frozenset({"e-", "e^-", "e⁻", "e^{-}", "e−", "e-1", "e(-)", "e^-1", "e(-1)"})
_MAX_DIGITS = 1000
_PAREN_CHARGE = re.compile(r"\((?:([+\-−])(\d*)|(\d*)([+\-−]))\)$")

# the "Fe3+ rule" (module Notes)
_CLUSTER_IONS = frozenset({("H", 2, 1), ("H", 3, 1), ("N", 3, -1), ("Cl", 3, -1), ("Br", 3, -1),
                           ("I", 3, -1), ("O", 3, -1)})
_AMBIGUOUS_IONS = {("O", 2, -1): "oxide O^2- or superoxide O2^-", ("S", 2, -1): "sulfide S^2- or S2^-",
                   ("He", 2, 1): "He^2+ or He2^+"}
_MAX_ANION = {"H": 1, "F": 1, "Cl": 1, "Br": 1, "I": 1, "At": 1, "Ts": 1, "O": 2, "S": 2, "Se": 2, "Te": 2,
              "Po": 2, "N": 3, "P": 3, "As": 3, "Sb": 3, "C": 4, "Si": 4, "Ge": 4}

Count = int | Fraction


class FormulaError(InvalidArgumentError):
    """A formula string is malformed; the message points at the offending character.

    Attributes
    ----------
    text : str
        The formula as given.
    position : int
        Index of the offending character in ``text``.

    Examples
    --------
    >>> try:
    ...     parse_formula("Fe2(SO4")
    ... except FormulaError as err:
    ...     print(err.position)
    3
    """

    def __init__(self, text: str, position: int, rule: str) -> None:
        self.text = text
        self.position = position
        self.rule = rule
        caret = " " * position + "^"
        super().__init__(f"formula {text!r}: {rule} at position {position}\n    {text}\n    {caret}")

    def __reduce__(self):
        return (type(self), (self.text, self.position, self.rule))


def format_count(n: Count) -> str:
    """A count as text: an int, or the exact terminating decimal of a Fraction (``19/20`` -> ``0.95``).

    >>> format_count(Fraction(5, 2)), format_count(3)
    ('2.5', '3')
    """
    if isinstance(n, bool) or not isinstance(n, (int, Fraction)):
        raise InvalidTypeError(f"n={n!r} must be an int or a Fraction")
    if isinstance(n, int):
        return str(n)
    den = n.denominator
    k = 0
    while den % 10 == 0 or den % 2 == 0 or den % 5 == 0:
        if den == 1:
            break
        den = den // 2 if den % 2 == 0 else den // 5 if den % 5 == 0 else den
        k += 1
    if den != 1:
        return f"({n.numerator}/{n.denominator})"
    scaled = n * 10**k
    while k and scaled.numerator % 10 == 0:
        scaled /= 10
        k -= 1
    s = str(scaled.numerator).rjust(k + 1, "0")
    return s[:-k] + "." + s[-k:] if k else s


def _norm(n: Count) -> Count:
    if isinstance(n, Fraction) and n.denominator == 1:
        return int(n)
    return n


@dataclass(frozen=True)
class Formula:
    """A parsed chemical formula: exact element counts, integer charge, optional phase.

    Attributes
    ----------
    text : str
        The formula as given.
    composition : tuple of (str, int or Fraction)
        Element symbols with positive counts, in Hill order (C, H, then alphabetical; alphabetical
        throughout when there is no carbon).  Isotopes are merged into their element.
    charge : int
        Net charge in units of the elementary charge.
    phase : str or None
        ``"aq"``, ``"s"``, ``"l"``, ``"g"``, ``"cr"`` or ``None``.
    nuclides : tuple of (str, int or Fraction)
        The composition with isotopes kept apart (``"[2H]"``, ``"[13C]"``); empty when no isotope is
        written.

    Examples
    --------
    >>> f = parse_formula("MnO4-(aq)")
    >>> f.composition, f.charge, f.phase
    ((('Mn', 1), ('O', 4)), -1, 'aq')
    >>> f.hill, parse_formula("SO4^2-").hill
    ('MnO4-', 'O4S^2-')
    >>> parse_formula("D2O").nuclides
    (('[2H]', 2), ('O', 1))
    """

    text: str
    composition: tuple[tuple[str, Count], ...]
    charge: int
    phase: str | None = None
    nuclides: tuple[tuple[str, Count], ...] = ()

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    @classmethod
    def from_counts(cls, counts: Mapping[str, int | Fraction], charge: int = 0, *, name: str | None = None,
                    phase: str | None = None) -> Formula:
        """A formula from a composition dict ``{element: count}`` (a custom substance).

        >>> Formula.from_counts({"C": 6, "H": 12, "O": 6}, name="glucose").hill
        'C6H12O6'
        """
        merged: dict[str, Count] = {}
        nuc: dict[str, Count] = {}
        for k, v in dict(counts).items():
            if not isinstance(k, str):
                raise InvalidTypeError(f"composition keys must be element symbols, got {k!r}")
            v = _check_count(k, v)
            el, label = _split_label(k)
            merged[el] = merged.get(el, 0) + v
            nuc[label] = nuc.get(label, 0) + v
        if isinstance(charge, bool) or not isinstance(charge, int):
            raise InvalidTypeError(f"charge must be an int, got {charge!r}")
        text = name if name is not None else _render_hill(_hill_order(merged), charge)
        nuclides = _hill_order(nuc) if set(nuc) != set(merged) else ()
        return cls(text, _hill_order({k: v for k, v in merged.items() if v}), charge, phase, nuclides)

    @property
    def counts(self) -> dict[str, Count]:
        """Element counts as a new dict (alphabetical keys)."""
        return dict(sorted(self.composition))

    @property
    def is_integral(self) -> bool:
        """True when every count is a whole number (False for ``Fe0.95O``)."""
        return all(isinstance(n, int) for _, n in self.composition)

    def integer_counts(self, *, what: str = "this operation") -> dict[str, int]:
        """The counts, refusing a formula with decimal subscripts by a clear error.

        >>> parse_formula("Fe0.95O").integer_counts(what="balance")
        Traceback (most recent call last):
        ...
        mathref.errors.InvalidArgumentError: 'Fe0.95O' has non-integer subscripts (Fe 0.95); balance needs ...
        """
        bad = [(e, n) for e, n in self.composition if not isinstance(n, int)]
        if bad:
            shown = ", ".join(f"{e} {format_count(n)}" for e, n in bad)
            raise InvalidArgumentError(
                f"{self.text!r} has non-integer subscripts ({shown}); {what} needs whole numbers: scale the "
                "formula (e.g. Fe19O20) or use molar_mass / mass_fractions")
        return self.counts

    @property
    def is_electron(self) -> bool:
        """True for the electron ``e-``: no atoms and charge -1."""
        return not self.composition and self.charge == -1

    @property
    def hill(self) -> str:
        """The Hill formula with a trailing charge, caret before a multiple charge (``e-`` for the electron)."""
        if self.is_electron:
            return "e-"
        return _render_hill(self.composition, self.charge)

    def count(self, element: str) -> Count:
        """Number of atoms of ``element`` (0 if absent)."""
        for s, n in self.composition:
            if s == element:
                return n
        return 0

    def _pieces(self):
        """(kind, text) tokens of the formula as written, charge and phase stripped."""
        if self.is_electron or not _looks_parsed_from_text(self):
            return _hill_pieces(self.composition)
        core = _strip_charge_and_phase_text(self.text)
        return _render_tokens(core)

    def latex(self) -> str:
        r"""LaTeX (math mode) for the formula as given, e.g. ``\mathrm{SO_{4}^{2-}}``.

        >>> parse_formula("C6H12O6").latex()
        '\\mathrm{C_{6}H_{12}O_{6}}'
        """
        if self.is_electron:
            return r"\mathrm{e^{-}" + self._phase_text() + "}"
        out = []
        for kind, t in self._pieces():
            if kind == "sub":
                out.append("_{" + t + "}")
            elif kind == "iso":
                out.append("{}^{" + t + "}")
            elif kind == "join":
                out.append(r"\cdot ")
            elif kind in "{}":
                out.append("\\" + kind)
            else:
                out.append(t)
        s = "".join(out)
        if self.charge:
            s += "^{" + _charge_text_out(self.charge) + "}"
        return r"\mathrm{" + s + self._phase_text() + "}"

    def _phase_text(self) -> str:
        return f"({self.phase})" if self.phase else ""

    def unicode(self) -> str:
        """Unicode text with sub- and superscripts, e.g. ``SO₄²⁻``.

        >>> parse_formula("SO4^2-").unicode(), parse_formula("CuSO4*5H2O").unicode()
        ('SO₄²⁻', 'CuSO₄·5H₂O')
        """
        if self.is_electron:
            return "e⁻" + self._phase_text()
        sub = str.maketrans("0123456789.", "₀₁₂₃₄₅₆₇₈₉.")
        sup = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
        out = []
        for kind, t in self._pieces():
            if kind == "sub":
                out.append(t.translate(sub))
            elif kind == "iso":
                out.append(t.translate(sup))
            elif kind == "join":
                out.append("·")
            else:
                out.append(t)
        return ("".join(out) + (_charge_text_out(self.charge).translate(sup) if self.charge else "")
                + self._phase_text())

    def html(self) -> str:
        """HTML with ``<sub>``/``<sup>``, e.g. ``SO<sub>4</sub><sup>2-</sup>``.

        >>> parse_formula("SO4^2-").html()
        'SO<sub>4</sub><sup>2-</sup>'
        """
        if self.is_electron:
            return "e<sup>-</sup>" + self._phase_text()
        out = []
        for kind, t in self._pieces():
            if kind == "sub":
                out.append(f"<sub>{t}</sub>")
            elif kind == "iso":
                out.append(f"<sup>{t}</sup>")
            elif kind == "join":
                out.append("&middot;")
            else:
                out.append(t)
        return ("".join(out) + (f"<sup>{_charge_text_out(self.charge)}</sup>" if self.charge else "")
                + self._phase_text())

    def molar_mass(self) -> Fraction:
        """Molar mass in g/mol from the standard atomic weights (exact Fraction; see :mod:`.atomic_weights`).

        >>> float(parse_formula("H2O").molar_mass())
        18.015
        """
        from .atomic_weights import atomic_weight

        labels = self.nuclides or self.composition
        return sum((n * atomic_weight(e) for e, n in labels), Fraction(0))

    def mass_fractions(self) -> dict[str, Fraction]:
        """Mass fraction of each element (exact Fractions summing to 1).

        >>> {k: round(float(v), 4) for k, v in parse_formula("H2O").mass_fractions().items()}
        {'H': 0.1119, 'O': 0.8881}
        """
        from .atomic_weights import atomic_weight

        labels = self.nuclides or self.composition
        parts: dict[str, Fraction] = {}
        for lab, n in labels:
            el, _ = _split_label(lab)
            parts[el] = parts.get(el, 0) + n * atomic_weight(lab)
        total = sum(parts.values(), Fraction(0))
        if not total:
            raise InvalidArgumentError(f"{self.text!r} has no atoms: mass fractions are undefined")
        return {e: parts[e] / total for e in sorted(parts)}


def _looks_parsed_from_text(f: Formula) -> bool:
    """True when ``f.text`` is a formula (not a user's name for a custom substance) of the same composition."""
    try:
        g = _parse(f.text)
    except (FormulaError, TypeError):
        return False
    return g.composition == f.composition and g.charge == f.charge


def _charge_text_out(q: int) -> str:
    mag = abs(q)
    return ("" if mag == 1 else str(mag)) + ("+" if q > 0 else "-")


def _render_hill(composition, charge: int) -> str:
    body = "".join(s + (format_count(n) if n != 1 else "") for s, n in composition)
    if charge:
        mag = abs(charge)
        # one element with a count: "Fe2+" would read as Fe with charge 2+, so the caret is written
        last = format_count(composition[-1][1]) if composition else "1"
        # and "FeMn10+" is ambiguous (SO42- style): a caret whenever the bare form would not read back
        caret = "^" if (len(composition) == 1 and last != "1") or len(last) > 1 else ""
        body += (caret if mag == 1 else f"^{mag}") + ("+" if charge > 0 else "-")
    return body


def _hill_pieces(composition):
    out = []
    for s, n in composition:
        out.append(("el", s))
        if n != 1:
            out.append(("sub", format_count(n)))
    return out


def _split_label(label: str) -> tuple[str, str]:
    """(element, nuclide label) of a composition key: ``"D"`` -> ``("H", "[2H]")``, ``"[13C]"`` -> ``"C"``, same."""
    if label in _ELEMENT_SET:
        return label, label
    if label in _ISOTOPE_LETTERS:
        return _ISOTOPE_LETTERS[label]
    m = re.fullmatch(r"\[(\d+)([A-Z][a-z]?)\]", label)
    if m and m.group(2) in _ELEMENT_SET and not m.group(1).startswith("0"):
        return m.group(2), label
    if label.isidentifier() and label[0].islower():
        return label, label  # an abstract component of a custom substance (chempy allows them too)
    raise InvalidArgumentError(f"unknown element or nuclide {label!r} (abstract components of custom "
                               "substances are lower-case identifiers such as 'eggs')")


def _check_count(key: str, v) -> Count:
    if isinstance(v, bool):
        raise InvalidTypeError(f"count of {key!r} must be an int or Fraction, got {v!r}")
    if isinstance(v, int):
        n: Count = v
    elif isinstance(v, Fraction):
        n = _norm(v)
    elif type(v).__module__.startswith("numpy") and hasattr(v, "is_integer") and float(v).is_integer():
        n = int(v)
    else:
        raise InvalidTypeError(f"count of {key!r} must be an int or Fraction (exact), got {v!r}")
    if n < 0:
        raise InvalidArgumentError(f"count of {key!r} must be >= 0, got {v!r}")
    return n


def _strip_charge_and_phase_text(text: str) -> str:
    t = text.strip().translate(_SUBSCRIPTS)
    low = t.lower()
    for tag in _PHASES:
        if low.endswith(tag) and len(t) > len(tag):
            t = t[: -len(tag)].rstrip()
            break
    core, _ = _split_charge(t, text)
    return core


def _hill_order(counts: dict[str, Count]) -> tuple[tuple[str, Count], ...]:
    def key(k):
        el, _ = _split_label(k)
        return (el, k)

    if "C" in counts:
        first = ["C"] + (["H"] if "H" in counts else [])
        keys = first + sorted((k for k in counts if k not in first), key=key)
    else:
        keys = sorted(counts, key=key)
    return tuple((k, _norm(counts[k])) for k in keys)


# ------------------------------------------------------------------ charges
def _split_charge(t: str, original: str) -> tuple[str, int]:
    """Split a trailing charge off ``t``; return (body, charge)."""
    m = _PAREN_CHARGE.search(t)
    if m and m.start() > 0:
        sign = m.group(1) or m.group(4)
        digits = m.group(2) if m.group(1) else m.group(3)
        mag = int(digits) if digits else 1
        if mag == 0:
            raise FormulaError(original, m.start(), "charge magnitude must be positive")
        return t[: m.start()], _SIGNS[sign] * mag
    # Unicode superscripts: a trailing run of them is a caret charge.
    k = len(t)
    while k > 0 and t[k - 1] in _SUPERSCRIPTS:
        k -= 1
    if k < len(t):
        sup = "".join(_SUPERSCRIPTS[c] for c in t[k:])
        return t[:k], _charge_text(sup, original, k)
    if "^" in t:
        return _split_caret_charge(t, original)
    return _split_bare_charge(t, original)


def _split_caret_charge(t: str, original: str) -> tuple[str, int]:
    """``body^spec`` or ``body^{spec}``."""
    k = t.index("^")
    spec = t[k + 1 :]
    if spec.startswith("{"):
        if not spec.endswith("}"):
            raise FormulaError(original, len(t) - 1 if spec else k, "charge after '^{' must end with '}'")
        spec = spec[1:-1]
        offset = k + 2
    else:
        offset = k + 1
    return t[:k], _charge_text(spec, original, offset)


def _split_bare_charge(t: str, original: str) -> tuple[str, int]:
    """Bare trailing sign(s), optionally with digits on one side: ``Fe+3``, ``SO4-2``, ``Fe++``, ``Fe3+``."""
    if not t or t[-1] not in _SIGNS and not t[-1].isdigit():
        return t, 0
    j = len(t)
    while j > 0 and t[j - 1].isdigit():
        j -= 1
    if j < len(t) and j > 0 and t[j - 1] in _SIGNS:
        # digits preceded by a sign: Fe+3, SO4-2
        s = j - 1
        if s > 0 and t[s - 1] in _SIGNS:
            raise FormulaError(original, s - 1, "a sign followed by a number must be a single sign")
        if len(t) - j > 6:
            raise FormulaError(original, j, "charge too large")
        return t[:s], _SIGNS[t[s]] * int(t[j:])
    if t[-1] not in _SIGNS:
        return t, 0
    return _split_trailing_signs(t, original)


def _split_trailing_signs(t: str, original: str) -> tuple[str, int]:
    """A run of signs at the end: ``++`` counts, one sign may follow a charge or a count."""
    s = len(t)
    while s > 0 and t[s - 1] in _SIGNS:
        s -= 1
    signs = t[s:]
    if len(set(_SIGNS[c] for c in signs)) != 1:
        raise FormulaError(original, s, "mixed '+' and '-' in a charge")
    sign = _SIGNS[signs[0]]
    if len(signs) > 1:
        return t[:s], sign * len(signs)
    # one sign, possibly preceded by digits: Fe3+ (charge), I3- or MnO4- (count)
    d = s
    while d > 0 and t[d - 1].isdigit():
        d -= 1
    if d == s:
        return t[:s], sign
    head, digits = t[:d], t[d:s]
    if head in _ELEMENT_SET or head in _ISOTOPE_LETTERS:
        return _single_symbol_rule(head, digits, sign, t, original, d)
    if s - d > 1 and not (d > 0 and t[d - 1] == "."):
        sg = "+" if sign > 0 else "-"
        raise FormulaError(
            original, d,
            f"ambiguous charge: {head}{digits[:-1]}^{digits[-1]}{sg} or {head}{digits}^{sg}; write the charge "
            f"with a caret (e.g. {head}{digits[:-1]}^{digits[-1]}{sg}) or as {head}{digits[:-1]}{sg}{digits[-1]}")
    return t[:s], sign


def _single_symbol_rule(head: str, digits: str, sign: int, t: str, original: str, d: int) -> tuple[str, int]:
    """The "Fe3+ rule" (module Notes): charge or count after a single element symbol."""
    n = int(digits) if len(digits) <= 6 else 10**6
    sym = _ISOTOPE_LETTERS[head][0] if head in _ISOTOPE_LETTERS else head
    key = (sym, n, sign)
    sg = "+" if sign > 0 else "-"
    if key in _AMBIGUOUS_IONS:
        raise FormulaError(original, d, f"ambiguous ion ({_AMBIGUOUS_IONS[key]}): write {head}^{n}{sg} for the "
                                        f"monatomic ion or {head}{n}^{sg} for the {head}{n} ion")
    if key in _CLUSTER_IONS:
        return t[: len(t) - 1], sign
    monatomic = n <= min(8, _Z[sym]) if sign > 0 else n <= _MAX_ANION.get(sym, 1)
    if monatomic:
        return head, sign * n
    return t[: len(t) - 1], sign


def _charge_text(spec: str, original: str, offset: int) -> int:
    if not spec:
        raise FormulaError(original, max(offset - 1, 0), "empty charge")
    if spec[0] in _SIGNS:
        sign, digits, dpos = _SIGNS[spec[0]], spec[1:], 1
    elif spec[-1] in _SIGNS:
        sign, digits, dpos = _SIGNS[spec[-1]], spec[:-1], 0
    else:
        raise FormulaError(original, offset, "charge needs a '+' or '-' sign")
    if digits and all(c in _SIGNS for c in digits) and spec[0] in _SIGNS:
        if len({_SIGNS[c] for c in spec}) != 1:
            raise FormulaError(original, offset, "mixed '+' and '-' in a charge")
        return sign * len(spec)
    if digits and not digits.isdigit():
        bad = next(i for i, c in enumerate(digits) if not c.isdigit())
        raise FormulaError(original, offset + dpos + bad, "unexpected character in charge")
    if len(digits) > 6:
        raise FormulaError(original, offset, "charge too large")
    mag = int(digits) if digits else 1
    if mag == 0:
        raise FormulaError(original, offset, "charge magnitude must be positive")
    return sign * mag


# ------------------------------------------------------------------ body tokens
def _tokens(t: str, original: str, shift: int) -> list[tuple[str, object, int]]:
    """Tokens of a charge-free body: ("el", (element, label)), ("num", count), "(", ")", "[", "]", ("join", ch).

    Positions are indices into the original text.  Decimal points and isotope brackets are resolved here.
    """
    out: list[tuple[str, object, int]] = []
    i, n = 0, len(t)

    def fail(rule, at):
        raise FormulaError(original, shift + at, rule)

    while i < n:
        c = t[i]
        if c == "[" and i + 1 < n and t[i + 1].isdigit():
            m = re.match(r"\[(\d+)([A-Z][a-z]?)\]", t[i:])
            if not m or m.group(2) not in _ELEMENT_SET:
                fail("an isotope is written [mass number + element symbol], e.g. [13C]", i)
            if m.group(1).startswith("0") or len(m.group(1)) > 3:
                fail("a mass number is a positive integer of at most three digits", i + 1)
            out.append(("el", (m.group(2), f"[{m.group(1)}{m.group(2)}]"), i))
            i += m.end()
        elif c.isupper():
            j = i + 1
            if j < n and t[j].islower():
                j += 1
            sym = t[i:j]
            if sym in _ELEMENT_SET:
                out.append(("el", (sym, sym), i))
            elif sym in _ISOTOPE_LETTERS:
                out.append(("el", _ISOTOPE_LETTERS[sym], i))
            elif j - i == 2 and t[i] in _ISOTOPE_LETTERS and t[i + 1] in "abcdefghijklmnopqrstuvwxyz":
                fail(f"unknown element symbol {sym!r}", i)
            else:
                fail(f"unknown element symbol {sym!r}", i)
            i = j
        elif c.isdigit() or (c == "." and i + 1 < n and t[i + 1].isdigit() and out
                             and out[-1][0] in ("el", ")", "]", "}")):
            i = _number_token(t, i, out, original, shift)
        elif c in "()[]{}":
            out.append((c, c, i))
            i += 1
        elif c == "." and t[i : i + 2] == "..":
            out.append(("join", "..", i))  # chempy's hydrate joiner
            i += 2
        elif c in _JOINERS:
            out.append(("join", c, i))
            i += 1
        elif c.isspace():
            fail("whitespace inside a formula", i)
        elif c.islower():
            fail(f"element symbols start with an upper-case letter, found {c!r}", i)
        else:
            fail(f"unexpected character {c!r}", i)
    return out


def _number_token(t: str, i: int, out: list, original: str, shift: int) -> int:
    """A count (``12``, ``0.95``, ``.95``) starting at ``i``; returns the index after it."""
    n = len(t)
    j = i
    while j < n and t[j].isdigit():
        j += 1
    whole = t[i:j]
    after_symbol = bool(out) and out[-1][0] in ("el", ")", "]", "}")
    frac = ""
    if j < n and t[j] == "." and j + 1 < n and t[j + 1].isdigit() and (after_symbol or not whole):
        k = j + 1
        while k < n and t[k].isdigit():
            k += 1
        rest = t[k:]
        if re.match(r"(H2O|D2O)(?![a-z0-9])", rest) and whole:
            mult = t[j + 1 : k]
            raise FormulaError(
                original, shift + j,
                f"ambiguous '.': a hydrate {t[:j]}·{mult}{rest[:3]} or a decimal subscript {whole}.{mult}; "
                f"write '·' or '*' for a hydrate ({t[:j]}*{mult}{rest[:3]})")
        frac = t[j + 1 : k]
        j = k
    digits = whole + frac
    if len(digits) > _MAX_DIGITS:
        raise FormulaError(original, shift + i, f"a count has more than {_MAX_DIGITS} digits")
    if whole.startswith("0") and not frac:
        raise FormulaError(original, shift + i, "counts must be positive integers without leading zeros")
    value: Count = int(whole) if not frac else Fraction(int(digits), 10 ** len(frac))
    if value == 0:
        raise FormulaError(original, shift + i, "counts must be positive")
    out.append(("num", _norm(value), i))
    return j


def _render_tokens(core: str):
    """(kind, text) pieces for the renderers: element, subscript, isotope mass, bracket, joiner, multiplier."""
    toks = _tokens(core, core, 0)
    pieces = []
    for k, (kind, val, pos) in enumerate(toks):
        if kind == "el":
            el, label = val
            if label != el and label.startswith("["):
                pieces.append(("iso", label[1:-1].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")))
                pieces.append(("el", el))
            else:
                pieces.append(("el", core[pos : pos + (2 if pos + 1 < len(core) and core[pos + 1].islower() else 1)]))
        elif kind == "num":
            prev = toks[k - 1][0] if k else None
            pieces.append(("sub" if prev in ("el", ")", "]", "}") else "mult", format_count(val)))
        elif kind == "join":
            pieces.append(("join", val))
        else:
            pieces.append((kind, val))
    return pieces


def _parse_body(toks: list, original: str, shift: int) -> tuple[dict, dict]:
    """Counts (merged by element, and by nuclide label) of a token list; an explicit stack, no recursion."""
    total_el: dict[str, Count] = {}
    total_nu: dict[str, Count] = {}
    stack: list[tuple[dict, str, int]] = []
    cur: dict[tuple[str, str], Count] = {}
    mult: Count = 1
    part_start = True
    i, n = 0, len(toks)

    def fail(rule, at):
        raise FormulaError(original, shift + at, rule)

    def take_count() -> Count:
        nonlocal i
        if i < n and toks[i][0] == "num":
            i += 1
            return toks[i - 1][1]
        return 1

    def finish_part(at):
        if not cur:
            fail("expected an element symbol", at)
        for (el, lab), v in cur.items():
            total_el[el] = total_el.get(el, 0) + v * mult
            total_nu[lab] = total_nu.get(lab, 0) + v * mult

    while i < n:
        kind, val, pos = toks[i]
        if kind == "num":
            if not part_start:
                fail("a count must follow an element or a group", pos)
            if not total_el:
                fail("a formula cannot start with a number (a multiplier belongs after a hydrate joiner)", 0)
            mult = val
            i += 1
            part_start = False
            continue
        part_start = False
        if kind == "el":
            i += 1
            cnt = take_count()
            cur[val] = cur.get(val, 0) + cnt
        elif kind in "([{":
            stack.append((cur, kind, pos))
            cur = {}
            i += 1
        elif kind in ")]}":
            if not stack:
                fail(f"unmatched {kind!r}", pos)
            outer, opener, open_pos = stack.pop()
            want = {"(": ")", "[": "]", "{": "}"}[opener]
            if kind != want:
                fail(f"expected {want!r} to close the group, found {kind!r}", pos)
            if not cur:
                fail("empty group", open_pos)
            i += 1
            cnt = take_count()
            for key, v in cur.items():
                outer[key] = outer.get(key, 0) + v * cnt
            cur = outer
        else:  # joiner
            if stack:
                fail(f"hydrate joiner {val!r} inside a group", pos)
            finish_part(pos)
            if i + 1 >= n:
                fail("nothing after the hydrate joiner", pos)
            cur, mult, part_start = {}, 1, True
            i += 1
    if stack:
        _, opener, open_pos = stack[-1]
        fail(f"unclosed {opener!r}", open_pos)
    finish_part(toks[-1][2] + 1 if toks else 0)
    return total_el, total_nu


def _parse(text: str) -> Formula:
    original = text
    lead = len(text) - len(text.lstrip())
    t = text.strip().translate(_SUBSCRIPTS)
    if not t:
        raise FormulaError(original, 0, "empty formula")
    phase = None
    low = t.lower()
    for tag in _PHASES:
        if low.endswith(tag) and len(t) > len(tag):
            phase = tag[1:-1]
            t = t[: -len(tag)].rstrip()
            break
    if t in _ELECTRON:
        return Formula(original, (), -1, phase)
    try:
        body, charge = _split_charge(t, t)
    except FormulaError as err:
        raise FormulaError(original, err.position + lead, err.rule) from None
    if not body:
        raise FormulaError(original, lead, "expected an element symbol")
    toks = _tokens(body, original, lead)
    if not toks:
        raise FormulaError(original, lead, "expected an element symbol")
    if toks[0][0] == "num":
        raise FormulaError(original, lead,
                           "a formula cannot start with a number (a multiplier belongs after a hydrate joiner)")
    el, nu = _parse_body(toks, original, lead)
    nuclides = _hill_order(nu) if set(nu) != set(el) else ()
    return Formula(original, _hill_order(el), charge, phase, nuclides)


@bounded_cache(maxsize=4096, name="algebra.chemistry.parse_formula")
def _parse_cached(text: str) -> Formula:
    return _parse(text)


def parse_formula(text: str) -> Formula:
    """Parse a chemical formula into exact element counts, charge and phase.

    The result is exact (Python ints, or Fractions for decimal subscripts).  Malformed input raises
    :class:`FormulaError`, a ``ValueError`` whose message names the rule broken, the position of the
    offending character and shows a caret under it; a non-string raises ``TypeError``.

    Parameters
    ----------
    text : str
        A formula such as ``"Fe2(SO4)3·9H2O"``, ``"K4[Fe(CN)6]"``, ``"MnO4^-"``, ``"Fe3+(aq)"``,
        ``"[13C]H4"`` or ``"e-"``.  See the module docstring for every spelling.

    Returns
    -------
    Formula

    Notes
    -----
    Charges may be written after a caret (``^2-``, ``^{2+}``, ``^+3``), as a bare sign with an optional
    number (``-``, ``+3``, ``-2``, ``++``), in parentheses (``(3+)``, ``(-)``), as Unicode superscripts,
    or as ``<digit><sign>`` directly after a single element symbol (``Fe3+``; the module Notes give the
    rule).  Results are cached in a bounded, thread-safe cache; :class:`Formula` is immutable.

    Examples
    --------
    >>> parse_formula("CuSO4*5H2O").counts
    {'Cu': 1, 'H': 10, 'O': 9, 'S': 1}
    >>> parse_formula("K4[Fe(CN)6]").hill
    'C6FeK4N6'
    >>> parse_formula("e-").is_electron, parse_formula("Fe(+3)").charge
    (True, 3)
    >>> parse_formula("Fe2(SO4")
    Traceback (most recent call last):
    ...
    mathref.algebra.chemistry.formula.FormulaError: formula 'Fe2(SO4': unclosed '(' at position 3
        Fe2(SO4
           ^
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"formula must be a str, got {type(text).__name__}")
    return _parse_cached(text)
