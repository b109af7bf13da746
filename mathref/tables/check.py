"""Re-check a finished reference table against its manifest: checksums, row counts, structure.

:func:`check_table` is what ``mathref verify`` (and anyone holding a table
someone else wrote) calls to know that a table file is the one its manifest
describes, byte for byte, before trusting its values.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.optional import require

from .formats import SUFFIXES, file_sha256

__all__ = ["TableCheck", "check_table", "manifest_path_of"]


@dataclass(frozen=True)
class TableCheck:
    """The outcome of :func:`check_table`.

    Attributes
    ----------
    path, manifest : str
        The table file and its manifest.
    kind, format : str
    rows : int
        Rows the manifest states.
    ok : bool
        True when every check passed (also the truth value of the object).
    checks : tuple of str
        What was checked, in words.
    problems : tuple of str
        What failed, in words (empty when ``ok``).
    bad_shards : tuple of int
        Shards whose bytes in the file differ from their recorded checksum.
    """

    path: str
    manifest: str
    kind: str
    format: str
    rows: int
    ok: bool
    checks: tuple
    problems: tuple
    bad_shards: tuple = ()

    def __post_init__(self):
        for name in ("path", "manifest", "kind", "format"):
            if not isinstance(getattr(self, name), str):
                raise InvalidTypeError(f"TableCheck: {name}={getattr(self, name)!r} must be a string")
        if isinstance(self.rows, bool) or not isinstance(self.rows, int) or not isinstance(self.ok, bool):
            raise InvalidTypeError("TableCheck: rows must be an int and ok a bool")
        for name in ("checks", "problems", "bad_shards"):
            if not isinstance(getattr(self, name), tuple):
                raise InvalidTypeError(f"TableCheck: {name} must be a tuple")

    def __bool__(self) -> bool:
        return self.ok

    def summary(self) -> str:
        """One line per problem, or one line saying all is well."""
        if self.ok:
            return f"{self.path}: ok ({self.rows} rows, {len(self.checks)} checks)"
        return "\n".join(f"{self.path}: {p}" for p in self.problems)


def manifest_path_of(path: str | os.PathLike[str]) -> Path:
    """The manifest of a table file (``cg.json`` -> ``cg.manifest.json``), or ``path`` if it is a manifest.

    >>> manifest_path_of("out/cg.json").name
    'cg.manifest.json'
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path={path!r} must be a path")
    path = Path(path)
    if path.name.endswith(".manifest.json"):
        return path
    for suffix in SUFFIXES.values():
        if path.name.endswith(suffix):
            return path.with_name(path.name[: -len(suffix)] + ".manifest.json")
    raise InvalidArgumentError(f"path={str(path)!r} is neither a table ({', '.join(SUFFIXES.values())}) "
                               "nor a manifest (.manifest.json)")


def _segment_sha(fh, offset: int, length: int) -> str:
    fh.seek(offset)
    h = hashlib.sha256()
    left = length
    while left > 0:
        block = fh.read(min(left, 1 << 20))
        if not block:
            break
        h.update(block)
        left -= len(block)
    return h.hexdigest()


def _count_rows(fmt: str, path: Path, columns: list) -> int:
    """Rows in the file, parsing every row of the text formats (each must have one value per column)."""
    width = len(columns)
    if fmt == "json":
        with path.open("rb") as fh:
            head = json.loads(fh.readline().decode().rstrip().removesuffix("[") + "[]}")
            if head.get("columns") != columns:
                raise ValueError(f"columns {head.get('columns')} differ from the manifest's")
            n = 0
            for line in fh:
                line = line.rstrip(b"\n")
                if line == b"]}":
                    break
                if not line:  # the line before the closing bracket of an empty table
                    continue
                row = json.loads(line.removesuffix(b","))
                if len(row) != width:
                    raise ValueError(f"row {n} has {len(row)} values, expected {width}")
                n += 1
            else:
                raise ValueError("the rows array is not closed")
            return n
    if fmt == "csv":
        with path.open(newline="") as fh:
            reader = csv.reader(fh)
            if next(reader) != columns:
                raise ValueError("the header differs from the manifest's columns")
            n = 0
            for row in reader:
                if len(row) != width:
                    raise ValueError(f"row {n} has {len(row)} values, expected {width}")
                n += 1
            return n
    if fmt == "npy":
        arr = np.load(path, mmap_mode="r")
        if list(arr.dtype.names or ()) != columns:
            raise ValueError("the record fields differ from the manifest's columns")
        return int(arr.shape[0])
    if fmt == "npz":
        with np.load(path) as data:
            if sorted(data.files) != sorted(columns):
                raise ValueError("the arrays differ from the manifest's columns")
            sizes = {len(data[c]) for c in columns}
        if len(sizes) > 1:
            raise ValueError(f"the column arrays have different lengths {sorted(sizes)}")
        return sizes.pop() if sizes else 0
    pq = require("pyarrow.parquet", extra="parquet", feature="checking a Parquet table")
    pf = pq.ParquetFile(path)
    if pf.schema_arrow.names != columns:
        raise ValueError("the schema differs from the manifest's columns")
    return pf.metadata.num_rows


