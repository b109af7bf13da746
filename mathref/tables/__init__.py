"""Reference-table kinds for ``mathref tables KIND``, and the machinery that builds them at any size.

A table kind is a small object with a name, a one-line description, the
command-line options it adds, the column names, a manifest of conventions and
its rows.  Rows are tuples of plain JSON-able values.  A kind that can be built
in pieces also lists its *units* of work (e.g. one ``(j1, j2)`` block each) with
a cheap row estimate per unit; :mod:`mathref.tables.build` groups consecutive
units into shards, computes them in parallel (processes or Dask), writes each
shard atomically with a sha256, resumes an interrupted run from the finished
shards and streams the shards into the final file in order.  The writers know
nothing about the mathematics.

Each package publishes its kinds as a ``TABLE_KINDS`` sequence in its own
``tables`` module (built on that package's public functions) and names it in the
``mathref.tables`` entry-point group of ``pyproject.toml``.  :func:`load_kinds`
discovers them through :mod:`importlib.metadata`, so this ground-floor package
never imports the packages above it, and adding a kind never touches the
command-line code.

``build_table``, ``estimate_table`` and ``check_table`` are imported from
:mod:`mathref.tables.build` and :mod:`mathref.tables.check` on first use.
"""

from __future__ import annotations

from .kinds import ENTRY_POINT_GROUP, TableKind, iter_rows, kind_units, load_kinds, rows_of_units

__all__ = [
    "TableKind",
    "ENTRY_POINT_GROUP",
    "load_kinds",
    "iter_rows",
    "kind_units",
    "rows_of_units",
    "build_table",
    "estimate_table",
    "check_table",
]


def __getattr__(name: str):
    # the build machinery imports numpy and (optionally) pyarrow/dask: load it on first use
    if name in ("build_table", "estimate_table"):
        from . import build

        return getattr(build, name)
    if name == "check_table":
        from .check import check_table

        return check_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
