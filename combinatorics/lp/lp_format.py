"""Reader of the (CPLEX) LP file format, as CPLEX documents it and as HiGHS, PuLP and CPLEX write it.

Exact: every number is read as a :class:`fractions.Fraction` from its decimal
text (``inf``/``infinity`` and ±1e30 mean infinite bounds).  Reading runs in
stages: split the text into sections (keywords in any case, every spelling
CPLEX allows), tokenise each section keeping line numbers, read the
objective, the rows (plain, reversed and ranged), the bounds (through the
shared bound table of :mod:`.bounds`) and the type sections, then assemble the
model.  Malformed text raises :class:`~.source.ModelFileError` naming the line.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from .bounds import BoundCollector
from .model import INTEGER, SEMI_CONTINUOUS, SEMI_INTEGER, LPModel, normalise_sense
from .numbers import INF, parse_number
from .source import ModelFileError, read_source

if TYPE_CHECKING:
    import os

__all__ = ["read_lp"]

_TOKEN = re.compile(
    r"""\s*(?:(?P<sense><=|=<|>=|=>|<|>|=)|(?P<colon>:)|(?P<sign>[+-])
    |(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<name>[A-Za-z_!"\#$%&()/,;?@'`{}|~][A-Za-z0-9_!"\#$%&()/,.;?@'`{}|~\[\]]*)|(?P<bad>\S))""",
    re.VERBOSE,
)

# a keyword ends at a blank, a colon-free end of word or the end of the line (``s.t.`` ends in a dot, so no \b)
_END = r"(?=\s|$)"
_SECTIONS = [
    (re.compile(r"^(minimize|minimise|minimum|min)" + _END, re.I), "min"),
    (re.compile(r"^(maximize|maximise|maximum|max)" + _END, re.I), "max"),
    (re.compile(r"^(subject\s+to|such\s+that|s\.t\.|st\.|st)" + _END, re.I), "st"),
    (re.compile(r"^(bounds|bound)" + _END, re.I), "bounds"),
    (re.compile(r"^(generals|general|gen|integers|integer)" + _END, re.I), "general"),
    (re.compile(r"^(binaries|binary|bin)" + _END, re.I), "binary"),
    (re.compile(r"^(semi-continuous|semis|semi)" + _END, re.I), "semi"),
    (re.compile(r"^(sos1|sos2|sos)" + _END, re.I), "sos"),
    (re.compile(r"^end" + _END, re.I), "end"),
]

#: LP bound relations as bound types of :data:`.bounds.BOUND_TYPES`: (relation, variable on the right?) -> type.
_RELATION_BOUND = {
    ("<=", False): "UP",  # x <= u
    ("<=", True): "LO",   # l <= x
    (">=", False): "LO",  # x >= l
    (">=", True): "UP",   # u >= x
    ("==", False): "FX",
    ("==", True): "FX",
}


class _Tok(NamedTuple):
    kind: str
    text: str
    line: int


class _Section(NamedTuple):
    kind: str
    line: int
    lines: list  # [(line number, text)]


def _error(line, message):
    return ModelFileError("LP", line, message)


# ---------------------------------------------------------------------------
# stage 1: sections and tokens
# ---------------------------------------------------------------------------


def _section_start(line, first):
    """The section ``line`` opens and the rest of the line, or None; objective keywords only open the file."""
    for pat, kind in _SECTIONS:
        mt = pat.match(line)
        if mt and (kind in ("min", "max")) == first:
            return kind, line[mt.end():].strip()
    return None


def _split_sections(text):
    """``[_Section]`` in file order, comments and blank lines dropped; stops at ``End``."""
    sections = []
    current = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("\\", 1)[0].strip()
        if not line:
            continue
        opened = _section_start(line, current is None)
        if opened is not None:
            current = _Section(opened[0], lineno, [])
            sections.append(current)
            if current.kind == "end":
                break  # CPLEX ignores what follows End
            line = opened[1]
        if current is None:
            raise _error(lineno, f"LP text must start with Minimize or Maximize, found {line!r}")
        if line:
            current.lines.append((lineno, line))
    if not sections:
        raise _error(None, "no model: LP text must start with a Minimize or Maximize section")
    if sections[-1].kind != "end":
        raise _error(None, "LP text must finish with End")
    return sections


def _tokens(lines):
    out = []
    for lineno, text in lines:
        pos = 0
        while pos < len(text):
            mt = _TOKEN.match(text, pos)
            if mt is None or mt.end() == pos:
                break
            pos = mt.end()
            kind = mt.lastgroup
            if kind == "bad":
                ch = mt.group(kind)
                hint = " (quadratic terms are not supported)" if ch in "[]^*" else ""
                raise _error(lineno, f"unexpected character {ch!r}{hint}")
            out.append(_Tok(kind, mt.group(kind), lineno))
    return out


def _is_inf_name(tok):
    return tok.kind == "name" and tok.text.lower() in ("inf", "infinity")


def _is_label(toks, i):
    """Whether ``toks[i:]`` starts with ``name :``."""
    return toks[i].kind == "name" and i + 1 < len(toks) and toks[i + 1].kind == "colon"


# ---------------------------------------------------------------------------
# stage 2: expressions, rows and bounds into a builder
# ---------------------------------------------------------------------------


class _LPBuilder:
    """Everything read so far; variables are numbered in order of first mention."""

    def __init__(self):
        self.var_index = {}
        self.names = []
        self.objective = {}
        self.objective_constant = Fraction(0)
        self.rows, self.senses, self.rhs, self.row_names, self.range_lower, self.row_lines = [], [], [], [], [], []
        self.bounds = BoundCollector()
        self.integer, self.binary, self.semi = set(), set(), set()

    def var(self, name):
        if name not in self.var_index:
            self.var_index[name] = len(self.names)
            self.names.append(name)
        return self.var_index[name]


def _read_signs(toks, i):
    sign = 1
    while i < len(toks) and toks[i].kind == "sign":
        if toks[i].text == "-":
            sign = -sign
        i += 1
    return sign, i


def _line_at(toks, i, default=None):
    return toks[min(i, len(toks) - 1)].line if toks else default


def _parse_expr(toks, i, builder):
    """Linear expression from toks[i:] up to a sense or the end; returns (dict var->coef, constant, next index).

    Terms are separated by signs: ``x y`` (two names in a row) is an error, as in CPLEX and HiGHS.
    """
    coefs = {}
    const = Fraction(0)
    first = True
    while i < len(toks) and toks[i].kind != "sense":
        if not first and toks[i].kind != "sign":
            raise _error(toks[i].line, f"expected + or - before {toks[i].text!r} (terms are separated by signs)")
        first = False
        sign, i = _read_signs(toks, i)
        if i >= len(toks) or toks[i].kind == "sense":
            raise _error(_line_at(toks, i), "expression ends with a sign")
        coef = None
        if toks[i].kind == "num":
            coef = Fraction(toks[i].text)
            i += 1
        if i < len(toks) and toks[i].kind == "name" and not _is_label(toks, i) and not _is_inf_name(toks[i]):
            j = builder.var(toks[i].text)
            i += 1
            coefs[j] = coefs.get(j, Fraction(0)) + sign * (Fraction(1) if coef is None else coef)
        elif coef is not None:
            const += sign * coef
        else:
            raise _error(toks[i].line, f"expected a term, found {toks[i].text!r}")
    return coefs, const, i


def _number_at(toks, i):
    """A signed number or ±inf at toks[i:], or None; returns (value, next index)."""
    sign, j = _read_signs(toks, i)
    if j < len(toks) and toks[j].kind == "num":
        return sign * parse_number(toks[j].text), j + 1
    if j < len(toks) and _is_inf_name(toks[j]):
        return sign * INF, j + 1
    return None, i


def _parse_rhs(toks, i):
    value, j = _number_at(toks, i)
    if value is None:
        raise _error(_line_at(toks, i), "expected a number after the sense")
    return value, j


def _interval(sense, value, left):
    """The (lo, hi) that ``value sense expr`` (left=True) or ``expr sense value`` puts on the expression."""
    if sense == "==":
        return value, value
    if (sense == "<=") != left:
        return -INF, value
    return value, INF


def _read_row(toks, i, b):
    """One ``[name:] [number sense] expr sense number`` row from toks[i:]; returns the next index."""
    line = toks[i].line
    name = None
    if _is_label(toks, i):
        name = toks[i].text
        i += 2
    if i >= len(toks):
        raise _error(line, f"constraint {name!r} has no expression")
    lead, j = _number_at(toks, i)
    lead_sense = None
    if lead is not None and j < len(toks) and toks[j].kind == "sense":
        lead_sense = normalise_sense(toks[j].text)  # a reversed (3 >= x) or ranged (-1 <= x <= 3) row
        i = j + 1
    coefs, const, i = _parse_expr(toks, i, b)
    lo, hi = -INF, INF
    if lead_sense is not None:
        lo, hi = _interval(lead_sense, lead, True)
    if i < len(toks) and toks[i].kind == "sense":
        sense = normalise_sense(toks[i].text)
        value, i = _parse_rhs(toks, i + 1)
        lo2, hi2 = _interval(sense, value, False)
        if lead_sense is not None and (lead_sense == "==" or sense == "==" or (lead_sense != sense)):
            raise _error(line, "a ranged row reads lo <= expr <= hi or hi >= expr >= lo")
        lo, hi = max(lo, lo2), min(hi, hi2)
    elif lead_sense is None:
        raise _error(_line_at(toks, i, line), "missing <=, >= or = (or an unsigned term in the row)")
    if i < len(toks) and toks[i].kind == "sense":
        raise _error(toks[i].line, "a ranged row reads lo <= expr <= hi (the number comes first)")
    lo, hi = lo - const, hi - const  # constants on the left move to the bounds (inf - c stays inf)
    b.rows.append(coefs)
    b.row_names.append(name)
    b.row_lines.append(line)
    if lo == -INF and hi == INF:
        raise _error(line, "infinite right-hand side (a free row)")
    if lo > hi:
        raise _error(line, f"empty range [{lo}, {hi}]")
    if lo == hi:
        b.senses.append("==")
        b.rhs.append(hi)
        b.range_lower.append(None)
    elif lo == -INF:
        b.senses.append("<=")
        b.rhs.append(hi)
        b.range_lower.append(None)
    elif hi == INF:
        b.senses.append(">=")
        b.rhs.append(lo)
        b.range_lower.append(None)
    else:
        b.senses.append("<=")
        b.rhs.append(hi)
        b.range_lower.append(lo)
    return i


def _read_objective(section, b):
    toks = _tokens(section.lines)
    i = 2 if len(toks) >= 2 and toks[0].kind == "name" and toks[1].kind == "colon" else 0
    coefs, const, i = _parse_expr(toks, i, b)
    if i != len(toks):
        raise _error(toks[i].line, "unexpected relational operator in the objective")
    for j, a in coefs.items():
        b.objective[j] = b.objective.get(j, Fraction(0)) + a
    b.objective_constant += const


def _read_rows(section, b):
    toks = _tokens(section.lines)
    i = 0
    while i < len(toks):
        i = _read_row(toks, i, b)


def _bound_items(toks, line):
    """Split a bound line into its (value | variable) items and the relations between them."""
    items, ops = [], []
    i = 0
    while i < len(toks):
        if toks[i].kind == "sense":
            ops.append(normalise_sense(toks[i].text))
            i += 1
        elif toks[i].kind == "name" and not _is_inf_name(toks[i]):
            items.append(("var", toks[i].text))
            i += 1
        else:
            value, i2 = _number_at(toks, i)
            if value is None:
                raise _error(line, f"cannot read this bound at {toks[i].text!r}")
            items.append(("num", value))
            i = i2
    if len(items) != len(ops) + 1 or not items:
        raise _error(line, "cannot read this bound")
    return items, ops


def _read_bound_line(lineno, text, b):
    toks = _tokens([(lineno, text)])
    if len(toks) == 2 and toks[0].kind == "name" and toks[1].kind == "name" and toks[1].text.lower() == "free":
        b.bounds.apply(b.var(toks[0].text), "FR")
        return
    items, ops = _bound_items(toks, lineno)
    names = [it[1] for it in items if it[0] == "var"]
    if len(names) != 1:
        raise _error(lineno, "a bound must name exactly one variable")
    j = b.var(names[0])
    for k, op in enumerate(ops):
        left, right = items[k], items[k + 1]
        # the value is the item on the other side of the relation from the variable
        on_right = left[0] != "var"
        b.bounds.apply(j, _RELATION_BOUND[op, on_right], left[1] if on_right else right[1])


def _read_bounds(section, b):
    for lineno, text in section.lines:
        _read_bound_line(lineno, text, b)


def _names_into(attr):
    def read(section, b):
        into = getattr(b, attr)
        for tok in _tokens(section.lines):
            if tok.kind != "name" or _is_inf_name(tok):
                raise _error(tok.line, f"expected a variable name, found {tok.text!r}")
            into.add(b.var(tok.text))
    return read


def _read_sos(section, b):
    if section.lines:  # an empty SOS section (HiGHS writes empty sections) is fine
        raise _error(section.lines[0][0], "SOS constraints are not supported")


def _ignore(section, b):
    return None


_SECTION_READERS = {
    "min": _read_objective,
    "max": _read_objective,
    "st": _read_rows,
    "bounds": _read_bounds,
    "general": _names_into("integer"),
    "binary": _names_into("binary"),
    "semi": _names_into("semi"),
    "sos": _read_sos,
    "end": _ignore,
}


# ---------------------------------------------------------------------------
# stage 3: the model
# ---------------------------------------------------------------------------


def _complete_row_names(names, lines):
    """Unnamed rows get ``R0, R1, ...`` (skipping names in use); duplicates are an error."""
    names = list(names)
    first = {}
    for c, line in zip(names, lines):
        if c is not None:
            if c in first:
                raise _error(line, f"duplicate constraint name {c!r} (first on line {first[c]})")
            first[c] = line
    used = set(first)
    k = 0
    for i, c in enumerate(names):
        if c is None:
            while f"R{k}" in used:
                k += 1
            names[i] = f"R{k}"
            used.add(names[i])
    return names


def _variable_type(j, b):
    integer = j in b.integer or j in b.binary
    if j in b.semi:
        return SEMI_INTEGER if integer else SEMI_CONTINUOUS
    return INTEGER if integer else 0


def _assemble(sense, b):
    n = len(b.names)
    lower, upper = b.bounds.lower_upper(n, binary=b.binary)
    integ = [_variable_type(j, b) for j in range(n)]
    cnames = _complete_row_names(b.row_names, b.row_lines)
    return LPModel(
        sense, tuple(b.objective.get(j, Fraction(0)) for j in range(n)),
        tuple(tuple(sorted((j, a) for j, a in r.items() if a != 0)) for r in b.rows), tuple(b.senses),
        tuple(b.rhs), tuple(lower), tuple(upper), tuple(integ), tuple(b.names), tuple(cnames),
        b.objective_constant, "", tuple(b.range_lower),
    )


def read_lp(text_or_path: str | os.PathLike[str]) -> LPModel:
    """Read a model in the (CPLEX) LP file format.

    Exact: every number is read as a :class:`fractions.Fraction` from its
    decimal text (``inf``/``infinity`` and ±1e30 mean infinite bounds).

    Supported, with keywords in any case: ``Minimize``/``Maximize`` (and
    ``min``, ``minimum``, ``minimise``, ...) with an optional ``name:`` and a
    constant term; ``Subject To`` (also ``such that``, ``st``, ``s.t.``,
    ``st.``) with named or unnamed rows ``expr <=|>=|= number`` over any number
    of lines (constants on the left move to the right), reversed rows
    ``number <= expr`` and ranged rows ``lo <= expr <= hi`` /
    ``hi >= expr >= lo``; ``Bounds`` with ``l <= x <= u``, ``x <= u``,
    ``x >= l``, ``l <= x``, ``x = v``, ``x free``; ``General``/``Integers``,
    ``Binary`` and ``Semi-continuous``/``Semi`` sections (a variable in both
    ``General`` and ``Semi`` is semi-integer); ``End`` (text after it is
    ignored); ``\\`` comments.  Empty sections are fine (HiGHS writes an
    empty ``bin`` or ``semi`` section).  Default bounds are [0, inf), [0, 1]
    for ``Binary``.  Quadratic terms and non-empty ``SOS`` sections raise.

    Parameters
    ----------
    text_or_path : str or os.PathLike
        LP text, or the path of an LP file.

    Raises
    ------
    ModelFileError
        (an :class:`~mathref.errors.InvalidArgumentError`) for malformed
        text, with the line number in the message and in ``.line``; e.g.
        ``obj: x y`` (two terms without a sign between them, which HiGHS and
        CPLEX reject too).

    Examples
    --------
    >>> m = read_lp('''
    ... Maximize
    ...  profit: 3 x + 2 y
    ... Subject To
    ...  wood: x + y <= 4
    ...  labour: x + 3 y <= 6
    ...  mix: -1 <= x - y <= 2
    ... Bounds
    ...  x <= 3
    ... General
    ...  y
    ... End''')
    >>> m.sense, m.variable_names, m.constraint_names, m.upper, m.integrality
    ('max', ('x', 'y'), ('wood', 'labour', 'mix'), (Fraction(3, 1), inf), (0, 1))
    >>> m.row_bounds[2]
    (Fraction(-1, 1), Fraction(2, 1))
    """
    sections = _split_sections(read_source(text_or_path))
    b = _LPBuilder()
    for section in sections:
        _SECTION_READERS[section.kind](section, b)
    return _assemble(sections[0].kind, b)
