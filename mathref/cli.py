"""The ``mathref`` command line.

``mathref tables KIND [options] --format json|csv|npy|npz|parquet --out DIR``
writes an exact reference table and its manifest, streamed in shards on every
core (``--jobs``), resumable after an interruption, or on a Dask cluster
(``--scheduler``); it states its estimate first and refuses above
``--max-rows``.  ``mathref tables --help`` lists the kinds (cg, 3j, 6j, 9j,
gaunt, real_gaunt, sh_fourier, qsp) and ``mathref tables KIND --help`` their
options; docs/tables.md has examples.  ``mathref tables check PATH`` re-checks a
finished table's checksums and rows (exit status 1 when anything differs).  ``mathref verify [KIND] FILE`` checks
someone else's table against the exact values (see :mod:`mathref.verify`).
``mathref warmup`` compiles every
Numba kernel once (see :mod:`mathref.warmup`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import MissingDependencyError
from .tables import load_kinds
from .tables.build import DEFAULT_MAX_ROWS, DEFAULT_SHARD_ROWS, build_table
from .tables.formats import FORMATS

__all__ = ["main", "build_parser"]


def _count(text: str) -> int:
    """A non-negative count, also written as ``1e9`` or ``1_000_000``."""
    try:
        value = int(text.replace("_", "")) if "e" not in text.lower() else int(float(text))
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0 or (("e" in text.lower()) and value != float(text)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a non-negative whole number")
    return value


def _add_build_arguments(p: argparse.ArgumentParser) -> None:
    """The options every table kind shares: format, place, parallelism, limits, resumption."""
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="output format (default json; parquet needs the 'parquet' extra)")
    p.add_argument("--out", type=Path, default=Path("reference-tables"), help="output directory")
    p.add_argument("--jobs", type=_count, default=0, help="worker processes (default 0: every core)")
    p.add_argument("--max-rows", type=_count, default=DEFAULT_MAX_ROWS,
                   help=f"refuse tables estimated above this many rows (default {DEFAULT_MAX_ROWS:,})")
    p.add_argument("--shard-rows", type=_count, default=DEFAULT_SHARD_ROWS,
                   help=f"target rows per shard (default {DEFAULT_SHARD_ROWS:,})")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run the shards on the Dask scheduler at ADDRESS (needs the 'dask' extra)")
    p.add_argument("--fresh", action="store_true", help="discard the parts of an interrupted run instead of resuming")
    p.add_argument("--keep-parts", action="store_true", help="keep the shard files after assembling the table")
    p.add_argument("--quiet", action="store_true", help="no estimate or progress lines on stderr")


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
        _add_build_arguments(p)
    check = kinds.add_parser(
        "check", help="re-check a finished table against its manifest (checksums, sizes, rows)",
        description="Re-check a table written by 'mathref tables': the manifest's own checksum, the file's size and "
                    "sha256, each shard's recorded segment when the file differs, and every row's form. "
                    "'mathref verify MANIFEST' also re-computes the values.")
    check.add_argument("path", type=Path, help="the table file or its manifest (KIND.manifest.json)")
    check.add_argument("--no-parse", action="store_true", help="check the checksums only, without reading every row")
    sub.add_parser("warmup", help="compile every Numba kernel once (fills the on-disk cache)")
    from .verify.cli import add_parser as add_verify_parser

    add_verify_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "tables" and args.kind == "check":
        from .tables.check import check_table

        try:
            result = check_table(args.path, parse=not args.no_parse)
        except (ValueError, TypeError, OSError) as exc:  # no manifest, unreadable file: no traceback
            parser.exit(2, f"mathref tables check: error: {exc}\n")
        print(result.summary())
        return 0 if result.ok else 1
    if args.command == "tables":
        kind = load_kinds()[args.kind]
        try:
            built = build_table(kind, args, args.out, format=args.format, jobs=args.jobs, scheduler=args.scheduler,
                                max_rows=args.max_rows, shard_rows=args.shard_rows, fresh=args.fresh,
                                keep_parts=args.keep_parts, progress=not args.quiet)
        except (ValueError, TypeError, MissingDependencyError) as exc:  # bad options, size refusals: no traceback
            parser.exit(2, f"mathref tables {args.kind}: error: {exc}\n")
        path = Path(built.path)
        resumed = f" ({built.resumed_shards} of {built.shards} shards resumed)" if built.resumed_shards else ""
        print(f"wrote {path} and {Path(built.manifest).name}: {built.rows} rows{resumed}")
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
