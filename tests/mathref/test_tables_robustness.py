"""API robustness of mathref.tables (issue 17 section 4): garbage in gives a library error, fast.

Every public callable of the tables area is called with each garbage value in
each argument position (the others valid); it must return or raise a
``mathref.errors`` error (a ValueError or TypeError), never AttributeError,
IndexError, OverflowError or a hang.
"""

from __future__ import annotations

import argparse
import io
import math
import time

import numpy as np
import pytest

from mathref.errors import MathrefError
from mathref.tables import TableKind, iter_rows, kind_units, load_kinds, rows_of_units
from mathref.tables.build import (
    BuiltTable,
    TableEstimate,
    build_table,
    estimate_table,
    manifest_checksum,
    table_options,
)
from mathref.tables.check import TableCheck, check_table, manifest_path_of
from mathref.tables.formats import PartWriter, assemble, check_format, file_sha256, part_suffix
from mathref.tables.options import lmax_option
from mathref.tables.workers import WorkerPool

GARBAGE = [None, "x", "", math.nan, math.inf, -1, 10**30, [], (), np.zeros((0,)), np.zeros((2, 3)), object(), True]


def _calls(tmp):
    kind = load_kinds()["9j"]
    out = str(tmp / "out")
    yield "build_table", build_table, ["9j", {"jmax": 1}, out], {"progress": False, "jobs": 1}
    yield "estimate_table", estimate_table, ["9j", {"jmax": 1}], {}
    yield "table_options", table_options, ["9j", {"jmax": 1}], {}
    yield "check_table", check_table, [str(tmp / "none.json")], {}
    yield "manifest_path_of", manifest_path_of, ["a/b.json"], {}
    yield "check_format", check_format, ["json"], {}
    yield "part_suffix", part_suffix, ["json"], {}
    yield "file_sha256", file_sha256, [__file__], {}
    yield "PartWriter", PartWriter, [io.BytesIO(), "json", ("x",), ()], {}
    yield "assemble", assemble, ["json", [], str(tmp / "t.json")], {"kind": "k", "columns": ("x",),
                                                                    "text_columns": (), "rows": 0}
    yield "iter_rows", iter_rows, [kind, table_options("9j", {"jmax": 0})], {}
    yield "kind_units", kind_units, [kind, table_options("9j", {"jmax": 0})], {}
    yield "rows_of_units", rows_of_units, [lambda a: [], lambda a, u: []], {}
    yield "lmax_option", lambda lmax: lmax_option(argparse.Namespace(lmax=lmax)), [3], {}
    yield "WorkerPool", WorkerPool, [1], {}
    yield "TableEstimate", TableEstimate, ["k", "json", 1, 1, 1.0, 1, 1, 1], {}
    yield "BuiltTable", BuiltTable, ["p", "m", 1, 1, 0, "s", "serial", 1.0], {}
    yield "TableCheck", TableCheck, ["p", "m", "k", "json", 1, True, (), ()], {}
    yield "TableKind", TableKind, ["k", "d", ("x",), lambda p: None, lambda a: [], lambda a: {}], {}
    yield "manifest_checksum", manifest_checksum, [{"rows": 1}], {}


def _consume(result):
    # generators and lazy results are drained so their errors count
    if hasattr(result, "__next__"):
        for _ in zip(range(10_000), result):
            pass
    elif isinstance(result, tuple) and len(result) == 2 and callable(result[1]):
        pass


def test_garbage_arguments_raise_library_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a string such as "x" is a valid output path: keep what it writes here
    failures = []
    for name, fn, args, kwargs in _calls(tmp_path):
        slots = [(i, None) for i in range(len(args))] + [(None, k) for k in kwargs]
        for index, key in slots:
            for junk in GARBAGE:
                a, kw = list(args), dict(kwargs)
                if index is not None:
                    a[index] = junk
                else:
                    kw[key] = junk
                t0 = time.perf_counter()
                try:
                    _consume(fn(*a, **kw))
                except MathrefError:
                    pass
                except Exception as exc:  # noqa: BLE001 - the point of the test
                    failures.append(f"{name} arg {index if index is not None else key}={junk!r}: "
                                    f"{type(exc).__name__}: {exc}")
                if time.perf_counter() - t0 > 10:  # a hang, not a timing benchmark
                    failures.append(f"{name} arg {index if index is not None else key}={junk!r}: hung")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("bad", [{"jmax": None}, {"jmax": math.nan}, {"jmax": 10**30}, {"jmax": "-1"},
                                 {"jmax": "1/3"}, {"lmax": 2}])
def test_bad_kind_options_fail_before_any_work(tmp_path, bad):
    with pytest.raises(MathrefError):
        build_table("6j", bad, tmp_path, progress=False)
    assert not list(tmp_path.iterdir())
