"""Reader of the MPS format (fixed or free columns; names without spaces), as CPLEX, HiGHS and PuLP write it.

Exact: numbers are read as :class:`fractions.Fraction`.  A header line (no
leading blank) switches section; each data line goes to its section's
handler; ``BOUNDS`` lines go through the shared bound table of
:mod:`.bounds`; ``RANGES`` turn rows into intervals; the model is assembled at
``ENDATA``, which is required.  Malformed text raises
:class:`~.source.ModelFileError` naming the line.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError

from .bounds import BOUND_TYPES, BoundCollector
from .model import INTEGER, SEMI_CONTINUOUS, SEMI_INTEGER, LPModel, normalise_objective_sense
from .numbers import INF, parse_number
from .source import ModelFileError, read_source

if TYPE_CHECKING:
    import os

__all__ = ["MARKER_INTEGER_BOUNDS", "read_mps"]

_DATA_SECTIONS = ("ROWS", "COLUMNS", "RHS", "RANGES", "BOUNDS")
_ROW_TYPES = {"N": "N", "L": "<=", "G": ">=", "E": "=="}

#: Bounds of an integer column declared between ``'MARKER'`` lines that has no bound line at all.
MARKER_INTEGER_BOUNDS = {"binary": (Fraction(0), Fraction(1)), "nonnegative": (Fraction(0), INF)}


class _MPSReader:
    """State of one MPS file being read: the section, rows, columns, entries and bounds seen so far."""

    def __init__(self):
        self.name = ""
        self.sense = "min"
        self.section = None
        self.obj_name = None  # from OBJNAME
        self.obj_row = None
        self.row_kind = {}
        self.row_order = []
        self.col_index = {}
        self.col_names = []
        self.entries = {}  # (row, col) -> value
        self.obj = {}
        self.rhs = {}
        self.ranges = {}
        self.obj_const = Fraction(0)
        self.bounds = BoundCollector()
        self.integer = set()
        self.in_int = False
        self.ended = False

    def error(self, lineno, message):
        return ModelFileError("MPS", lineno, message)

    # -- headers -------------------------------------------------------------
    def header(self, parts, lineno) -> None:
        """Handle a section header line (sets ``ended`` at ``ENDATA``)."""
        head = parts[0].upper()
        if head == "NAME":
            self.name = " ".join(parts[1:])
            self.section = None
        elif head in ("OBJSENSE", "OBJSENCE"):
            self.section = "OBJSENSE"
            if len(parts) > 1:  # the one-line form: OBJSENSE MAX
                self.objsense(parts[1:], lineno)
        elif head == "OBJNAME":
            self.section = "OBJNAME"
            if len(parts) > 1:
                self.obj_name = parts[1]
        elif head in _DATA_SECTIONS:
            self.section = head
            if len(parts) > 1 and head != "RHS" and head != "RANGES" and head != "BOUNDS":
                raise self.error(lineno, f"unexpected text after {head}: {' '.join(parts[1:])!r}")
        elif head == "ENDATA":
            self.ended = True
        elif head in ("SOS", "QUADOBJ", "QMATRIX", "QSECTION", "QCMATRIX", "INDICATORS", "GENCONS", "PWLOBJ"):
            raise self.error(lineno, f"MPS section {head} is not supported")
        else:
            raise self.error(lineno, f"unknown section {parts[0]!r} (data lines start with a blank)")

    def data(self, parts, lineno) -> None:
        handler = _HANDLERS.get(self.section)
        if handler is None:
            raise self.error(lineno, "data outside a section")
        handler(self, parts, lineno)

    # -- sections ------------------------------------------------------------
    def objsense(self, parts, lineno):
        try:
            self.sense = normalise_objective_sense(parts[0])
        except ValueError:
            raise self.error(lineno, f"OBJSENSE must be MIN or MAX, got {parts[0]!r}") from None

    def objname(self, parts, lineno):
        self.obj_name = parts[0]

    def row(self, parts, lineno):
        if len(parts) != 2:
            raise self.error(lineno, f"a ROWS line is a type (N, L, G, E) and a row name, got {' '.join(parts)!r}")
        kind, rname = parts[0].upper(), parts[1]
        if kind not in _ROW_TYPES:
            raise self.error(lineno, f"unknown row type {parts[0]!r} (N, L, G or E)")
        if rname in self.row_kind:
            raise self.error(lineno, f"duplicate row name {rname!r}")
        self.row_kind[rname] = _ROW_TYPES[kind]
        if kind == "N":
            if self.obj_row is None and (self.obj_name is None or self.obj_name == rname):
                self.obj_row = rname
            return
        self.row_order.append(rname)

    def _known_row(self, r, lineno):
        if r not in self.row_kind:
            raise self.error(lineno, f"unknown row {r!r}")

    def _number(self, text, lineno):
        try:
            return parse_number(text, "value")
        except ValueError:
            raise self.error(lineno, f"cannot read {text!r} as a number") from None

    def column(self, parts, lineno):
        if len(parts) >= 2 and parts[1].strip("'\"").upper() == "MARKER":
            if len(parts) < 3:
                raise self.error(lineno, "a MARKER line needs 'INTORG' or 'INTEND'")
            kind = parts[2].strip("'\"").upper()
            if kind not in ("INTORG", "INTEND"):
                raise self.error(lineno, f"unknown marker {parts[2]!r} ('INTORG' or 'INTEND')")
            if (kind == "INTORG") == self.in_int:
                raise self.error(lineno, f"{kind} inside {'an' if self.in_int else 'no'} integer block")
            self.in_int = kind == "INTORG"
            return
        if len(parts) < 3 or len(parts) % 2 == 0:
            raise self.error(lineno, "a COLUMNS line is a column name and (row, value) pairs")
        cname = parts[0]
        if cname not in self.col_index:
            self.col_index[cname] = len(self.col_names)
            self.col_names.append(cname)
        j = self.col_index[cname]
        if self.in_int:
            self.integer.add(j)
        for r, v in zip(parts[1::2], parts[2::2]):
            self._known_row(r, lineno)
            val = self._number(v, lineno)
            if r == self.obj_row:
                self.obj[j] = self.obj.get(j, Fraction(0)) + val
            elif self.row_kind[r] != "N":
                self.entries[(r, j)] = self.entries.get((r, j), Fraction(0)) + val

    def _pairs(self, parts, lineno, what):
        """(row, value) pairs of an RHS or RANGES line, with or without the set name in front."""
        pairs = parts[1:] if len(parts) % 2 == 1 else parts
        if len(parts) < 2:
            raise self.error(lineno, f"a {what} line is [set name] and (row, value) pairs")
        out = []
        for r, v in zip(pairs[::2], pairs[1::2]):
            self._known_row(r, lineno)
            out.append((r, self._number(v, lineno)))
        return out

    def right_hand_side(self, parts, lineno):
        for r, val in self._pairs(parts, lineno, "RHS"):
            if r == self.obj_row:
                self.obj_const = -val  # the MPS convention: the objective row's rhs is minus the constant
            elif self.row_kind[r] != "N":
                self.rhs[r] = val

    def range_(self, parts, lineno):
        for r, val in self._pairs(parts, lineno, "RANGES"):
            if self.row_kind[r] == "N":
                raise self.error(lineno, f"a range on the objective or free row {r!r}")
            if val in (INF, -INF):
                raise self.error(lineno, f"infinite range on row {r!r}")
            self.ranges[r] = val

    def bound(self, parts, lineno):
        kind = parts[0].upper()
        action = BOUND_TYPES.get(kind)
        if action is None:
            raise self.error(lineno, f"unknown bound type {parts[0]!r}")
        if not action.needs_value:
            if len(parts) < 2:
                raise self.error(lineno, "a bound line needs a column")
            cname = parts[2] if len(parts) >= 3 else parts[1]
            value = None
        else:
            if len(parts) < 3 or (len(parts) == 3 and parts[2] in self.col_index and parts[1] not in self.col_index):
                raise self.error(lineno, f"bound {kind} needs a value")
            cname, text = (parts[2], parts[3]) if len(parts) >= 4 else (parts[1], parts[2])
            value = self._number(text, lineno)
        if cname not in self.col_index:
            raise self.error(lineno, f"unknown column {cname!r}")
        self.bounds.apply(self.col_index[cname], kind, value)

    # -- the model -------------------------------------------------------------
    def row_interval(self, r):
        """(sense, rhs, range lower end) of row ``r`` after its RANGES entry (the MPS sign rules)."""
        kind, b = self.row_kind[r], self.rhs.get(r, Fraction(0))
        if r not in self.ranges:
            return kind, b, None
        rng = self.ranges[r]
        if kind == "<=":
            lo, hi = b - abs(rng), b
        elif kind == ">=":
            lo, hi = b, b + abs(rng)
        else:  # E rows: the sign of R says which side of the rhs the interval lies on
            lo, hi = (b, b + rng) if rng >= 0 else (b + rng, b)
        return ("==", hi, None) if lo == hi else ("<=", hi, lo)

    def model(self, marker_integer_bounds) -> LPModel:
        n = len(self.col_names)
        by_row = {r: [] for r in self.row_order}
        for (r, j), a in self.entries.items():
            if a != 0:
                by_row[r].append((j, a))
        rows = tuple(tuple(sorted(by_row[r])) for r in self.row_order)
        intervals = [self.row_interval(r) for r in self.row_order]
        lower, upper = self.bounds.lower_upper(n)
        default_lo, default_hi = MARKER_INTEGER_BOUNDS[marker_integer_bounds]
        for j in self.integer:
            if j not in self.bounds.given:  # no bound line at all: the marker default
                lower[j], upper[j] = default_lo, default_hi
        integer = self.integer | self.bounds.integer
        types = tuple((SEMI_INTEGER if j in integer else SEMI_CONTINUOUS) if j in self.bounds.semi
                      else INTEGER if j in integer else 0 for j in range(n))
        return LPModel(
            self.sense, tuple(self.obj.get(j, Fraction(0)) for j in range(n)), rows,
            tuple(s for s, _, _ in intervals), tuple(b for _, b, _ in intervals), tuple(lower), tuple(upper),
            types, tuple(self.col_names), tuple(self.row_order), self.obj_const, self.name,
            tuple(lo for _, _, lo in intervals),
        )


_HANDLERS = {
    "OBJSENSE": _MPSReader.objsense,
    "OBJNAME": _MPSReader.objname,
    "ROWS": _MPSReader.row,
    "COLUMNS": _MPSReader.column,
    "RHS": _MPSReader.right_hand_side,
    "RANGES": _MPSReader.range_,
    "BOUNDS": _MPSReader.bound,
}


def read_mps(text_or_path: str | os.PathLike[str], *, marker_integer_bounds: str = "binary") -> LPModel:
    """Read a model in the MPS format (fixed or free; names without spaces).

    Exact: numbers are read as :class:`fractions.Fraction`.

    Sections ``NAME``, ``OBJSENSE`` (``MAX``/``MIN``/``MAXIMIZE``/..., on the
    header line or the next one), ``OBJNAME``, ``ROWS``, ``COLUMNS`` (with
    ``'MARKER'`` ``'INTORG'``/``'INTEND'`` integer blocks), ``RHS``,
    ``RANGES``, ``BOUNDS`` (``UP LO FX FR MI PL BV LI UI``, ``SC``
    semi-continuous and HiGHS's ``SI`` semi-integer, the value being the
    upper bound; ``SC`` on an integer column makes it semi-integer, as in
    CPLEX) and ``ENDATA``, which must be there.  The first ``N`` row (or the
    ``OBJNAME`` one) is the objective; a right-hand side on it is minus the
    objective constant; other ``N`` rows are dropped.  A range R on a row with
    right-hand side b gives [b − |R|, b] for ``L`` rows, [b, b + |R|] for
    ``G`` rows and [b, b + R] (R > 0) or [b + R, b] (R < 0) for ``E`` rows.
    Default bounds are [0, inf).

    Parameters
    ----------
    text_or_path : str or os.PathLike
        MPS text, or the path of an MPS file.
    marker_integer_bounds : {"binary", "nonnegative"}
        Bounds of an integer column between ``'MARKER'`` lines that has no
        bound line at all.  ``"binary"`` ([0, 1], the default) is the MPSX
        convention that CPLEX, HiGHS and SAS follow; ``"nonnegative"`` gives
        [0, inf) like a continuous column.  Any bound line for the column
        (even ``PL`` or ``LO 0``) switches the default off, as in HiGHS.

    Raises
    ------
    ModelFileError
        (an :class:`~mathref.errors.InvalidArgumentError`) for malformed or
        empty text or a missing ``ENDATA``, with the line number.

    Examples
    --------
    >>> m = read_mps('''NAME demo
    ... ROWS
    ...  N  cost
    ...  L  cap
    ... COLUMNS
    ...     x  cost  1  cap  2
    ...     y  cost  3  cap  1
    ... RHS
    ...     rhs  cap  4
    ... RANGES
    ...     rng  cap  3
    ... BOUNDS
    ...  UP bnd  x  3
    ... ENDATA''')
    >>> m.name, m.rows, m.row_bounds, m.upper
    ('demo', (((0, Fraction(2, 1)), (1, Fraction(1, 1))),), ((Fraction(1, 1), Fraction(4, 1)),), (Fraction(3, 1), inf))
    """
    if not isinstance(marker_integer_bounds, str) or marker_integer_bounds not in MARKER_INTEGER_BOUNDS:
        raise InvalidArgumentError(f"marker_integer_bounds={marker_integer_bounds!r} must be one of "
                                   f"{sorted(MARKER_INTEGER_BOUNDS)}")
    reader = _MPSReader()
    seen_any = False
    for lineno, raw in enumerate(read_source(text_or_path).splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("*"):
            continue
        seen_any = True
        parts = raw.split()
        if not raw[0].isspace():
            reader.header(parts, lineno)
            if reader.ended:
                break
            continue
        reader.data(parts, lineno)
    if not seen_any:
        raise ModelFileError("MPS", None, "no model: the text is empty")
    if not reader.ended:
        raise ModelFileError("MPS", None, "missing ENDATA (the file may be cut short)")
    if reader.in_int:
        raise ModelFileError("MPS", None, "an 'INTORG' marker without its 'INTEND'")
    return reader.model(marker_integer_bounds)
