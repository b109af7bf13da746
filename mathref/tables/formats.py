"""File formats of reference tables: how one shard's rows are encoded, and how shards become one file.

Every format is written in two stages so that memory stays bounded by one shard:

* a *part* holds the rows of one shard in a form that concatenates cheaply
  (JSON: one row per line; CSV: records; ``npy``/``npz``: little-endian float64
  records of the numeric columns; Parquet: a small Parquet file);
* the *assembly* streams the parts, in shard order, into the final file and
  records where each shard's rows landed.

Formats: ``json`` (one JSON document ``{"kind", "columns", "rows": [...]}`` with
one row per line, so it stays valid JSON and can still be read line by line),
``csv`` (header and records), ``npy`` (a structured array of the numeric columns),
``npz`` (one array per numeric column, int64 where every value is an integer,
else float64) and ``parquet`` (every column; exact values as strings beside the
float column, so nothing is lost).  Exact strings are only in json, csv and
parquet.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.optional import require

__all__ = ["FORMATS", "SUFFIXES", "PartWriter", "assemble", "part_suffix", "file_sha256", "check_format"]

FORMATS = ("json", "csv", "npy", "npz", "parquet")
SUFFIXES = {"json": ".json", "csv": ".csv", "npy": ".npy", "npz": ".npz", "parquet": ".parquet"}
_PART_SUFFIX = {"json": ".jsonl", "csv": ".csv", "npy": ".f8", "npz": ".f8", "parquet": ".parquet"}
_BATCH = 8192  # rows buffered before a binary write


def check_format(fmt: str) -> str:
    """``fmt`` if it names a format, else :class:`~mathref.errors.InvalidArgumentError`.

    >>> check_format("csv")
    'csv'
    """
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise InvalidArgumentError(f"format={fmt!r} must be one of {', '.join(FORMATS)}")
    return fmt


def part_suffix(fmt: str) -> str:
    """File suffix of one shard's part in format ``fmt``.

    >>> part_suffix("npz")
    '.f8'
    """
    return _PART_SUFFIX[check_format(fmt)]


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file, read in blocks.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "x")
    ...     _ = open(p, "wb").write(b"abc")
    ...     file_sha256(p)[:16]
    'ba7816bf8f01cfea'
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path={path!r} must be a path")
    if not Path(path).is_file():
        raise InvalidArgumentError(f"path={str(path)!r} is not a file")
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _names(value, name: str) -> tuple:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(f"{name}={value!r} must be a sequence of column names")
    out = tuple(value)
    if not all(isinstance(c, str) and c for c in out):
        raise InvalidTypeError(f"{name}={value!r} must hold non-empty strings")
    return out


def _record_dtype(numeric_columns) -> np.dtype:
    return np.dtype([(c, "<f8") for c in numeric_columns])


def _arrow_schema(columns, text_columns):
    pa = require("pyarrow", extra="parquet", feature="mathref tables --format parquet")
    text = set(text_columns)
    return pa.schema([(c, pa.string() if c in text else pa.float64()) for c in columns])


class PartWriter:
    """Encode the rows of one shard into a binary file object.

    Parameters
    ----------
    fh : binary file object
    fmt : str
        One of :data:`FORMATS`.
    columns, text_columns : tuple of str
        All columns, and those that hold strings.

    Examples
    --------
    >>> buf = io.BytesIO()
    >>> w = PartWriter(buf, "json", ("x", "exact"), ("exact",))
    >>> w.write((1, "1/2")); w.close()
    >>> buf.getvalue(), w.rows
    (b'[1, "1/2"]\\n', 1)
    """

    def __init__(self, fh: BinaryIO, fmt: str, columns: Sequence[str], text_columns: Collection[str]) -> None:
        if not callable(getattr(fh, "write", None)):
            raise InvalidTypeError(f"fh={fh!r} must be a binary file object")
        self.fh = fh
        self.fmt = check_format(fmt)
        self.columns = _names(columns, "columns")
        text = set(_names(text_columns, "text_columns"))
        self.text_columns = tuple(c for c in self.columns if c in text)
        self.numeric_index = [i for i, c in enumerate(self.columns) if c not in text]
        self.rows = 0
        self._buffer: list = []
        self._arrow_writer = None
        if self.fmt in ("npy", "npz"):
            self._dtype = _record_dtype([self.columns[i] for i in self.numeric_index])
        elif self.fmt == "csv":
            self._text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
            self._csv = csv.writer(self._text)

    def write(self, row: tuple | list) -> None:
        """Add one row (a tuple with one value per column)."""
        if not isinstance(row, (tuple, list)) or len(row) != len(self.columns):
            raise InvalidArgumentError(f"row={row!r} must have one value per column {self.columns}")
        self.rows += 1
        if self.fmt == "json":
            self.fh.write(json.dumps(list(row)).encode() + b"\n")
        elif self.fmt == "csv":
            self._csv.writerow(row)
        else:
            self._buffer.append(row)
            if len(self._buffer) >= _BATCH:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self.fmt in ("npy", "npz"):
            idx = self.numeric_index
            arr = np.array([tuple(float(r[i]) for i in idx) for r in self._buffer], dtype=self._dtype)
            self.fh.write(arr.tobytes())
        else:
            pa = require("pyarrow", extra="parquet", feature="mathref tables --format parquet")
            pq = require("pyarrow.parquet", extra="parquet", feature="mathref tables --format parquet")
            schema = _arrow_schema(self.columns, self.text_columns)
            text = set(self.text_columns)
            arrays = []
            for i, c in enumerate(self.columns):
                values = [r[i] for r in self._buffer]
                arrays.append(pa.array([str(v) for v in values] if c in text else [float(v) for v in values],
                                       type=schema.field(c).type))
            if self._arrow_writer is None:
                self._arrow_writer = pq.ParquetWriter(self.fh, schema)
            self._arrow_writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        self._buffer.clear()

    def close(self) -> None:
        """Write what is buffered (a Parquet part with no rows still gets its schema)."""
        if self.fmt == "csv":
            self._text.flush()
            self._text.detach()
        self._flush()
        if self.fmt == "parquet":
            if self._arrow_writer is None:
                pq = require("pyarrow.parquet", extra="parquet", feature="mathref tables --format parquet")
                self._arrow_writer = pq.ParquetWriter(self.fh, _arrow_schema(self.columns, self.text_columns))
            self._arrow_writer.close()


class _HashingWriter:
    """A binary writer that tracks its offset and the sha256 of the current segment and of the whole file."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.offset = 0
        self.total = hashlib.sha256()
        self.segment = hashlib.sha256()
        self.segment_start = 0

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.total.update(data)
        self.segment.update(data)
        self.offset += len(data)

    def end_segment(self) -> dict:
        seg = {"offset": self.segment_start, "length": self.offset - self.segment_start,
               "sha256": self.segment.hexdigest()}
        self.segment = hashlib.sha256()
        self.segment_start = self.offset
        return seg


