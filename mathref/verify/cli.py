"""``mathref verify [KIND] FILE``: check a table against the exact values; exit status 0 = passed, 1 = failed.

Usable in another project's CI: the status is non-zero when any entry exceeds
the tolerance, is missing, NaN/inf or at an invalid label.  With only FILE, the
kind comes from the ``mathref tables`` manifest beside it (or given as FILE).
"""

from __future__ import annotations

import argparse
import sys
from typing import Protocol, TextIO

import numpy as np

from mathref.errors import MathrefError

__all__ = ["add_parser", "run"]


class _SubParsers(Protocol):
    """What ``ArgumentParser.add_subparsers()`` returns, as far as :func:`add_parser` uses it."""

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser: ...


def add_parser(sub: _SubParsers) -> argparse.ArgumentParser:
    """Add the ``verify`` sub-command to the ``mathref`` parser's sub-parsers."""
    p = sub.add_parser(
        "verify",
        help="check a table of someone else's values against the exact values (exit 1 if it fails)",
        description=("Compare every entry of FILE (json/csv/npy/npz, as `mathref tables` writes them, or a dense "
                     "array with --layout) with mathref's exact values. KIND is one of cg, 3j, 6j, 9j, gaunt, "
                     "real_gaunt, sh, real_sh, wigner_d, qsp; it may be left out when a manifest says it."),
    )
    p.add_argument("args", nargs="+", metavar="[KIND] FILE", help="the kind (optional with a manifest) and the file")
    p.add_argument("--tolerance", "--rtol", dest="rtol", type=float, default=None,
                   help="relative tolerance per entry (default: the kind's, 1e-12 for the coupling kinds)")
    p.add_argument("--atol", type=float, default=None, help="absolute tolerance per entry")
    p.add_argument("--ulps", type=float, default=None, help="tolerance in units in the last place")
    p.add_argument("--layout", default=None, help="axis names of a dense array, e.g. m1,m2,m or point,lm")
    p.add_argument("--fixed", default=None, help="labels the layout does not cover, e.g. j1=1,j2=1,j=2")
    p.add_argument("--convention", default=None, help="accept the table in this named convention of the kind")
    p.add_argument("--partial", action="store_true", help="the table is a subset: do not report missing entries")
    p.add_argument("--no-detect", action="store_true", help="do not search for the table's convention")
    p.add_argument("--worst", type=int, default=10, help="how many failing entries to list (default 10)")
    p.add_argument("--target", default=None, help="qsp: comma-separated Chebyshev coefficients of the target")
    p.add_argument("--json", action="store_true", help="print the report as JSON instead of text")
    p.add_argument("--points", default=None, help="sh/wigner_d dense arrays: .npy file of the points (angles)")
    return p


def _fixed(text):
    if not text:
        return None
    out = {}
    for part in text.split(","):
        if "=" not in part:
            raise ValueError(f"--fixed: {part!r} is not NAME=VALUE")
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _kind_from_manifest(path: str) -> str:
    from .readers import read_table

    data = read_table(path)
    if not data.manifest or not data.manifest.get("kind"):
        raise ValueError(f"no manifest beside {path} names the kind: give KIND first")
    return str(data.manifest["kind"])


def run(args: argparse.Namespace, stream: TextIO | None = None) -> int:
    """Run ``mathref verify``; print the report and return the exit status."""
    from . import verify

    out = stream if stream is not None else sys.stdout
    try:
        if len(args.args) > 2:
            raise ValueError("give [KIND] FILE")
        kind, path = (args.args if len(args.args) == 2 else (_kind_from_manifest(args.args[0]), args.args[0]))
        options = {}
        if args.target:
            options["target"] = [float(x) for x in args.target.split(",")]
        points = np.load(args.points, allow_pickle=False) if args.points else None
        report = verify(kind, path, rtol=args.rtol, atol=args.atol, ulps=args.ulps, layout=args.layout,
                        fixed=_fixed(args.fixed), points=points, convention=args.convention,
                        detect=not args.no_detect, complete=not args.partial, worst=args.worst, **options)
    except (MathrefError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"mathref verify: error: {exc}\n")
        return 2
    if args.json:
        import json

        out.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        out.write(str(report) + "\n")
    return 0 if report.passed else 1
