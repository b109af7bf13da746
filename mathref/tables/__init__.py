"""Reference-table kinds for ``mathref tables KIND``.

A table kind is a small object with a name, a one-line description, the
command-line options it adds, the column names, a manifest of conventions and a
generator of rows (tuples of plain JSON-able values).  The writers in
:mod:`mathref.tables.writers` know nothing about the mathematics.

Each package publishes its kinds as a ``TABLE_KINDS`` sequence in its own
``tables`` module (built on that package's public functions) and names it in the
``mathref.tables`` entry-point group of ``pyproject.toml``.  :func:`load_kinds`
discovers them through :mod:`importlib.metadata`, so this ground-floor package
never imports the packages above it, and adding a kind never touches the
command-line code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

__all__ = ["TableKind", "ENTRY_POINT_GROUP", "load_kinds", "iter_rows"]


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
        ``count(args)`` returns the number of progress units, for the progress line.
    """

    name: str
    description: str
    columns: tuple[str, ...]
    add_arguments: Callable
    rows: Callable[..., Iterable]
    manifest: Callable[..., dict]
    count: Callable | None = field(default=None)


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


def iter_rows(kind: TableKind, args) -> Iterator[tuple]:
    """Rows of ``kind`` without the progress markers."""
    for row in kind.rows(args):
        if row is not None:
            yield row
