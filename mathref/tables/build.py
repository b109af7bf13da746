"""Build a reference table at any size: estimate, shard, compute in parallel, resume, assemble.

The work of a table kind is an ordered list of *units* (e.g. one ``(j1, j2)``
block of a 3j table).  :func:`build_table`

1. estimates the rows, bytes and time from each unit's cheap row bound, and
   refuses (:class:`~mathref.errors.SizeLimitError`, with the estimate in the
   message) above ``max_rows``;
2. groups consecutive units into shards of about ``shard_rows`` rows (the plan
   depends only on the table's options, never on the number of workers);
3. computes the shards that are not already on disk - in this process, in
   ``jobs`` spawned processes, or on a Dask cluster - each written to
   ``<stem>.parts/part-NNNNNN.*`` through a temporary name and an atomic
   rename, then described by a sidecar with its row count and sha256;
4. streams the parts, in shard order, into the final file (so the row order
   never depends on which worker finished first), writes the manifest with the
   file's sha256 and every shard's rows and checksums, and removes the parts.

An interrupted run leaves finished parts whose sidecars and checksums agree;
the next run with the same options and ``--out`` recomputes only the others.
:func:`mathref.tables.check_table` re-checks a finished table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

from mathref import __version__
from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError
from mathref.optional import require

from .formats import SUFFIXES, PartWriter, assemble, check_format, file_sha256, part_suffix
from .kinds import TableKind, kind_units, load_kinds

if TYPE_CHECKING:
    from dask.distributed import Client

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_SHARD_ROWS",
    "ENGINE_OPTIONS",
    "TableEstimate",
    "BuiltTable",
    "table_options",
    "estimate_table",
    "build_table",
    "manifest_checksum",
]

#: Default ``--max-rows``: larger tables need the limit raised on purpose.
DEFAULT_MAX_ROWS = 100_000_000
#: Default ``--shard-rows``: the target size of one shard (memory per worker is bounded by one shard).
DEFAULT_SHARD_ROWS = 50_000
#: At most this many shards: bigger tables get bigger shards.
MAX_SHARDS = 20_000
#: Options of the build itself: they never change the table, so they are not part of the plan.
ENGINE_OPTIONS = frozenset(
    {"func", "out", "format", "kind", "command", "jobs", "max_rows", "shard_rows", "scheduler", "fresh",
     "keep_parts", "quiet"}
)
_DELAY_ENV = "MATHREF_TABLES_SHARD_DELAY"  # testing aid: seconds to sleep before each shard

# rough bytes per value in each format, for the up-front size estimate
_BYTES = {"json": (9, 28), "csv": (7, 26), "npy": (8, 0), "npz": (8, 0), "parquet": (3, 14)}


# ---------------------------------------------------------------- options


def _int(value, name: str, lo: int, hi: int | None = None, *, none_ok: bool = False):
    if value is None and none_ok:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InvalidTypeError(f"{name}={value!r} must be an integer")
    value = int(value)
    if value < lo or (hi is not None and value > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise InvalidArgumentError(f"{name}={value} must be {bound}")
    return value


def _resolve_kind(kind) -> TableKind:
    if isinstance(kind, TableKind):
        return kind
    if isinstance(kind, str):
        kinds = load_kinds()
        if kind not in kinds:
            raise InvalidArgumentError(f"kind={kind!r} is not a table kind; choose from {', '.join(sorted(kinds))}")
        return kinds[kind]
    raise InvalidTypeError(f"kind={kind!r} must be a kind name or a TableKind")


def table_options(kind: str | TableKind,
                  options: Mapping[str, object] | argparse.Namespace | None = None) -> argparse.Namespace:
    """The parsed options of ``kind``: its command-line defaults, updated from ``options``.

    ``options`` is ``None``, a dict (keys as the option names with ``_`` for
    ``-``, values as on the command line or plain numbers) or an
    :class:`argparse.Namespace` (returned as is).

    Examples
    --------
    >>> table_options("6j", {"jmax": 2}).jmax
    2
    >>> table_options("6j", {"lmax": 2})
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: options: 6j has no option 'lmax' (it has integer_only, jmax)
    """
    kind = _resolve_kind(kind)
    if isinstance(options, argparse.Namespace):
        return options
    if options is not None and not isinstance(options, dict):
        raise InvalidTypeError(f"options={options!r} must be None, a dict or an argparse.Namespace")
    parser = argparse.ArgumentParser(prog=f"mathref tables {kind.name}", add_help=False)
    kind.add_arguments(parser)
    args = parser.parse_args([])
    known = set(vars(args))
    for key, value in (options or {}).items():
        if key not in known:
            raise InvalidArgumentError(
                f"options: {kind.name} has no option {key!r} (it has {', '.join(sorted(known))})"
            )
        setattr(args, key, value)
    return args


def _table_option_values(args) -> dict:
    out = {}
    for key, value in sorted(vars(args).items()):
        if key in ENGINE_OPTIONS:
            continue
        out[key] = value if isinstance(value, (bool, int, float, str, type(None))) else str(value)
    return out


# ---------------------------------------------------------------- plan and estimate


def _check_fields(obj, *, ints=(), strs=(), floats=()) -> None:
    """Constructor checks of the result types: counts are ints >= 0, names strings, times finite >= 0."""
    cls = type(obj).__name__
    for name in ints:
        v = getattr(obj, name)
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise InvalidTypeError(f"{cls}: {name}={v!r} must be a non-negative integer")
    for name in strs:
        if not isinstance(getattr(obj, name), str):
            raise InvalidTypeError(f"{cls}: {name}={getattr(obj, name)!r} must be a string")
    for name in floats:
        v = getattr(obj, name)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < float("inf"):
            raise InvalidTypeError(f"{cls}: {name}={v!r} must be a finite number >= 0")


@dataclass(frozen=True)
class TableEstimate:
    """What a table will cost, from cheap per-unit row bounds (no coefficient computed).

    Attributes
    ----------
    kind, format : str
    rows : int
        Estimated rows (an upper bound for the coupling and Gaunt kinds).
    bytes : int
        Estimated size of the final file.
    seconds : float
        Estimated wall time on ``jobs`` workers (rough: a per-row cost times rows).
    units, shards, jobs : int

    Examples
    --------
    >>> est = estimate_table("3j", {"jmax": "1/2"})
    >>> est.rows >= 7, est.shards
    (True, 1)
    """

    kind: str
    format: str
    rows: int
    bytes: int
    seconds: float
    units: int
    shards: int
    jobs: int

    def __post_init__(self):
        _check_fields(self, ints=("rows", "bytes", "units", "shards", "jobs"), strs=("kind", "format"),
                      floats=("seconds",))

    def summary(self) -> str:
        """One line: rows, bytes, time, shards."""
        return (
            f"mathref tables {self.kind}: estimate {_human(self.rows)} rows, {_human_bytes(self.bytes)} as "
            f"{self.format}, {_human_seconds(self.seconds)} on {self.jobs} worker(s), {self.shards} shard(s)"
        )


def _human(n: float) -> str:
    return f"{n:,.0f}" if n < 1e7 else f"{n:.3g}"


def _human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.3g} {unit}"
        n /= 1000
    return f"{n:.3g} PB"  # pragma: no cover


def _human_seconds(s: float) -> str:
    if s < 120:
        return f"{s:.2g} s"
    if s < 7200:
        return f"{s / 60:.3g} min"
    if s < 2 * 86400:
        return f"{s / 3600:.3g} h"
    return f"{s / 86400:.3g} days"


@dataclass(frozen=True)
class _Plan:
    units: object  # sequence of units
    bounds: tuple  # (first unit, end unit) per shard
    estimates: np.ndarray  # row estimate per shard
    unit_rows: object


def _plan(kind: TableKind, args, shard_rows: int) -> _Plan:
    units, unit_rows = kind_units(kind, args)
    n = len(units)
    if kind.unit_estimates is not None and kind.units is not None:
        est = np.asarray(kind.unit_estimates(args), dtype=np.int64)
        if est.shape != (n,):  # pragma: no cover - a kind's own bug
            raise RuntimeError(f"kind {kind.name!r}: {est.shape} unit estimates for {n} units")
    else:  # no bound known: one row per unit, so the plan still has one shard per unit group
        est = np.ones(n, dtype=np.int64)
    total = int(est.sum())
    target = max(shard_rows, -(-total // MAX_SHARDS))
    before = np.cumsum(est) - est
    ids = before // target
    starts = np.flatnonzero(np.diff(ids, prepend=-1)) if n else np.zeros(0, np.int64)
    ends = np.append(starts[1:], n)
    bounds = tuple((int(a), int(b)) for a, b in zip(starts, ends))
    shard_est = np.add.reduceat(est, starts) if n else np.zeros(0, np.int64)
    return _Plan(units, bounds, shard_est, unit_rows)


def _estimate(kind, args, fmt, jobs, plan) -> TableEstimate:
    rows = int(plan.estimates.sum())
    per_num, per_text = _BYTES[fmt]
    row_bytes = per_num * len(kind.numeric_columns) + per_text * len(kind.string_columns) + 2
    workers = max(1, min(jobs, len(plan.bounds)))
    return TableEstimate(kind.name, fmt, rows, rows * row_bytes + 200, rows * kind.seconds_per_row / workers,
                         len(plan.units), len(plan.bounds), workers)


def _jobs(jobs) -> int:
    jobs = _int(jobs, "jobs", 0, 4096, none_ok=True)
    return jobs or os.cpu_count() or 1


def estimate_table(kind: str | TableKind, options: Mapping[str, object] | argparse.Namespace | None = None, *,
                   format: str = "json", jobs: int | None = None,
                   shard_rows: int = DEFAULT_SHARD_ROWS) -> TableEstimate:
    """Estimate the rows, bytes and time of a table without computing it.

    Parameters
    ----------
    kind : str or TableKind
    options : dict, argparse.Namespace or None
        The kind's options (see :func:`table_options`).
    format : str, keyword-only
    jobs : int or None, keyword-only
        Workers (``None`` or 0: every core).
    shard_rows : int, keyword-only

    Examples
    --------
    >>> est = estimate_table("6j", {"jmax": 50}, jobs=2)
    >>> est.rows > 10**10, est.seconds > 86400
    (True, True)
    """
    kind = _resolve_kind(kind)
    fmt = check_format(format)
    shard_rows = _int(shard_rows, "shard_rows", 1, 10**9)
    args = table_options(kind, options)
    return _estimate(kind, args, fmt, _jobs(jobs), _plan(kind, args, shard_rows))


# ---------------------------------------------------------------- shards


_KINDS_IN_WORKER: dict = {}


def _registered_kind(name: str) -> TableKind:
    # a worker runs many shards: read the entry points once, not once per shard
    if not _KINDS_IN_WORKER:
        _KINDS_IN_WORKER.update(load_kinds())
    return _KINDS_IN_WORKER[name]


def _compute_part(kind, options: dict, units, fmt: str, target):
    """Compute one shard.  ``target`` a path: write the part there atomically and return
    ``(rows, sha256, bytes)``; ``None``: return ``(part bytes, rows)`` (for Dask workers without a
    shared file system).  ``kind`` is a TableKind or a registered kind name (in worker processes)."""
    if isinstance(kind, str):
        kind = _registered_kind(kind)
    delay = float(os.environ.get(_DELAY_ENV, "0") or 0)
    if delay > 0:
        time.sleep(delay)
    args = argparse.Namespace(**options)
    _, unit_rows = kind_units(kind, args)
    if target is None:
        import io

        buf = io.BytesIO()
        writer = PartWriter(buf, fmt, kind.columns, kind.string_columns)
        for unit in units:
            for row in unit_rows(args, unit):
                writer.write(row)
        writer.close()
        return buf.getvalue(), writer.rows
    target = Path(target)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    with tmp.open("wb") as fh:
        writer = PartWriter(fh, fmt, kind.columns, kind.string_columns)
        for unit in units:
            for row in unit_rows(args, unit):
                writer.write(row)
        writer.close()
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return writer.rows, file_sha256(target), target.stat().st_size


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sidecar(parts: Path, index: int) -> Path:
    return parts / f"part-{index:06d}.json"


def _part(parts: Path, index: int, fmt: str) -> Path:
    return parts / f"part-{index:06d}{part_suffix(fmt)}"


def _record(parts: Path, index: int, rows: int, sha: str, size: int) -> dict:
    info = {"index": index, "rows": rows, "sha256": sha, "bytes": size}
    _write_atomic(_sidecar(parts, index), json.dumps(info).encode())
    return info


def _finished(parts: Path, index: int, fmt: str) -> dict | None:
    """The sidecar of a finished shard whose part still has its recorded checksum, else None."""
    side, part = _sidecar(parts, index), _part(parts, index, fmt)
    if not (side.exists() and part.exists()):
        return None
    try:
        info = json.loads(side.read_text())
    except ValueError:
        return None
    if info.get("bytes") != part.stat().st_size or info.get("sha256") != file_sha256(part):
        return None
    return info


# ---------------------------------------------------------------- progress


class _Progress:
    """A progress line on stderr, at most every half second, once a run has taken a second."""

    def __init__(self, label: str, rows: int, shards: int, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.label, self.estimate, self.shards = label, rows, shards
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.rows = self.done = 0
        self.start = self.last = time.perf_counter()
        self.shown = False

    def add(self, rows: int = 0, shards: int = 0) -> None:
        self.rows += rows
        self.done += shards
        now = time.perf_counter()
        if self.enabled and now - self.last > 0.5 and now - self.start > 1.0:
            self.last, self.shown = now, True
            rate = self.rows / (now - self.start)
            left = max(self.estimate - self.rows, 0) / rate if rate else float("inf")
            self.stream.write(
                f"\r{self.label}: {self.done}/{self.shards} shards, {_human(self.rows)} rows "
                f"(estimate <= {_human(self.estimate)}), {rate:,.0f} rows/s, at most {_human_seconds(left)} left "
            )
            self.stream.flush()

    def close(self, rows: int) -> None:
        if self.shown:
            self.stream.write(f"\r{self.label}: {rows} rows in {time.perf_counter() - self.start:.1f} s" + " " * 40
                              + "\n")


# ---------------------------------------------------------------- executors


def _run_serial(kind, options, plan, pending, parts, fmt, progress, done):
    for index in pending:
        a, b = plan.bounds[index]
        rows, sha, size = _compute_part(kind, options, list(plan.units[a:b]), fmt, _part(parts, index, fmt))
        done[index] = _record(parts, index, rows, sha, size)
        progress.add(rows, 1)


def _run_processes(kind, options, plan, pending, parts, fmt, progress, done, jobs):
    from .workers import WorkerPool

    # fresh interpreters (python -m mathref.tables.workers): no fork, no re-import of the caller's __main__
    tasks = []
    for index in pending:
        a, b = plan.bounds[index]
        arguments = (kind.name, options, list(plan.units[a:b]), fmt, str(_part(parts, index, fmt)))
        tasks.append((index, __name__, "_compute_part", arguments))
    with WorkerPool(jobs) as pool:
        for index, (rows, sha, size) in pool.run(tasks):
            done[index] = _record(parts, index, rows, sha, size)
            progress.add(rows, 1)


def _run_dask(kind, options, plan, pending, parts, fmt, progress, done, client):
    distributed = require("distributed", extra="dask", feature="mathref tables on a Dask cluster")
    workers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
    queue = list(pending)
    running = {}
    ac = distributed.as_completed()
    try:
        while queue or running:
            while queue and len(running) < 2 * workers:
                index = queue.pop(0)
                a, b = plan.bounds[index]
                fut = client.submit(_compute_part, kind.name, options, list(plan.units[a:b]), fmt, None, pure=False)
                running[fut.key] = (index, fut)
                ac.add(fut)
            fut = next(ac)
            index, _ = running.pop(fut.key)
            data, rows = fut.result()
            path = _part(parts, index, fmt)
            _write_atomic(path, data)
            done[index] = _record(parts, index, rows, hashlib.sha256(data).hexdigest(), len(data))
            progress.add(rows, 1)
    except BaseException:
        for _, fut in running.values():
            fut.cancel()
        raise


# ---------------------------------------------------------------- the build


@dataclass(frozen=True)
class BuiltTable:
    """A finished table: its file, manifest, rows and how it was built.

    Attributes
    ----------
    path, manifest : str
        The table file and its manifest.
    rows, shards, resumed_shards : int
        Rows written; shards in the plan; shards found finished on disk.
    sha256 : str
        Of the table file.
    executor : str
        ``serial``, ``processes`` or ``dask``.
    seconds : float
        Wall time of this run.
    """

    path: str
    manifest: str
    rows: int
    shards: int
    resumed_shards: int
    sha256: str
    executor: str
    seconds: float

    def __post_init__(self):
        _check_fields(self, ints=("rows", "shards", "resumed_shards"), strs=("path", "manifest", "sha256", "executor"),
                      floats=("seconds",))


def manifest_checksum(manifest: dict) -> str:
    """sha256 of a manifest's canonical JSON without its own ``manifest_sha256`` key.

    >>> manifest_checksum({"rows": 1}) == manifest_checksum({"rows": 1, "manifest_sha256": "x"})
    True
    """
    if not isinstance(manifest, dict):
        raise InvalidTypeError(f"manifest={manifest!r} must be a dict")
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _plan_record(kind, args, fmt, plan) -> dict:
    return {
        "kind": kind.name,
        "format": fmt,
        # as text, so the command line's "--jmax 1" and Python's {"jmax": 1} are the same plan
        "options": {k: str(v) for k, v in _table_option_values(args).items()},
        "version": __version__,
        "units": len(plan.units),
        "shards": [list(b) for b in plan.bounds],
    }


def _open_parts(parts: Path, record: dict, fresh: bool) -> None:
    plan_file = parts / "plan.json"
    if parts.exists() and fresh:
        shutil.rmtree(parts)
    if parts.exists():
        try:
            old = json.loads(plan_file.read_text())
        except (OSError, ValueError):
            old = None
        if old != record:
            raise InvalidArgumentError(
                f"{parts} holds the parts of a different or unfinished table "
                f"({'no readable plan' if old is None else 'other options'}); pass fresh=True (--fresh) "
                "to discard them, or choose another out directory"
            )
        return
    parts.mkdir(parents=True)
    _write_atomic(plan_file, json.dumps(record, indent=1).encode())


def build_table(kind: str | TableKind, options: Mapping[str, object] | argparse.Namespace | None = None,
                out: str | os.PathLike[str] = "reference-tables", *, format: str = "json", jobs: int | None = None,
                client: Client | None = None,
                scheduler: str | None = None, max_rows: int | None = DEFAULT_MAX_ROWS,
                shard_rows: int = DEFAULT_SHARD_ROWS, fresh: bool = False, keep_parts: bool = False,
                progress: bool = True, stem: str | None = None, stream: TextIO | None = None) -> BuiltTable:
    """Write one table and its manifest into ``out``, in shards, in parallel, resumably.

    Parameters
    ----------
    kind : str or TableKind
        A kind name (``"cg"``, ``"6j"``, ...) or a kind object.
    options : dict, argparse.Namespace or None
        The kind's options, as on its command line (see :func:`table_options`).
    out : str or path
        Output directory (created).
    format : {"json", "csv", "npy", "npz", "parquet"}, keyword-only
    jobs : int or None, keyword-only
        Worker processes; ``None`` or 0: every core.  One shard, or ``jobs=1``,
        runs in this process.
    client : dask.distributed.Client, keyword-only
        Run the shards on this Dask cluster (the parts come back to this
        process, so no shared file system is needed).
    scheduler : str, keyword-only
        Address of a Dask scheduler to connect to (instead of ``client``).
    max_rows : int or None, keyword-only
        Refuse (:class:`~mathref.errors.SizeLimitError`) when the estimate is
        larger; ``None``: no limit.
    shard_rows : int, keyword-only
        Target rows per shard.
    fresh : bool, keyword-only
        Discard the parts of an earlier run instead of resuming from them.
    keep_parts : bool, keyword-only
        Keep ``<stem>.parts/`` after the table is assembled.
    progress : bool, keyword-only
        The estimate line and a throttled progress line on ``stream`` (stderr).
    stem : str, keyword-only
        File name stem (default: the kind's name).

    Returns
    -------
    BuiltTable

    Examples
    --------
    >>> import json, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     built = build_table("6j", {"jmax": 1, "integer_only": True}, d, progress=False)
    ...     rows = json.load(open(built.path))["rows"]
    >>> built.rows, rows[0]
    (15, [0, 0, 0, 0, 0, 0, '1', 1.0])
    """
    t0 = time.perf_counter()
    kind = _resolve_kind(kind)
    fmt = check_format(format)
    jobs = _jobs(jobs)
    max_rows = _int(max_rows, "max_rows", 1, none_ok=True)
    shard_rows = _int(shard_rows, "shard_rows", 1, 10**9)
    if not isinstance(out, (str, os.PathLike)):
        raise InvalidTypeError(f"out={out!r} must be a path")
    if scheduler is not None and not isinstance(scheduler, str):
        raise InvalidTypeError(f"scheduler={scheduler!r} must be an address string")
    stem = kind.name if stem is None else stem
    if not isinstance(stem, str) or not stem or any(c in stem for c in "/\\\0") or stem.startswith("."):
        raise InvalidArgumentError(f"stem={stem!r} must be a plain file name")
    for name, flag in (("fresh", fresh), ("keep_parts", keep_parts), ("progress", progress)):
        if not isinstance(flag, bool):
            raise InvalidTypeError(f"{name}={flag!r} must be True or False")
    stream = stream if stream is not None else sys.stderr
    if not callable(getattr(stream, "write", None)):
        raise InvalidTypeError(f"stream={stream!r} must be a text stream")
    args = table_options(kind, options)

    plan = _plan(kind, args, shard_rows)  # validates the kind's options
    estimate = _estimate(kind, args, fmt, 1 if (client is None and scheduler is None and jobs == 1) else jobs, plan)
    if max_rows is not None and estimate.rows > max_rows:
        raise SizeLimitError(
            f"{estimate.summary()}; that is above max_rows={max_rows:,} (--max-rows): raise it to build "
            "this table anyway",
            argument="max_rows",
            estimate=f"{estimate.rows:.3g} rows, {_human_bytes(estimate.bytes)}, {_human_seconds(estimate.seconds)}",
        )
    if progress:
        stream.write(estimate.summary() + "\n")

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parts = out / f"{stem}.parts"
    record = _plan_record(kind, args, fmt, plan)
    _open_parts(parts, record, fresh)
    done: dict[int, dict] = {}
    for index in range(len(plan.bounds)):
        info = _finished(parts, index, fmt)
        if info is not None:
            done[index] = info
    resumed = len(done)
    pending = [i for i in range(len(plan.bounds)) if i not in done]
    bar = _Progress(f"mathref tables {kind.name}", estimate.rows, len(plan.bounds), stream, progress)
    bar.add(sum(d["rows"] for d in done.values()), resumed)
    if progress and resumed:
        stream.write(f"mathref tables {kind.name}: resuming, {resumed} of {len(plan.bounds)} shards already done\n")

    options_dict = vars(args).copy()
    executor = "serial"
    own_client = None
    try:
        if pending and (client is not None or scheduler is not None):
            executor = "dask"
            if client is None:
                distributed = require("distributed", extra="dask", feature="mathref tables --scheduler")
                client = own_client = distributed.Client(scheduler)
            _run_dask(kind, options_dict, plan, pending, parts, fmt, bar, done, client)
        elif pending and jobs > 1 and len(pending) > 1 and load_kinds().get(kind.name) == kind:
            executor = "processes"
            _run_processes(kind, options_dict, plan, pending, parts, fmt, bar, done, min(jobs, len(pending)))
        else:
            _run_serial(kind, options_dict, plan, pending, parts, fmt, bar, done)
    finally:
        if own_client is not None:
            own_client.close()

    total_rows = sum(done[i]["rows"] for i in range(len(plan.bounds)))
    bar.close(total_rows)
    path = out / f"{stem}{SUFFIXES[fmt]}"
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    sha, segments = assemble(fmt, [_part(parts, i, fmt) for i in range(len(plan.bounds))], tmp, kind=kind.name,
                             columns=kind.columns, text_columns=kind.string_columns, rows=total_rows)
    os.replace(tmp, path)

    shards, first = [], 0
    for i, (a, b) in enumerate(plan.bounds):
        entry = {"index": i, "units": [a, b], "first_row": first, "rows": done[i]["rows"],
                 "part_sha256": done[i]["sha256"]}
        if segments[i] is not None:
            entry.update(segments[i])
        shards.append(entry)
        first += done[i]["rows"]
    columns = list(kind.numeric_columns) if fmt in ("npy", "npz") else list(kind.columns)
    manifest = {
        "kind": kind.name,
        "file": path.name,
        "format": fmt,
        "rows": total_rows,
        "columns": columns,
        "text_columns": [c for c in columns if c in kind.string_columns],
        "options": _table_option_values(args),
        "conventions": kind.manifest(args),
        "library": "mathref",
        "version": __version__,
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "bytes": path.stat().st_size,
        "sha256": sha,
        "checksum": "sha256 of the table file; per shard: rows, part_sha256 of its part and, for json/csv/npy, "
                    "offset/length/sha256 of its bytes in the table file; manifest_sha256 of this manifest's "
                    "canonical JSON (sorted keys, no spaces) without that key",
        "shards": shards,
        "build": {
            "executor": executor,
            "jobs": jobs if executor == "processes" else 1,
            "shard_rows": shard_rows,
            "units": len(plan.units),
            "resumed_shards": resumed,
            "estimate": {"rows": estimate.rows, "bytes": estimate.bytes, "seconds": round(estimate.seconds, 3)},
            "seconds": round(time.perf_counter() - t0, 3),
        },
    }
    manifest["manifest_sha256"] = manifest_checksum(manifest)
    manifest_path = out / f"{stem}.manifest.json"
    _write_atomic(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode())
    if not keep_parts:
        shutil.rmtree(parts, ignore_errors=True)
    return BuiltTable(str(path), str(manifest_path), total_rows, len(plan.bounds), resumed, sha, executor,
                      time.perf_counter() - t0)