def _copy_lines_json(src: Path, out: _HashingWriter, first: bool) -> bool:
    with src.open("rb") as fh:
        for line in fh:
            out.write((b"" if first else b",\n") + line.rstrip(b"\n"))
            first = False
    return first


def _copy_file(src: Path, out: _HashingWriter) -> None:
    with src.open("rb") as fh:
        while block := fh.read(1 << 20):
            out.write(block)


def _npy_header(dtype: np.dtype, rows: int) -> bytes:
    buf = io.BytesIO()
    header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False, "shape": (rows,)}
    # version 1.0 holds any header this small; numpy reads both
    np.lib.format.write_array_header_1_0(buf, header)
    return buf.getvalue()


def assemble(fmt: str, parts: Sequence[Path], dest: Path, *, kind: str, columns: Sequence[str],
             text_columns: Collection[str], rows: int) -> tuple[str, list]:
    """Stream ``parts`` (paths, in shard order) into ``dest``; return the file's sha256 and per-shard segments.

    A segment (``offset``, ``length``, ``sha256`` of the bytes in ``dest``) is
    listed for every shard in the formats where a shard's rows are contiguous
    bytes of the file (json, csv, npy); for npz and parquet the list holds
    ``None`` per shard.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     part = Path(d, "p.jsonl"); _ = part.write_bytes(b'[1]\\n[2]\\n')
    ...     sha, segs = assemble("json", [part], Path(d, "t.json"), kind="k", columns=("x",),
    ...                          text_columns=(), rows=2)
    ...     json.loads(Path(d, "t.json").read_text())["rows"], segs[0]["length"]
    ([[1], [2]], 8)
    """
    check_format(fmt)
    columns = _names(columns, "columns")
    text = set(_names(text_columns, "text_columns"))
    if not isinstance(dest, (str, os.PathLike)):
        raise InvalidTypeError(f"dest={dest!r} must be a path")
    dest = Path(dest)
    if dest.is_dir():
        raise InvalidArgumentError(f"dest={str(dest)!r} is a directory")
    if not isinstance(kind, str) or not kind:
        raise InvalidTypeError(f"kind={kind!r} must be a kind name")
    parts = [Path(p) if isinstance(p, (str, os.PathLike)) else p for p in _names_or_paths(parts)]
    rows = _count(rows, "rows")
    numeric = [c for c in columns if c not in text]
    segments: list = []
    if fmt in ("json", "csv", "npy"):
        with dest.open("wb") as raw:
            out = _HashingWriter(raw)
            if fmt == "json":
                out.write(json.dumps({"kind": kind, "columns": list(columns)})[:-1].encode() + b', "rows": [\n')
            elif fmt == "csv":
                head = io.StringIO()
                csv.writer(head).writerow(columns)
                out.write(head.getvalue().encode())
            else:
                out.write(_npy_header(_record_dtype(numeric), rows))
            out.end_segment()
            first = True
            for part in parts:
                if fmt == "json":
                    first = _copy_lines_json(Path(part), out, first)
                else:
                    _copy_file(Path(part), out)
                segments.append(out.end_segment())
            if fmt == "json":
                out.write(b"\n]}\n")
        return out.total.hexdigest(), segments
    if fmt == "npz":
        _assemble_npz(parts, dest, numeric)
    else:
        _assemble_parquet(parts, dest, kind, columns, text_columns)
    return file_sha256(dest), [None] * len(parts)


