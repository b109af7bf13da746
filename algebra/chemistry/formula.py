"""Chemical formulas: parse a formula string into exact element counts and a charge.

Everything here is exact: counts and charges are Python ints, nothing is ever a
float.  A malformed formula raises :class:`FormulaError` (a ``ValueError``)
whose message gives the position of the offending character and a caret under it.

Accepted spellings
------------------
* element symbols: all 118 (``H`` ... ``Og``); a symbol is an upper-case letter
  followed by at most one lower-case letter;
* groups in round or square brackets, nested to any depth, each with an optional
  count: ``Ca3(PO4)2``, ``K4[Fe(CN)6]``;
* hydrates and adducts joined by ``·``, ``•``, ``*`` or ``.``, each part with an
  optional leading multiplier: ``CuSO4·5H2O``, ``CuSO4*5H2O``;
* charges: ``MnO4-``, ``MnO4^-``, ``NH4+``, ``Fe+3``, ``Fe^{3+}``, ``Fe^3+``,
  ``Fe3+``, ``SO4^2-``, ``SO4-2``, ``Fe++``, and Unicode superscripts ``Fe³⁺``;
* ``e-`` (also ``e^-``, ``e⁻``) for the electron: no atoms, charge -1;
* a trailing phase tag ``(aq)``, ``(s)``, ``(l)``, ``(g)`` (also ``(cr)``), kept
  in :attr:`Formula.phase` but ignored for balancing.

Notes
-----
``Fe3+`` is ambiguous in principle (an Fe3 cluster with charge +1, or Fe with
charge +3).  We follow the textbook reading: when a bare (caret-less) trailing
``<digits><sign>`` follows a *single element symbol*, the digits are the charge
(``Fe3+``, ``O2-``, ``S2-``); after anything longer they are a count (``MnO4-``,
``NH4+``, ``NO3-``).  Write ``I3^-`` or ``Hg2^{2+}`` for the other reading, and
``SO4^2-`` (or ``SO4-2``) rather than ``SO42-``, which is rejected as ambiguous.

Examples
--------
>>> f = parse_formula("Fe2(SO4)3·9H2O")
>>> f.counts
{'Fe': 2, 'H': 18, 'O': 21, 'S': 3}
>>> parse_formula("Fe^{3+}").charge, parse_formula("SO4^2-").charge
(3, -2)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mathref.errors import InvalidArgumentError

__all__ = ["ELEMENTS", "Formula", "FormulaError", "parse_formula"]

#: The 118 element symbols in order of atomic number.
ELEMENTS: tuple[str, ...] = tuple(
    """H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br
    Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er
    Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md
    No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og""".split()
)
_ELEMENT_SET = frozenset(ELEMENTS)
_PHASES = ("(aq)", "(s)", "(l)", "(g)", "(cr)")
_JOINERS = "·•*.⋅"
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
                 "⁹": "9", "⁺": "+", "⁻": "-"}
_SIGNS = {"+": 1, "-": -1, "−": -1}  # the last one is U+2212 MINUS SIGN


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

    def __init__(self, text: str, position: int, rule: str):
        self.text = text
        self.position = position
        self.rule = rule
        caret = " " * position + "^"
        super().__init__(f"formula {text!r}: {rule} at position {position}\n    {text}\n    {caret}")


@dataclass(frozen=True)
class Formula:
    """A parsed chemical formula: exact element counts, integer charge, optional phase.

    Attributes
    ----------
    text : str
        The formula as given.
    composition : tuple of (str, int)
        Element symbols with positive counts, in Hill order (C, H, then alphabetical;
        alphabetical throughout when there is no carbon).
    charge : int
        Net charge in units of the elementary charge.
    phase : str or None
        ``"aq"``, ``"s"``, ``"l"``, ``"g"``, ``"cr"`` or ``None``.

    Examples
    --------
    >>> f = parse_formula("MnO4-(aq)")
    >>> f.composition, f.charge, f.phase
    ((('Mn', 1), ('O', 4)), -1, 'aq')
    >>> f.hill, parse_formula("SO4^2-").hill
    ('MnO4-', 'O4S^2-')
    """

    text: str
    composition: tuple[tuple[str, int], ...]
    charge: int
    phase: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Element counts as a new dict (alphabetical keys)."""
        return dict(sorted(self.composition))

    @property
    def is_electron(self) -> bool:
        """True for the electron ``e-``: no atoms and charge -1."""
        return not self.composition and self.charge == -1

    @property
    def hill(self) -> str:
        """The Hill formula with a trailing charge, caret before a multiple charge (``e-`` for the electron)."""
        if self.is_electron:
            return "e-"
        body = "".join(s + (str(n) if n != 1 else "") for s, n in self.composition)
        if self.charge:
            mag = abs(self.charge)
            body += ("" if mag == 1 else f"^{mag}") + ("+" if self.charge > 0 else "-")
        return body

    def count(self, element: str) -> int:
        """Number of atoms of ``element`` (0 if absent)."""
        for s, n in self.composition:
            if s == element:
                return n
        return 0

    def latex(self) -> str:
        r"""LaTeX for the formula as given, e.g. ``\mathrm{SO_{4}^{2-}}``."""
        f = self
        if f.is_electron:
            return r"\mathrm{e^{-}}"
        core = _strip_charge_and_phase_text(f.text)
        out = []
        for ch in core:
            if ch.isdigit() and out and (out[-1][-1].isalpha() or out[-1][-1] in ")]}"):
                out.append("_{" + ch + "}")
            elif ch.isdigit() and out and out[-1].startswith("_{"):
                out[-1] = out[-1][:-1] + ch + "}"
            elif ch in _JOINERS:
                out.append(r"\cdot ")
            else:
                out.append(ch)
        s = "".join(out)
        if f.charge:
            mag = abs(f.charge)
            s += "^{" + ("" if mag == 1 else str(mag)) + ("+" if f.charge > 0 else "-") + "}"
        return r"\mathrm{" + s + "}"


