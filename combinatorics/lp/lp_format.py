"""Reader of the (CPLEX) LP file format.

Exact: every number is read as a :class:`fractions.Fraction` from its decimal
text (``inf``/``infinity`` and ±1e30 mean infinite bounds).  Reading runs in
stages: split the text into sections, tokenise each section, read the
objective, the rows, the bounds (through the shared bound table of
:mod:`.bounds`) and the integrality sections, then assemble the model.
"""

from __future__ import annotations

import re
from fractions import Fraction

from mathref.errors import InvalidArgumentError

from .bounds import BoundCollector
from .model import LPModel, normalise_sense
from .numbers import INF
from .source import read_source

__all__ = ["read_lp"]

_TOKEN = re.compile(
    r"""\s*(?:(?P<sense><=|=<|>=|=>|<|>|=)|(?P<colon>:)|(?P<sign>[+-])
    |(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<name>[A-Za-z_!"\#$%&()/,;?@'`{}|~][A-Za-z0-9_!"\#$%&()/,.;?@'`{}|~\[\]]*)|(?P<bad>\S))""",
    re.VERBOSE,
)

_SECTIONS = [
    (re.compile(r"^(minimize|minimise|minimum|min)\b", re.I), "min"),
    (re.compile(r"^(maximize|maximise|maximum|max)\b", re.I), "max"),
    (re.compile(r"^(subject\s+to|such\s+that|s\.t\.|st)\b", re.I), "st"),
    (re.compile(r"^(bounds|bound)\b", re.I), "bounds"),
    (re.compile(r"^(generals|general|gen|integers|integer)\b", re.I), "general"),
    (re.compile(r"^(binaries|binary|bin)\b", re.I), "binary"),
    (re.compile(r"^(semi-continuous|semis|semi|sos)\b", re.I), "unsupported"),
    (re.compile(r"^end\b", re.I), "end"),
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


# ---------------------------------------------------------------------------
# stage 1: sections and tokens
# ---------------------------------------------------------------------------


def _section_start(line, first):
    """The section ``line`` opens and the rest of the line, or None; objective keywords only open the file."""
    for pat, kind in _SECTIONS:
        mt = pat.match(line)
        if mt and (kind in ("min", "max")) == first:
            if kind == "unsupported":
                raise InvalidArgumentError(f"LP section {line.split()[0]!r} is not supported")
            return kind, line[mt.end():].strip()
    return None


def _split_sections(text):
    """``[(kind, [lines])]`` in file order, comments and blank lines dropped."""
    sections = []
    current = None
    for raw in text.splitlines():
        line = raw.split("\\", 1)[0].strip()
        if not line:
            continue
        opened = _section_start(line, current is None)
        if opened is not None:
            current = [opened[0], []]
            sections.append(current)
            line = opened[1]
        if current is None:
            raise InvalidArgumentError(f"LP text must start with Minimize or Maximize, found {line!r}")
        if line:
            current[1].append(line)
    kinds = [s[0] for s in sections]
    if not kinds or kinds[0] not in ("min", "max"):
        raise InvalidArgumentError("LP text must start with a Minimize or Maximize section")
    if "end" not in kinds:
        raise InvalidArgumentError("LP text must finish with End")
    return sections


def _tokens(text, where):
    out = []
    pos = 0
    while pos < len(text):
        mt = _TOKEN.match(text, pos)
        if mt is None or mt.end() == pos:
            break
        pos = mt.end()
        kind = mt.lastgroup
        if kind == "bad":
            raise InvalidArgumentError(f"LP {where}: unexpected character {mt.group(kind)!r}")
        out.append((kind, mt.group(kind)))
    return out


def _is_inf_name(tok):
    return tok[0] == "name" and tok[1].lower() in ("inf", "infinity")


def _is_label(toks, i):
    """Whether ``toks[i:]`` starts with ``name :``."""
    return toks[i][0] == "name" and i + 1 < len(toks) and toks[i + 1][0] == "colon"


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
        self.rows, self.senses, self.rhs, self.row_names = [], [], [], []
        self.bounds = BoundCollector()
        self.integer, self.binary = set(), set()

    def var(self, name):
        if name not in self.var_index:
            self.var_index[name] = len(self.names)
            self.names.append(name)
        return self.var_index[name]


def _read_signs(toks, i):
    sign = 1
    while i < len(toks) and toks[i][0] == "sign":
        if toks[i][1] == "-":
            sign = -sign
        i += 1
    return sign, i


def _parse_expr(toks, i, builder, where):
    """Linear expression from toks[i:] up to a sense; returns (dict var->coef, constant, next index)."""
    coefs = {}
    const = Fraction(0)
    while i < len(toks) and toks[i][0] != "sense":
        sign, i = _read_signs(toks, i)
        if i >= len(toks):
            raise InvalidArgumentError(f"LP {where}: expression ends with a sign")
        coef = None
        if toks[i][0] == "num":
            coef = Fraction(toks[i][1])
            i += 1
        if i < len(toks) and toks[i][0] == "name" and not _is_label(toks, i):
            j = builder.var(toks[i][1])
            i += 1
            coefs[j] = coefs.get(j, Fraction(0)) + sign * (Fraction(1) if coef is None else coef)
        elif coef is not None:
            const += sign * coef
        else:
            raise InvalidArgumentError(f"LP {where}: expected a term, found {toks[i][1]!r}")
    return coefs, const, i


def _parse_rhs(toks, i, where):
    sign, i = _read_signs(toks, i)
    if i < len(toks) and toks[i][0] == "num":
        return sign * Fraction(toks[i][1]), i + 1
    if i < len(toks) and _is_inf_name(toks[i]):
        return sign * INF, i + 1
    raise InvalidArgumentError(f"LP {where}: expected a number after the sense")


def _read_objective(lines, b):
    toks = _tokens(" ".join(lines), "objective")
    i = 2 if len(toks) >= 2 and toks[0][0] == "name" and toks[1][0] == "colon" else 0
    coefs, const, i = _parse_expr(toks, i, b, "objective")
    if i != len(toks):
        raise InvalidArgumentError("LP objective: unexpected relational operator")
    for j, a in coefs.items():
        b.objective[j] = b.objective.get(j, Fraction(0)) + a
    b.objective_constant += const


def _read_row(toks, i, b):
    """One ``[name:] expr sense number`` row from toks[i:]; returns the next index."""
    name = None
    if _is_label(toks, i):
        name = toks[i][1]
        i += 2
    where = f"constraint {name or len(b.rows)}"
    coefs, const, i = _parse_expr(toks, i, b, where)
    if i >= len(toks):
        raise InvalidArgumentError(f"LP {where}: missing <=, >= or =")
    if not coefs:
        raise InvalidArgumentError(f"LP {where}: a number on the left (ranged or reversed constraint) is not supported")
    sense = normalise_sense(toks[i][1])
    value, i = _parse_rhs(toks, i + 1, where)
    if i < len(toks) and toks[i][0] == "sense":
        raise InvalidArgumentError(f"LP {where}: ranged constraints are not supported")
    if isinstance(value, float):
        raise InvalidArgumentError(f"LP {where}: infinite right-hand side")
    b.rows.append(dict(coefs))
    b.senses.append(sense)
    b.rhs.append(value - const)
    b.row_names.append(name)
    return i


def _read_rows(lines, b):
    toks = _tokens(" ".join(lines), "constraints")
    i = 0
    while i < len(toks):
        i = _read_row(toks, i, b)


def _bound_items(toks, where):
    """Split a bound line into its (value | variable) items and the relations between them."""
    items, ops = [], []
    i = 0
    while i < len(toks):
        if toks[i][0] == "sense":
            ops.append(normalise_sense(toks[i][1]))
            i += 1
        elif toks[i][0] == "name" and not _is_inf_name(toks[i]):
            items.append(("var", toks[i][1]))
            i += 1
        else:
            value, i = _parse_rhs(toks, i, where)
            items.append(("num", value))
    if len(items) != len(ops) + 1 or not items:
        raise InvalidArgumentError(f"LP {where}: cannot read this bound")
    return items, ops


def _read_bound_line(line, b):
    toks = _tokens(line, "bounds")
    where = f"bound {line!r}"
    if len(toks) == 2 and toks[0][0] == "name" and toks[1][0] == "name" and toks[1][1].lower() == "free":
        b.bounds.apply(b.var(toks[0][1]), "FR")
        return
    items, ops = _bound_items(toks, where)
    names = [it[1] for it in items if it[0] == "var"]
    if len(names) != 1:
        raise InvalidArgumentError(f"LP {where}: a bound must name exactly one variable")
    j = b.var(names[0])
    for k, op in enumerate(ops):
        left, right = items[k], items[k + 1]
        # the value is the item on the other side of the relation from the variable
        on_right = left[0] != "var"
        b.bounds.apply(j, _RELATION_BOUND[op, on_right], left[1] if on_right else right[1])


def _read_names(lines, b, into):
    for nm in " ".join(lines).split():
        into.add(b.var(nm))


_SECTION_READERS = {
    "min": _read_objective,
    "max": _read_objective,
    "st": _read_rows,
    "bounds": lambda lines, b: [_read_bound_line(line, b) for line in lines],
    "general": lambda lines, b: _read_names(lines, b, b.integer),
    "binary": lambda lines, b: _read_names(lines, b, b.binary),
    "end": lambda lines, b: None,
}


# ---------------------------------------------------------------------------
# stage 3: the model
# ---------------------------------------------------------------------------


def _complete_row_names(names):
    """Unnamed rows get ``R0, R1, ...`` (skipping names in use); duplicates are an error."""
    names = list(names)
    used = set(c for c in names if c is not None)
    k = 0
    for i, c in enumerate(names):
        if c is None:
            while f"R{k}" in used:
                k += 1
            names[i] = f"R{k}"
            used.add(names[i])
    if len(set(names)) != len(names):
        raise InvalidArgumentError("LP constraints: duplicate constraint names")
    return names


def _assemble(sense, b):
    n = len(b.names)
    lower, upper = b.bounds.lower_upper(n, binary=b.binary)
    integ = [1 if j in b.integer or j in b.binary else 0 for j in range(n)]
    cnames = _complete_row_names(b.row_names)
    return LPModel(
        sense, tuple(b.objective.get(j, Fraction(0)) for j in range(n)),
        tuple(tuple(sorted((j, a) for j, a in r.items() if a != 0)) for r in b.rows), tuple(b.senses),
        tuple(b.rhs), tuple(lower), tuple(upper), tuple(integ), tuple(b.names), tuple(cnames),
        b.objective_constant,
    )


def read_lp(text_or_path) -> LPModel:
    """Read a model in the (CPLEX) LP file format.

    Exact: every number is read as a :class:`fractions.Fraction` from its
    decimal text (``inf``/``infinity`` and ±1e30 mean infinite bounds).

    Supported: ``Minimize``/``Maximize`` (and abbreviations) with an optional
    ``name:`` and constant term; ``Subject To`` with named or unnamed linear
    rows ``expr <=|>=|= number`` over any number of lines (constants on the
    left move to the right); ``Bounds`` with ``l <= x <= u``, ``x <= u``,
    ``x >= l``, ``l <= x``, ``x = v``, ``x free``; ``General``/``Integers`` and
    ``Binary`` sections; ``End``; ``\\`` comments.  Default bounds are [0, inf).
    Quadratic terms, ranged rows, SOS and semi-continuous sections raise
    :class:`~mathref.errors.InvalidArgumentError`.

    Parameters
    ----------
    text_or_path : str or os.PathLike
        LP text, or the path of an LP file.

    Examples
    --------
    >>> m = read_lp('''
    ... Maximize
    ...  profit: 3 x + 2 y
    ... Subject To
    ...  wood: x + y <= 4
    ...  labour: x + 3 y <= 6
    ... Bounds
    ...  x <= 3
    ... General
    ...  y
    ... End''')
    >>> m.sense, m.variable_names, m.constraint_names, m.upper, m.integrality
    ('max', ('x', 'y'), ('wood', 'labour'), (Fraction(3, 1), inf), (0, 1))
    """
    sections = _split_sections(read_source(text_or_path))
    b = _LPBuilder()
    for kind, lines in sections:
        _SECTION_READERS[kind](lines, b)
    return _assemble(sections[0][0], b)
