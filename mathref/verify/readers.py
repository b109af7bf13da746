"""Readers for tables under test: JSON, CSV, ``.npy`` and ``.npz``.

Row tables as ``mathref tables`` writes them (named columns, a
``<stem>.manifest.json`` beside them), plain rows without a header (label columns
first, then the value, or real and imaginary parts), and dense arrays whose axes
are named by a layout (see :func:`mathref.verify.verify`).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["TableData", "read_table"]

#: Files larger than this are refused (they are read into memory).
MAX_BYTES = 2**31


@dataclass(eq=False)
class TableData:
    """What a file held.

    ``columns`` (name -> 1-D array, strings kept as object arrays) for row
    tables; ``array`` for a dense array (with the other ``.npz`` arrays in
    ``arrays``); ``manifest`` when a ``mathref tables`` manifest sits beside the
    file.

    Examples
    --------
    >>> TableData(columns={"j": np.array([1.0])}).n_rows
    1
    """

    columns: dict | None = None
    array: np.ndarray | None = None
    arrays: dict = field(default_factory=dict)
    manifest: dict | None = None
    path: Path | None = None
    named: bool = True

    @property
    def n_rows(self) -> int:
        if self.columns:
            return len(next(iter(self.columns.values())))
        return 0 if self.array is None else int(self.array.size)


def _column(values: list) -> np.ndarray:
    try:
        return np.array([float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        pass
    try:
        return np.array([complex(str(v).replace(" ", "")) for v in values], dtype=complex)
    except (TypeError, ValueError):
        return np.array(values, dtype=object)


def _from_rows(header, rows) -> TableData:
    named = header is not None
    width = len(header) if named else (len(rows[0]) if rows else 0)
    if any(len(r) != width for r in rows):
        raise InvalidArgumentError("table rows have different numbers of columns")
    names = list(header) if named else [f"c{i}" for i in range(width)]
    cols = {n: _column([r[i] for r in rows]) for i, n in enumerate(names)}
    return TableData(columns=cols, named=named)


def _is_number(text) -> bool:
    try:
        float(text)
        return True
    except (TypeError, ValueError):
        return False


def _read_json(path: Path) -> TableData:
    data = json.loads(path.read_text())
    if isinstance(data, dict) and "rows" in data:
        return _from_rows(data.get("columns"), data["rows"])
    if isinstance(data, dict):  # {"j1,m1,...": value}
        rows = []
        for key, value in data.items():
            rows.append([float(x) for x in str(key).replace("(", "").replace(")", "").split(",")] + [value])
        return _from_rows(None, rows)
    if isinstance(data, list):
        return _from_rows(None, data)
    raise InvalidArgumentError(f"{path}: JSON must hold {{'columns', 'rows'}}, a list of rows or a dict")


def _read_csv(path: Path) -> TableData:
    with path.open(newline="") as fh:
        rows = [r for r in csv.reader(fh) if r]
    if not rows:
        return TableData(columns={}, named=False)
    header = None if all(_is_number(x) for x in rows[0]) else rows.pop(0)
    return _from_rows(header, rows)


def _from_array(arr: np.ndarray, arrays=None) -> TableData:
    if arr.dtype.names:
        return TableData(columns={n: np.asarray(arr[n]) for n in arr.dtype.names})
    if arr.dtype == object:
        raise InvalidTypeError("object arrays are not read (they may hold code); save numbers")
    return TableData(array=arr, arrays=dict(arrays or {}))


def _read_npz(path: Path) -> TableData:
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    if "values" in arrays:
        return _from_array(arrays.pop("values"), arrays)
    lengths = {a.shape for a in arrays.values()}
    if len(lengths) == 1 and all(a.ndim == 1 for a in arrays.values()):
        return TableData(columns=arrays)
    if len(arrays) == 1:
        return _from_array(next(iter(arrays.values())))
    raise InvalidArgumentError(f"{path}: an .npz must hold 'values' (a dense array) or 1-D columns of one length")


def _manifest_for(path: Path):
    for cand in (path.with_name(path.stem + ".manifest.json"), path.with_name("manifest.json")):
        if cand.is_file():
            try:
                return json.loads(cand.read_text())
            except json.JSONDecodeError:
                return None
    return None


def read_table(path: str | Path) -> TableData:
    """Read a table under test; a manifest path reads the table it names.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "t.csv")
    >>> _ = open(p, "w").write("j1,m1,j2,m2,j,m,value\\n0,0,0,0,0,0,1.0\\n")
    >>> read_table(p).columns["value"]
    array([1.])
    """
    if isinstance(path, (bytes, bool)) or not isinstance(path, (str, Path)):
        raise InvalidTypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
    path = Path(path)
    if not path.is_file():
        raise InvalidArgumentError(f"path={str(path)!r} is not a file")
    if path.stat().st_size > MAX_BYTES:
        raise InvalidArgumentError(f"path={str(path)!r} is larger than {MAX_BYTES} bytes")
    if path.name.endswith(".manifest.json"):
        manifest = json.loads(path.read_text())
        target = path.with_name(str(manifest.get("file", "")))
        if not target.is_file():
            raise InvalidArgumentError(f"{path}: the manifest names file {manifest.get('file')!r}, which is absent")
        data = read_table(target)
        data.manifest = manifest
        return data
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = _read_json(path)
        elif suffix == ".csv":
            data = _read_csv(path)
        elif suffix == ".npy":
            data = _from_array(np.load(path, allow_pickle=False))
        elif suffix == ".npz":
            data = _read_npz(path)
        else:
            raise InvalidArgumentError(f"path={str(path)!r}: unknown format {suffix!r} (json, csv, npy, npz)")
    except (InvalidArgumentError, InvalidTypeError):
        raise
    except (ValueError, csv.Error, OSError, EOFError) as exc:  # JSON and Unicode errors are ValueErrors
        raise InvalidArgumentError(f"path={str(path)!r} could not be read: {exc}") from None
    data.path = path
    if data.manifest is None:
        data.manifest = _manifest_for(path)
    return data
