"""Write one reference table: the entry point the command line has always used.

The work is done by :func:`mathref.tables.build.build_table` (streamed, sharded,
parallel, resumable); this module keeps the original call shape.  Every table
is written next to ``<stem>.manifest.json`` (kind, options, columns,
conventions, library version, time of writing, checksums).  Exact values are
written as sympy-parsable strings; floats as the shortest decimal that
round-trips to the correctly rounded double.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .build import build_table
from .kinds import TableKind

__all__ = ["write_table"]


def write_table(kind: str | TableKind, args: argparse.Namespace, out_dir: str | os.PathLike[str], fmt: str, *,
                stem: str | None = None, **build_options: object) -> Path:
    """Write one table and its manifest into ``out_dir``; return the table's path.

    ``build_options`` go to :func:`~mathref.tables.build.build_table` (``jobs``,
    ``max_rows``, ``shard_rows``, ``client``, ...).

    Examples
    --------
    >>> import tempfile
    >>> from mathref.tables import load_kinds
    >>> from mathref.tables.build import table_options
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = write_table(load_kinds()["3j"], table_options("3j", {"jmax": "1/2"}), Path(d), "csv",
    ...                        progress=False)
    ...     print(path.name, len(path.read_text().splitlines()))
    3j.csv 8
    """
    built = build_table(kind, args, out_dir, format=fmt, stem=stem, **build_options)
    return Path(built.path)
