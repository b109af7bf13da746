"""Reference-table kinds for ``mathref tables KIND``.

A table kind is a small object with a name, a one-line description, the
command-line options it adds, the column names, a manifest of conventions and a
generator of rows (tuples of plain JSON-able values).  The writers in
:mod:`mathref.tables.writers` know nothing about the mathematics.

Each area registers its kinds in :data:`KINDS` below by importing one module;
adding a kind never touches the command-line code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

__all__ = ["TableKind", "KINDS", "register"]


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


KINDS: dict[str, TableKind] = {}


def register(kind: TableKind) -> TableKind:
    """Add ``kind`` to :data:`KINDS` (names must be unique)."""
    if kind.name in KINDS:
        raise ValueError(f"table kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind


def load_kinds() -> dict[str, TableKind]:
    """Import every area's table module so that its kinds register themselves."""
    # One import per area; each module calls register() at import.
    from . import angular  # noqa: F401

    for optional in ("gaunt", "qsp"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:  # the area has not shipped tables yet
            if exc.name != f"{__name__}.{optional}":
                raise
    return KINDS


def iter_rows(kind: TableKind, args) -> Iterator[tuple]:
    """Rows of ``kind`` without the progress markers."""
    for row in kind.rows(args):
        if row is not None:
            yield row