def _strip_charge_and_phase_text(text: str) -> str:
    t = text.strip().translate(_SUBSCRIPTS)
    for tag in _PHASES:
        if t.lower().endswith(tag):
            t = t[: -len(tag)].rstrip()
    core, _ = _split_charge(t, text)
    return core


def _hill_order(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    if "C" in counts:
        keys = ["C"] + (["H"] if "H" in counts else []) + sorted(k for k in counts if k not in ("C", "H"))
    else:
        keys = sorted(counts)
    return tuple((k, counts[k]) for k in keys)


def _split_charge(t: str, original: str) -> tuple[str, int]:
    """Split a trailing charge off ``t``; return (body, charge)."""
    # Unicode superscripts: a trailing run of them is a caret charge.
    k = len(t)
    while k > 0 and t[k - 1] in _SUPERSCRIPTS:
        k -= 1
    if k < len(t):
        sup = "".join(_SUPERSCRIPTS[c] for c in t[k:])
        return t[:k], _charge_text(sup, original, k, caret=True)
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
    return t[:k], _charge_text(spec, original, offset, caret=True)


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
    # one sign, possibly preceded by digits: Fe3+ (charge) or MnO4- (count)
    d = s
    while d > 0 and t[d - 1].isdigit():
        d -= 1
    if d == s:
        return t[:s], sign
    head = t[:d]
    if head in _ELEMENT_SET:
        return head, sign * int(t[d:s])
    if s - d > 1:
        raise FormulaError(
            original, d, "ambiguous charge: write the charge with a caret (e.g. SO4^2-) or as SO4-2"
        )
    return t[:s], sign


def _charge_text(spec: str, original: str, offset: int, *, caret: bool) -> int:
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
    mag = int(digits) if digits else 1
    if mag == 0:
        raise FormulaError(original, offset, "charge magnitude must be positive")
    return sign * mag


class _Parser:
    """Recursive-descent parser of a charge-free formula body."""

    def __init__(self, text: str, original: str, shift: int):
        self.t = text
        self.o = original
        self.shift = shift  # position of t[0] inside the original text
        self.i = 0

    def fail(self, rule: str, at: int | None = None):
        raise FormulaError(self.o, self.shift + (self.i if at is None else at), rule)

    def number(self) -> int | None:
        j = self.i
        while self.i < len(self.t) and self.t[self.i].isdigit():
            self.i += 1
        if j == self.i:
            return None
        if self.t[j] == "0":
            self.fail("counts must be positive integers without leading zeros", j)
        return int(self.t[j : self.i])

    def sequence(self, closer: str | None) -> dict[str, int]:
        """Counts of a run of elements and groups, up to ``closer`` (or a hydrate joiner at the top)."""
        counts: dict[str, int] = {}
        start = self.i
        while self.i < len(self.t):
            c = self.t[self.i]
            if c.isupper():
                self.element(counts)
            elif c in "([":
                self.group(counts, c)
            elif c in ")]":
                self.check_close(c, closer, start)
                return counts
            elif c in _JOINERS:
                if closer is not None:
                    self.fail(f"hydrate joiner {c!r} inside a group")
                return counts
            else:
                self.unexpected(c)
        return counts

    def element(self, counts: dict[str, int]) -> None:
        """An element symbol with an optional count."""
        j = self.i + 1
        if j < len(self.t) and self.t[j].islower():
            j += 1
        sym = self.t[self.i : j]
        if sym not in _ELEMENT_SET:
            self.fail(f"unknown element symbol {sym!r}")
        self.i = j
        n = self.number()
        counts[sym] = counts.get(sym, 0) + (1 if n is None else n)

    def group(self, counts: dict[str, int], opener: str) -> None:
        """A bracketed group with an optional count."""
        want = ")" if opener == "(" else "]"
        open_at = self.i
        self.i += 1
        inner = self.sequence(want)
        if self.i >= len(self.t):
            self.fail(f"unclosed {opener!r}", open_at)
        self.i += 1
        if not inner:
            self.fail("empty group", open_at)
        n = self.number()
        for k, v in inner.items():
            counts[k] = counts.get(k, 0) + v * (1 if n is None else n)

    def check_close(self, c: str, closer: str | None, start: int) -> None:
        """A closing bracket must close the group being read, and the group must not be empty."""
        if closer is None:
            self.fail(f"unmatched {c!r}")
        if c != closer:
            self.fail(f"expected {closer!r} to close the group, found {c!r}")
        if self.i == start:
            self.fail("empty group", self.i - 1)

    def unexpected(self, c: str) -> None:
        """Fail with the rule that a character outside every accepted spelling breaks."""
        if c.islower():
            self.fail(f"element symbols start with an upper-case letter, found {c!r}")
        elif c.isdigit():
            self.fail("a count must follow an element or a group")
        else:
            self.fail(f"unexpected character {c!r}")

    def formula(self) -> dict[str, int]:
        total: dict[str, int] = {}
        first = True
        while True:
            part_start = self.i
            mult = self.number()
            if first and mult is not None:
                self.fail("a formula cannot start with a number (a multiplier belongs after a hydrate joiner)", 0)
            first = False
            part = self.sequence(None)
            if not part:
                self.fail("expected an element symbol", self.i if self.i < len(self.t) else part_start)
            for k, v in part.items():
                total[k] = total.get(k, 0) + v * (1 if mult is None else mult)
            if self.i >= len(self.t):
                return total
            self.i += 1  # skip the joiner
            if self.i >= len(self.t):
                self.fail("nothing after the hydrate joiner", self.i - 1)


@lru_cache(maxsize=4096)
def parse_formula(text: str) -> Formula:
    """Parse a chemical formula into exact element counts, charge and phase.

    The result is exact (Python ints).  Malformed input raises
    :class:`FormulaError`, a ``ValueError`` whose message names the rule broken,
    the position of the offending character and shows a caret under it.

    Parameters
    ----------
    text : str
        A formula such as ``"Fe2(SO4)3·9H2O"``, ``"K4[Fe(CN)6]"``, ``"MnO4^-"``,
        ``"Fe3+(aq)"`` or ``"e-"``.  See the module docstring for every spelling.

    Returns
    -------
    Formula

    Notes
    -----
    Charges may be written after a caret (``^2-``, ``^{2+}``, ``^+3``), as a bare
    sign with an optional number (``-``, ``+3``, ``-2``, ``++``), as Unicode
    superscripts, or as ``<digit><sign>`` directly after a single element
    symbol (``Fe3+``).  Results are cached; :class:`Formula` is immutable.

    Examples
    --------
    >>> parse_formula("CuSO4*5H2O").counts
    {'Cu': 1, 'H': 10, 'O': 9, 'S': 1}
    >>> parse_formula("K4[Fe(CN)6]").hill
    'C6FeK4N6'
    >>> parse_formula("e-").is_electron
    True
    >>> parse_formula("Fe2(SO4")
    Traceback (most recent call last):
    ...
    mathref.algebra.chemistry.formula.FormulaError: formula 'Fe2(SO4': unclosed '(' at position 3
        Fe2(SO4
           ^
    """
    if not isinstance(text, str):
        raise TypeError(f"formula must be a str, got {type(text).__name__}")
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
    if t in ("e-", "e^-", "e⁻", "e^{-}", "e−"):
        return Formula(original, (), -1, phase)
    try:
        body, charge = _split_charge(t, t)
    except FormulaError as err:
        raise FormulaError(original, err.position + lead, err.rule) from None
    if not body:
        raise FormulaError(original, lead, "expected an element symbol")
    for pos, ch in enumerate(body):
        if ch.isspace():
            raise FormulaError(original, lead + pos, "whitespace inside a formula")
    counts = _Parser(body, original, lead).formula()
    return Formula(original, _hill_order(counts), charge, phase)