def _names_or_paths(parts) -> list:
    if isinstance(parts, (str, bytes)) or not hasattr(parts, "__iter__"):
        raise InvalidTypeError(f"parts={parts!r} must be a sequence of paths")
    out = list(parts)
    for p in out:
        if not isinstance(p, (str, os.PathLike)):
            raise InvalidTypeError(f"parts: {p!r} is not a path")
        if not Path(p).is_file():
            raise InvalidArgumentError(f"parts: {str(p)!r} is not a file")
    return out


def _count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0 or value > 2**62:
        raise InvalidArgumentError(f"{name}={value!r} must be a non-negative integer")
    return int(value)


def _column_chunks(parts, dtype: np.dtype, name: str):
    step = max(1, (1 << 22) // dtype.itemsize)
    for part in parts:
        with open(part, "rb") as fh:
            while True:
                block = np.fromfile(fh, dtype=dtype, count=step)
                if not len(block):
                    break
                yield block[name]


def _assemble_npz(parts, dest: Path, numeric) -> None:
    dtype = _record_dtype(numeric)
    rows = sum(Path(p).stat().st_size // dtype.itemsize for p in parts)
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name in numeric:
            # int64 when every value is an integer (labels), so the arrays index tensors directly
            chunks = _column_chunks(parts, dtype, name)
            integral = all(np.all(np.floor(c) == c) and np.all(np.abs(c) < 2**53) for c in chunks)
            kind = np.dtype("<i8") if integral else np.dtype("<f8")
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            with zf.open(info, "w", force_zip64=True) as member:
                member.write(_npy_header(kind, rows))
                for chunk in _column_chunks(parts, dtype, name):
                    member.write(chunk.astype(kind).tobytes())


def _assemble_parquet(parts, dest: Path, kind: str, columns, text_columns) -> None:
    pq = require("pyarrow.parquet", extra="parquet", feature="mathref tables --format parquet")
    schema = _arrow_schema(columns, text_columns).with_metadata({"mathref.kind": kind})
    with pq.ParquetWriter(dest, schema) as writer:
        for part in parts:
            pf = pq.ParquetFile(part)
            for group in range(pf.num_row_groups):
                writer.write_table(pf.read_row_group(group).replace_schema_metadata(schema.metadata))
