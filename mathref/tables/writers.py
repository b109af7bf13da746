"""Writers for reference tables: JSON, CSV and NumPy ``.npy``.

Every table is written next to ``manifest.json`` (kind, options, columns,
conventions, library version, time of writing).  Exact values are written as
sympy-parsable strings; floats as the shortest decimal that round-trips to the
correctly rounded double.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

from mathref import __version__
from mathref.errors import InvalidArgumentError

__all__ = ["write_table"]


class _Progress:
    """A progress line on stderr, at most every half second, only on long runs."""

    def __init__(self, total, label: str, stream=None):
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.start = time.perf_counter()
        self.last = self.start
        self.shown = False

    def tick(self):
        self.done += 1
        now = time.perf_counter()
        if now - self.last > 0.5 and now - self.start > 1.0:
            self.last = now
            self.shown = True
            tot = f"/{self.total}" if self.total else ""
            self.stream.write(f"\r{self.label}: {self.done}{tot} ({now - self.start:.1f} s)")
            self.stream.flush()

    def close(self, rows: int):
        if self.shown:
            self.stream.write(f"\r{self.label}: {rows} rows in {time.perf_counter() - self.start:.1f} s\n")


def _collect(kind, args, progress: _Progress):
    # a kind with a count yields None once per unit of work; otherwise rows are the units
    per_row = kind.count is None
    rows = []
    for row in kind.rows(args):
        if row is None:
            progress.tick()
        else:
            rows.append(row)
            if per_row:
                progress.tick()
    return rows


def write_table(kind, args, out_dir: Path, fmt: str, *, stem: str | None = None) -> Path:
    """Write one table and its manifest into ``out_dir``; return the table's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or kind.name
    total = kind.count(args) if kind.count else None
    progress = _Progress(total, f"mathref tables {kind.name}")
    rows = _collect(kind, args, progress)
    progress.close(len(rows))
    columns = list(kind.columns)

    if fmt == "json":
        path = out_dir / f"{stem}.json"
        with path.open("w") as fh:
            json.dump({"kind": kind.name, "columns": columns, "rows": [list(r) for r in rows]}, fh)
            fh.write("\n")
    elif fmt == "csv":
        path = out_dir / f"{stem}.csv"
        with path.open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(columns)
            w.writerows(rows)
    elif fmt == "npy":
        path = out_dir / f"{stem}.npy"
        # numeric columns only; exact strings stay in the JSON/CSV forms
        keep = [i for i, c in enumerate(columns) if not (rows and isinstance(rows[0][i], str))]
        dtype = [(columns[i], np.float64) for i in keep]
        arr = np.array([tuple(float(r[i]) for i in keep) for r in rows], dtype=dtype)
        np.save(path, arr)
        columns = [columns[i] for i in keep]
    else:
        raise InvalidArgumentError(f"format={fmt!r} must be one of json, csv, npy")

    options = {k: v for k, v in vars(args).items() if k not in ("func", "out", "format", "kind")}
    manifest = {
        "kind": kind.name,
        "file": path.name,
        "format": fmt,
        "rows": len(rows),
        "columns": columns,
        "options": options,
        "conventions": kind.manifest(args),
        "library": "mathref",
        "version": __version__,
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with (out_dir / f"{stem}.manifest.json").open("w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    return path
