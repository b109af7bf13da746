"""The ``mathref`` command line.

``mathref tables KIND [options] --format json|csv|npy --out DIR`` writes an
exact reference table and its manifest; ``mathref tables --help`` lists the
kinds (cg, 3j, 6j, 9j, gaunt, real_gaunt, sh_fourier, qsp) and
``mathref tables KIND --help`` their options.  ``mathref verify [KIND] FILE``
checks someone else's table against the exact values (see :mod:`mathref.verify`).  ``mathref warmup`` compiles every
Numba kernel once (see :mod:`mathref.warmup`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .tables import load_kinds
from .tables.writers import write_table

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per table kind."""
    parser = argparse.ArgumentParser(prog="mathref", description="Exact reference values from mathref.")
    parser.add_argument("--version", action="version", version=f"mathref {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    tables = sub.add_parser("tables", help="write exact reference tables")
    kinds = tables.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in load_kinds().values():
        p = kinds.add_parser(kind.name, help=kind.description, description=kind.description)
        kind.add_arguments(p)
        p.add_argument("--format", choices=("json", "csv", "npy"), default="json", help="output format (default json)")
        p.add_argument("--out", type=Path, default=Path("reference-tables"), help="output directory")
    sub.add_parser("warmup", help="compile every Numba kernel once (fills the on-disk cache)")
    from .verify.cli import add_parser as add_verify_parser

    add_verify_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "tables":
        kind = load_kinds()[args.kind]
        try:
            path = write_table(kind, args, args.out, args.format)
        except ValueError as exc:  # bad option values: say so without a traceback
            parser.exit(2, f"mathref tables {args.kind}: error: {exc}\n")
        print(f"wrote {path} and {path.stem}.manifest.json")
        return 0
    if args.command == "verify":
        from .verify.cli import run as run_verify

        return run_verify(args)
    if args.command == "warmup":
        from .warmup import warmup_all

        print(warmup_all(stream=sys.stdout).summary())
        return 0
    return 1  # pragma: no cover - argparse enforces a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
