"""Reader of the MPS format (fixed or free columns; names without spaces).

Exact: numbers are read as :class:`fractions.Fraction`.  A header line (no
leading blank) switches section; each data line goes to its section's
handler; ``BOUNDS`` lines go through the shared bound table of
:mod:`.bounds`; the model is assembled at ``ENDATA`` (or the end of the text).
"""

from __future__ import annotations

from fractions import Fraction

from mathref.errors import InvalidArgumentError

from .bounds import BOUND_TYPES, BoundCollector
from .model import LPModel, normalise_objective_sense, normalise_sense
from .numbers import parse_number
from .source import read_source

__all__ = ["read_mps"]

_DATA_SECTIONS = ("ROWS", "COLUMNS", "RHS", "BOUNDS")


class _MPSReader:
    """State of one MPS file being read: the section, rows, columns, entries and bounds seen so far."""

    def __init__(self):
        self.name = ""
        self.sense = "min"
        self.section = None
        self.obj_row = None
        self.row_kind = {}
        self.row_order = []
        self.col_index = {}
        self.col_names = []
        self.entries = {}  # (row, col) -> value
        self.obj = {}
        self.rhs = {}
        self.obj_const = Fraction(0)
        self.bounds = BoundCollector()
        self.integer = set()
        self.in_int = False

    # -- headers -------------------------------------------------------------
    def header(self, parts, lineno) -> bool:
        """Handle a section header; returns True at ``ENDATA``."""
        head = parts[0].upper()
        if head == "NAME":
            self.name = " ".join(parts[1:])
            self.section = None
        elif head == "OBJSENSE":
            self.section = "OBJSENSE"
            if len(parts) > 1:
                self.sense = normalise_objective_sense(parts[1])
        elif head in _DATA_SECTIONS:
            self.section = head
        elif head == "RANGES":
            raise InvalidArgumentError("MPS RANGES are not supported")
        elif head == "ENDATA":
            return True
        elif head != "OBJSENCE":
            raise InvalidArgumentError(f"MPS line {lineno}: unknown section {parts[0]!r}")
        return False

    def data(self, parts, lineno) -> None:
        handler = _HANDLERS.get(self.section)
        if handler is None:
            raise InvalidArgumentError(f"MPS line {lineno}: data outside a section")
        handler(self, parts, f"MPS line {lineno}")

    # -- sections ------------------------------------------------------------
    def objsense(self, parts, where):
        self.sense = normalise_objective_sense(parts[0])

    def row(self, parts, where):
        kind, rname = parts[0].upper(), parts[1]
        if kind == "N":
            if self.obj_row is None:
                self.obj_row = rname
            self.row_kind[rname] = "N"
            return
        self.row_kind[rname] = normalise_sense(kind)
        self.row_order.append(rname)

    def _known_row(self, r, where):
        if r not in self.row_kind:
            raise InvalidArgumentError(f"{where}: unknown row {r!r}")

    def column(self, parts, where):
        if len(parts) >= 3 and parts[1].strip("'\"").upper() == "MARKER":
            self.in_int = parts[2].strip("'\"").upper() == "INTORG"
            return
        cname = parts[0]
        if cname not in self.col_index:
            self.col_index[cname] = len(self.col_names)
            self.col_names.append(cname)
        j = self.col_index[cname]
        if self.in_int:
            self.integer.add(j)
        pairs = parts[1:]
        if len(pairs) % 2:
            raise InvalidArgumentError(f"{where}: expected (row, value) pairs")
        for r, v in zip(pairs[::2], pairs[1::2]):
            self._known_row(r, where)
            val = parse_number(v, where)
            if r == self.obj_row:
                self.obj[j] = self.obj.get(j, Fraction(0)) + val
            elif self.row_kind[r] != "N":
                self.entries[(r, j)] = self.entries.get((r, j), Fraction(0)) + val

    def right_hand_side(self, parts, where):
        pairs = parts[1:] if len(parts) % 2 == 1 else parts
        for r, v in zip(pairs[::2], pairs[1::2]):
            self._known_row(r, where)
            val = parse_number(v, where)
            if r == self.obj_row:
                self.obj_const = -val
            elif self.row_kind[r] != "N":
                self.rhs[r] = val

    def bound(self, parts, where):
        kind = parts[0].upper()
        action = BOUND_TYPES.get(kind)
        if action is not None and not action.needs_value:
            cname = parts[2] if len(parts) >= 3 else parts[1]
            value = None
        else:
            if len(parts) < 3:
                raise InvalidArgumentError(f"{where}: bound needs a value")
            cname, value = (parts[2], parts[3]) if len(parts) >= 4 else (parts[1], parts[2])
            value = parse_number(value, where)
        if cname not in self.col_index:
            raise InvalidArgumentError(f"{where}: unknown column {cname!r}")
        if action is None:
            raise InvalidArgumentError(f"{where}: unknown bound type {parts[0]!r}")
        self.bounds.apply(self.col_index[cname], kind, value)

    # -- the model -------------------------------------------------------------
    def model(self) -> LPModel:
        n = len(self.col_names)
        by_row = {r: [] for r in self.row_order}
        for (r, j), a in self.entries.items():
            if a != 0:
                by_row[r].append((j, a))
        rows = tuple(tuple(sorted(by_row[r])) for r in self.row_order)
        lower, upper = self.bounds.lower_upper(n)
        integer = self.integer | self.bounds.integer
        return LPModel(
            self.sense, tuple(self.obj.get(j, Fraction(0)) for j in range(n)), rows,
            tuple(self.row_kind[r] for r in self.row_order),
            tuple(self.rhs.get(r, Fraction(0)) for r in self.row_order), tuple(lower), tuple(upper),
            tuple(1 if j in integer else 0 for j in range(n)), tuple(self.col_names), tuple(self.row_order),
            self.obj_const, self.name,
        )


_HANDLERS = {
    "OBJSENSE": _MPSReader.objsense,
    "ROWS": _MPSReader.row,
    "COLUMNS": _MPSReader.column,
    "RHS": _MPSReader.right_hand_side,
    "BOUNDS": _MPSReader.bound,
}


def read_mps(text_or_path) -> LPModel:
    """Read a model in the MPS format (fixed or free; names without spaces).

    Exact: numbers are read as :class:`fractions.Fraction`.

    Sections ``NAME``, ``OBJSENSE`` (``MAX``/``MIN``), ``ROWS``, ``COLUMNS``
    (with ``'MARKER'`` ``'INTORG'``/``'INTEND'`` integer blocks), ``RHS``,
    ``BOUNDS`` (``UP LO FX FR MI PL BV LI UI``) and ``ENDATA``.  The first
    ``N`` row is the objective; a right-hand side on it is stored as minus the
    objective constant; other ``N`` rows are dropped.  ``RANGES`` raises
    :class:`~mathref.errors.InvalidArgumentError`.  Default bounds are [0, inf)
    for every column, integer columns included.

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
    ... BOUNDS
    ...  UP bnd  x  3
    ... ENDATA''')
    >>> m.name, m.rows, m.rhs, m.upper
    ('demo', (((0, Fraction(2, 1)), (1, Fraction(1, 1))),), (Fraction(4, 1),), (Fraction(3, 1), inf))
    """
    reader = _MPSReader()
    for lineno, raw in enumerate(read_source(text_or_path).splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("*"):
            continue
        parts = raw.split()
        if not raw[0].isspace():
            if reader.header(parts, lineno):
                break
            continue
        reader.data(parts, lineno)
    return reader.model()
