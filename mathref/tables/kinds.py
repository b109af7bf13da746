"""Table kinds: what one kind of reference table is, and how installed packages publish theirs.

See :mod:`mathref.tables` for the overview.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

__all__ = ["TableKind", "ENTRY_POINT_GROUP", "load_kinds", "iter_rows", "kind_units", "rows_of_units"]


@dataclass(frozen=True)
class TableKind:
    """One kind of reference table.

    Attributes
    ----------
    name : str
        The word used on the command line (``cg``, ``3j``, ...).
    description : str
        One line for ``mathref tables --help``.
    columns : tuple of str
        Column names, in row order.
    add_arguments : callable
        ``add_arguments(parser)`` adds the kind's own options.
    rows : callable
        ``rows(args)`` yields tuples matching ``columns``; may yield ``None`` to
        report progress without a row.
    manifest : callable
        ``manifest(args)`` returns a dict of conventions for the manifest file.
    count : callable, optional
        ``count(args)`` returns the number of progress units of ``rows``.
    units : callable, optional
        ``units(args)`` returns the ordered sequence of work units (plain,
        picklable values).  The rows of all units, unit after unit, are the
        table.  Validates the options, so a bad option fails before any work.
    unit_rows : callable, optional
        ``unit_rows(args, unit)`` yields the rows of one unit (no ``None``).
    unit_estimates : callable, optional
        ``unit_estimates(args)`` returns an int numpy array (one entry per unit)
        bounding each unit's rows; cheap (a formula, no coefficient computed).
    seconds_per_row : float
        Rough cost of one row on one core, for the up-front time estimate.
    text_columns : tuple of str, optional
        Columns holding strings (default: those whose name starts with
        ``exact``); the others are numbers.

    Examples
    --------
    >>> kind = TableKind("squares", "n and n**2", ("n", "square"), lambda p: None,
    ...                  lambda args: ((n, n * n) for n in range(3)), lambda args: {})
    >>> import argparse
    >>> list(iter_rows(kind, argparse.Namespace())), kind.numeric_columns
    ([(0, 0), (1, 1), (2, 4)], ('n', 'square'))
    """

    name: str
    description: str
    columns: tuple[str, ...]
    add_arguments: Callable
    rows: Callable[..., Iterable]
    manifest: Callable[..., dict]
    count: Callable | None = field(default=None)
    units: Callable[..., Sequence] | None = field(default=None)
    unit_rows: Callable[..., Iterable] | None = field(default=None)
    unit_estimates: Callable | None = field(default=None)
    seconds_per_row: float = 2e-5
    text_columns: tuple[str, ...] | None = field(default=None)

    def __post_init__(self):
        from mathref.errors import InvalidArgumentError, InvalidTypeError

        if not isinstance(self.name, str) or not self.name or not isinstance(self.description, str):
            raise InvalidTypeError(f"TableKind: name={self.name!r} and description must be non-empty strings")
        if not isinstance(self.columns, tuple) or not self.columns or not all(isinstance(c, str) for c in self.columns):
            raise InvalidTypeError(f"TableKind {self.name}: columns={self.columns!r} must be a tuple of strings")
        if len(set(self.columns)) != len(self.columns):
            raise InvalidArgumentError(f"TableKind {self.name}: columns={self.columns!r} repeat a name")
        for attr in ("add_arguments", "rows", "manifest", "count", "units", "unit_rows", "unit_estimates"):
            value = getattr(self, attr)
            if value is not None and not callable(value) or (value is None and attr in ("add_arguments", "rows",
                                                                                           "manifest")):
                raise InvalidTypeError(f"TableKind {self.name}: {attr}={value!r} must be callable")
        spr = self.seconds_per_row
        if isinstance(spr, bool) or not isinstance(spr, (int, float)) or not 0 <= spr < 1e6:
            raise InvalidArgumentError(f"TableKind {self.name}: seconds_per_row={spr!r} must be a small number >= 0")
        text = self.text_columns
        if text is not None and (not isinstance(text, tuple) or not set(text) <= set(self.columns)):
            raise InvalidArgumentError(f"TableKind {self.name}: text_columns={text!r} must be a tuple of its columns")

    @property
    def string_columns(self) -> tuple[str, ...]:
        """The columns written as strings (exact values, target names)."""
        if self.text_columns is not None:
            return tuple(self.text_columns)
        return tuple(c for c in self.columns if c.startswith("exact"))

    @property
    def numeric_columns(self) -> tuple[str, ...]:
        """The columns written as numbers (labels, floats): what ``npy`` and ``npz`` keep."""
        text = set(self.string_columns)
        return tuple(c for c in self.columns if c not in text)


ENTRY_POINT_GROUP = "mathref.tables"


def load_kinds() -> dict[str, TableKind]:
    """Every table kind that an installed package publishes, by name.

    Examples
    --------
    >>> kinds = load_kinds()
    >>> {"cg", "3j", "gaunt", "sh_fourier", "qsp"} <= set(kinds)
    True
    """
    from importlib.metadata import entry_points

    kinds: dict[str, TableKind] = {}
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        for kind in point.load():
            if kind.name in kinds:
                raise RuntimeError(f"table kind {kind.name!r} is published twice (entry point {point.name!r})")
            kinds[kind.name] = kind
    return kinds


def iter_rows(kind: TableKind, args: argparse.Namespace) -> Iterator[tuple]:
    """Rows of ``kind`` without the progress markers.

    Examples
    --------
    >>> import argparse
    >>> kind = TableKind("one", "a single row", ("x",), lambda p: None, lambda args: iter([None, (1,)]),
    ...                  lambda args: {})
    >>> list(iter_rows(kind, argparse.Namespace()))
    [(1,)]
    """
    _check_kind(kind, args)
    for row in kind.rows(args):
        if row is not None:
            yield row


def kind_units(kind: TableKind, args: argparse.Namespace) -> tuple[Sequence, Callable]:
    """The units of ``kind`` and the function giving one unit's rows.

    A kind without units is one unit (``None``) whose rows are :func:`iter_rows`.

    Examples
    --------
    >>> kind = TableKind("one", "a single row", ("x",), lambda p: None, lambda args: iter([(1,)]), lambda a: {})
    >>> import argparse
    >>> units, rows = kind_units(kind, argparse.Namespace())
    >>> list(units), list(rows(argparse.Namespace(), units[0]))
    ([None], [(1,)])
    """
    _check_kind(kind, args)
    if kind.units is None or kind.unit_rows is None:
        return [None], lambda args, unit: iter_rows(kind, args)
    return kind.units(args), kind.unit_rows


def _check_kind(kind, args) -> None:
    import argparse

    from mathref.errors import InvalidTypeError

    if not isinstance(kind, TableKind):
        raise InvalidTypeError(f"kind={kind!r} must be a TableKind")
    if not isinstance(args, argparse.Namespace):
        raise InvalidTypeError(f"args={args!r} must be the kind's parsed options (an argparse.Namespace)")


def rows_of_units(units: Callable, unit_rows: Callable) -> Callable:
    """A ``rows(args)`` function for :class:`TableKind` from ``units`` and ``unit_rows``.

    One ``None`` (a progress tick) before each unit's rows, so ``count = len(units(args))``.

    Examples
    --------
    >>> rows = rows_of_units(lambda args: [1, 2], lambda args, n: [(n,)] * n)
    >>> list(rows(None))
    [None, (1,), None, (2,), (2,)]
    """
    if not (callable(units) and callable(unit_rows)):
        from mathref.errors import InvalidTypeError

        raise InvalidTypeError("rows_of_units: units and unit_rows must be callable")

    def rows(args):
        for unit in units(args):
            yield None
            yield from unit_rows(args, unit)

    return rows