def check_table(path: str | os.PathLike[str], *, parse: bool = True) -> TableCheck:
    """Re-check a table written by ``mathref tables`` against its manifest.

    Checks the manifest's own checksum, the table file's size and sha256, and
    (``parse=True``) that the file holds the stated number of well-formed rows
    with the stated columns.  When the file's checksum fails, each shard's
    recorded segment is re-hashed to say which shards changed.  Parts kept with
    ``--keep-parts`` are checked too.

    Parameters
    ----------
    path : str or path
        The table file (``cg.json``, ...) or its manifest (``cg.manifest.json``).
    parse : bool, keyword-only
        Also read every row (slower; the checksums alone prove the bytes).

    Returns
    -------
    TableCheck
        Truthy when everything agrees; ``problems`` lists what does not.

    Examples
    --------
    >>> import tempfile
    >>> from mathref.tables.build import build_table
    >>> with tempfile.TemporaryDirectory() as d:
    ...     built = build_table("3j", {"jmax": 1}, d, format="csv", progress=False)
    ...     good = check_table(built.path)
    ...     with open(built.path, "r+b") as fh:
    ...         _ = fh.seek(-3, 2); _ = fh.write(b"9")
    ...     bad = check_table(built.path)
    >>> bool(good), bool(bad), bad.bad_shards
    (True, False, (0,))
    """
    if not isinstance(parse, bool):
        raise InvalidTypeError(f"parse={parse!r} must be True or False")
    mpath = manifest_path_of(path)
    if not mpath.is_file():
        raise InvalidArgumentError(f"path={str(path)!r}: no manifest {str(mpath)!r} beside it")
    try:
        manifest = json.loads(mpath.read_text())
        table = mpath.with_name(manifest["file"])
        fmt, rows, columns = manifest["format"], int(manifest["rows"]), list(manifest["columns"])
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise InvalidArgumentError(f"path={str(path)!r}: the manifest {str(mpath)!r} is unreadable ({exc})") from None
    checks, problems, bad = [], [], []

    from .build import manifest_checksum

    if "manifest_sha256" in manifest:
        checks.append("manifest checksum")
        if manifest_checksum(manifest) != manifest["manifest_sha256"]:
            problems.append("the manifest was changed after it was written (manifest_sha256 differs)")
    else:
        problems.append("the manifest carries no checksums (written by an older mathref?)")
    if not table.is_file():
        problems.append(f"the table file {table.name} is missing")
        return TableCheck(str(table), str(mpath), manifest.get("kind", "?"), fmt, rows, False, tuple(checks),
                          tuple(problems))
    shards = manifest.get("shards", [])
    if "sha256" in manifest:
        checks.append("file size and sha256")
        size_ok = table.stat().st_size == manifest.get("bytes")
        if not size_ok:
            problems.append(f"the file has {table.stat().st_size} bytes, the manifest says {manifest.get('bytes')}")
        if file_sha256(table) != manifest["sha256"]:
            problems.append("the file's sha256 differs from the manifest's")
            with table.open("rb") as fh:
                for shard in shards:
                    if "sha256" in shard and _segment_sha(fh, shard["offset"], shard["length"]) != shard["sha256"]:
                        bad.append(int(shard["index"]))
            if bad:
                problems.append(f"shards with changed bytes: {bad}")
    if shards:
        checks.append("shard row counts")
        if sum(int(s["rows"]) for s in shards) != rows:
            problems.append("the shards' rows do not add up to the table's rows")
    if parse:
        checks.append(f"every row parsed ({fmt})")
        try:
            found = _count_rows(fmt, table, columns)
        except (ValueError, OSError, EOFError, UnicodeDecodeError) as exc:
            problems.append(f"the file does not parse as the manifest says: {exc}")
        else:
            if found != rows:
                problems.append(f"the file holds {found} rows, the manifest says {rows}")
    parts = mpath.with_name(mpath.name.removesuffix(".manifest.json") + ".parts")
    if parts.is_dir() and shards:
        checks.append("kept parts")
        for shard in shards:
            hits = sorted(parts.glob(f"part-{int(shard['index']):06d}.*"))
            data = [p for p in hits if not p.name.endswith(".json") and ".tmp-" not in p.name]
            if not data or file_sha256(data[0]) != shard.get("part_sha256"):
                problems.append(f"part {shard['index']} is missing or differs from its checksum")
    return TableCheck(str(table), str(mpath), manifest.get("kind", "?"), fmt, rows, not problems, tuple(checks),
                      tuple(problems), tuple(bad))


