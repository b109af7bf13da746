"""Tables at any size (issue 17 section 2): streamed shards, formats, parallel determinism, resume, checks, Dask.

The small tables here are cut into many shards (``shard_rows`` of a few dozen
rows) so that every path - several shards, parallel workers, an interrupted
run - is exercised in seconds.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from mathref.cli import main
from mathref.errors import InvalidArgumentError, MissingDependencyError, SizeLimitError
from mathref.tables import load_kinds
from mathref.tables.build import BuiltTable, TableEstimate, build_table, estimate_table, table_options
from mathref.tables.check import TableCheck, check_table

SMALL = ("9j", {"jmax": 1})  # 205 rows in 11 units: many shards at shard_rows=20


def _build(tmp_path, name, fmt="json", **kw):
    kind, opts = kw.pop("table", SMALL)
    kw.setdefault("shard_rows", 20)
    kw.setdefault("jobs", 1)
    return build_table(kind, opts, tmp_path / name, format=fmt, progress=False, **kw)


def _json_rows(path):
    return json.loads(Path(path).read_text())["rows"]


def test_every_format_holds_the_same_rows(tmp_path):
    ref = _build(tmp_path, "json")
    rows = _json_rows(ref.path)
    assert ref.shards > 3 and ref.rows == len(rows) == 205
    built = {fmt: _build(tmp_path, fmt, fmt) for fmt in ("csv", "npy", "npz")}
    with open(built["csv"].path, newline="") as fh:
        body = list(csv.reader(fh))[1:]
    assert [r[-2] for r in body] == [r[-2] for r in rows]  # exact strings
    assert [float(r[-1]) for r in body] == [r[-1] for r in rows]
    arr = np.load(built["npy"].path)
    assert arr["value"].tolist() == [r[-1] for r in rows]
    assert arr["j9"].tolist() == [float(r[8]) for r in rows]
    npz = np.load(built["npz"].path)
    assert npz["value"].dtype == np.float64 and npz["value"].tolist() == [r[-1] for r in rows]
    # half-integer labels stay float64; the j's of an integer table become int64
    assert npz["j1"].dtype == np.float64
    for b in (ref, *built.values()):
        assert check_table(b.path), check_table(b.path).summary()


def test_parquet_keeps_exact_strings_beside_floats(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    ref = _json_rows(_build(tmp_path, "json").path)
    built = _build(tmp_path, "pq", "parquet")
    table = pq.read_table(built.path)
    assert table.schema.field("exact").type == "string" and table.schema.field("value").type == "double"
    assert table.column("exact").to_pylist() == [r[-2] for r in ref]
    assert table.column("value").to_pylist() == [r[-1] for r in ref]
    assert check_table(built.path)


def test_npz_real_gaunt_tensor_labels_are_integers(tmp_path):
    built = _build(tmp_path, "g", "npz", table=("real_gaunt", {"lmax": 3}), shard_rows=50)
    data = np.load(built.path)
    assert all(data[c].dtype == np.int64 for c in ("l1", "l2", "l3", "m1", "m2", "m3"))
    ref = _json_rows(_build(tmp_path, "gj", table=("real_gaunt", {"lmax": 3})).path)
    assert data["value"].tolist() == [r[-1] for r in ref]
    # the COO arrays index a dense tensor T[l1^2+l1+m1, l2^2+l2+m2, l3^2+l3+m3]
    idx = [data[f"l{k}"] ** 2 + data[f"l{k}"] + data[f"m{k}"] for k in (1, 2, 3)]
    dense = np.zeros((16, 16, 16))
    dense[tuple(idx)] = data["value"]
    assert np.allclose(dense, dense.transpose(1, 0, 2)) and np.allclose(dense, dense.transpose(0, 2, 1))


def test_rows_do_not_depend_on_shards_or_workers(tmp_path):
    one = _build(tmp_path, "one", shard_rows=10**6)
    many = _build(tmp_path, "many", shard_rows=15)
    par = _build(tmp_path, "par", shard_rows=15, jobs=2)
    assert one.shards == 1 and many.shards > 5 and par.executor == "processes"
    assert Path(one.path).read_bytes() == Path(many.path).read_bytes() == Path(par.path).read_bytes()
    manifest = json.loads(Path(par.manifest).read_text())
    assert [s["index"] for s in manifest["shards"]] == list(range(par.shards))
    assert sum(s["rows"] for s in manifest["shards"]) == par.rows
    assert not (tmp_path / "par" / "9j.parts").exists()  # parts removed once assembled


def test_streamed_coupling_blocks_equal_the_bulk_path(tmp_path, monkeypatch):
    import mathref.algebra.tables as alg

    bulk = _build(tmp_path, "bulk", "csv", table=("6j", {"jmax": 2}))
    monkeypatch.setattr(alg, "BULK_ROWS", 0)
    streamed = _build(tmp_path, "streamed", "csv", table=("6j", {"jmax": 2}), shard_rows=50)
    assert bulk.shards == 1 and streamed.shards > 1
    assert Path(bulk.path).read_bytes() == Path(streamed.path).read_bytes()


def test_estimate_is_cheap_and_refusal_states_it(tmp_path, capsys):
    est = estimate_table("cg", {"jmax": 400})  # a formula per (j1, j2) block, nothing computed
    assert est.rows > 10**12 and est.bytes > est.rows and est.seconds > 0
    with pytest.raises(SystemExit) as info:
        main(["tables", "cg", "--jmax", "400", "--out", str(tmp_path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "estimate" in err and "rows" in err and "--max-rows" in err
    with pytest.raises(SizeLimitError) as exc:
        build_table("3j", {"jmax": 2}, tmp_path, max_rows=10, progress=False)
    assert exc.value.argument == "max_rows" and "rows" in exc.value.estimate
    assert not list(tmp_path.iterdir())  # refused before writing anything


@pytest.mark.parametrize("kind, options", [("9j", {"jmax": 8}), ("6j", {"jmax": 50}), ("real_gaunt", {"lmax": 64})])
def test_the_big_reference_sets_are_planned(kind, options):
    est = estimate_table(kind, options, format="npz")
    assert 10**7 < est.rows < 10**12 and 10 < est.shards <= 20_000
    with pytest.raises(SizeLimitError, match="max_rows"):
        build_table(kind, options, "unused", max_rows=10**6, progress=False)


def test_estimates_bound_the_rows():
    for kind, opts in [("cg", {"jmax": 2}), ("6j", {"jmax": 3}), ("9j", {"jmax": 1}), ("gaunt", {"lmax": 5}),
                       ("real_gaunt", {"lmax": 5}), ("sh_fourier", {"lmax": 4})]:
        k = load_kinds()[kind]
        args = table_options(kind, opts)
        est = k.unit_estimates(args)
        for unit, bound in zip(k.units(args), est):
            assert sum(1 for _ in k.unit_rows(args, unit)) <= bound, (kind, unit)


def _run_cli(out, *extra, env=None):
    return subprocess.Popen(
        [sys.executable, "-m", "mathref", "tables", "9j", "--jmax", "1", "--shard-rows", "20", "--jobs", "1",
         "--out", str(out), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
    )


def test_interrupted_run_resumes_without_loss_or_duplicates(tmp_path):
    fresh = _build(tmp_path, "fresh")
    out = tmp_path / "killed"
    proc = _run_cli(out, env={"MATHREF_TABLES_SHARD_DELAY": "0.4"})
    parts = out / "9j.parts"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(parts.glob("part-*.json"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = len(list(parts.glob("part-*.json")))
    assert 3 <= finished < fresh.shards and not (out / "9j.json").exists()
    built = build_table(*SMALL, out, shard_rows=20, jobs=1, progress=False)
    assert built.resumed_shards >= finished - 1 and built.resumed_shards >= 2
    assert Path(built.path).read_bytes() == Path(fresh.path).read_bytes()
    assert check_table(built.path)
    manifest = json.loads(Path(built.manifest).read_text())
    assert manifest["build"]["resumed_shards"] == built.resumed_shards


def test_a_corrupt_part_is_recomputed(tmp_path):
    fresh = _build(tmp_path, "fresh")
    kept = _build(tmp_path, "kept", keep_parts=True)
    part = sorted((tmp_path / "kept" / "9j.parts").glob("part-000002.*l"))[0]
    part.write_bytes(part.read_bytes().replace(b"1", b"2", 1))
    assert not check_table(kept.path)  # the kept part no longer matches
    again = _build(tmp_path, "kept")
    assert again.resumed_shards == fresh.shards - 1
    assert Path(again.path).read_bytes() == Path(fresh.path).read_bytes()


def test_parts_of_other_options_are_not_mixed_in(tmp_path):
    out = tmp_path / "t"
    build_table(*SMALL, out, shard_rows=20, jobs=1, progress=False, keep_parts=True)
    with pytest.raises(InvalidArgumentError, match="fresh"):
        build_table("9j", {"jmax": 1, "integer_only": True}, out, shard_rows=20, jobs=1, progress=False)
    built = build_table("9j", {"jmax": 1, "integer_only": True}, out, shard_rows=20, jobs=1, progress=False,
                        fresh=True)
    assert built.resumed_shards == 0 and check_table(built.path)


@pytest.mark.parametrize("fmt", ["json", "csv", "npy"])
def test_check_table_finds_the_changed_shard(tmp_path, fmt):
    built = _build(tmp_path, fmt, fmt)
    manifest = json.loads(Path(built.manifest).read_text())
    shard = manifest["shards"][3]
    data = bytearray(Path(built.path).read_bytes())
    data[shard["offset"] + shard["length"] // 2] ^= 0x01
    Path(built.path).write_bytes(bytes(data))
    report = check_table(built.manifest)
    assert not report and report.bad_shards == (3,)
    assert "sha256" in report.summary()


def test_check_table_reports_manifest_and_file_problems(tmp_path):
    built = _build(tmp_path, "t")
    manifest = json.loads(Path(built.manifest).read_text())
    manifest["rows"] += 1
    Path(built.manifest).write_text(json.dumps(manifest))
    report = check_table(built.path)
    assert not report and any("manifest" in p for p in report.problems)
    os.remove(built.path)
    assert any("missing" in p for p in check_table(built.manifest).problems)
    with pytest.raises(InvalidArgumentError, match="no manifest"):
        check_table(tmp_path / "nothing.json")


def test_progress_line_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHREF_TABLES_SHARD_DELAY", "0.35")
    assert main(["tables", "gaunt", "--lmax", "4", "--shard-rows", "200", "--jobs", "1", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "estimate" in captured.err and "shards" in captured.err and "rows/s" in captured.err
    assert "rows" in captured.out
    assert main(["tables", "gaunt", "--lmax", "1", "--quiet", "--out", str(tmp_path / "q")]) == 0
    assert capsys.readouterr().err == ""


def test_missing_dask_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"mathref\[dask\]"):
        build_table(*SMALL, tmp_path, scheduler="tcp://127.0.0.1:1", progress=False)
    with pytest.raises(SystemExit):
        main(["tables", "9j", "--jmax", "1", "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path / "c")])
    assert "mathref[dask]" in capsys.readouterr().err


def test_dask_local_cluster_gives_the_same_table(tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = _build(tmp_path, "serial", "csv")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            on_client = build_table(*SMALL, tmp_path / "client", format="csv", client=client, shard_rows=20,
                                    progress=False)
        assert main(["tables", "9j", "--jmax", "1", "--format", "csv", "--shard-rows", "20", "--quiet",
                     "--scheduler", cluster.scheduler_address, "--out", str(tmp_path / "address")]) == 0
    assert on_client.executor == "dask" and on_client.shards > 3
    for path in (on_client.path, tmp_path / "address" / "9j.csv"):
        assert Path(path).read_bytes() == Path(serial.path).read_bytes()
        assert check_table(path)


def test_results_pickle_copy_and_compare(tmp_path):
    built = _build(tmp_path, "t")
    for obj in (estimate_table(*SMALL), built, check_table(built.path)):
        assert isinstance(obj, (TableEstimate, BuiltTable, TableCheck))
        assert pickle.loads(pickle.dumps(obj)) == obj == copy.deepcopy(obj)


def test_tables_check_command_exit_status(tmp_path, capsys):
    """`mathref tables check` exits 0 when a table is intact, 1 on a changed byte and 2 with no manifest."""
    from mathref.cli import main

    built = _build(tmp_path, "cli", "csv")
    assert main(["tables", "check", str(built.manifest)]) == 0
    assert "ok" in capsys.readouterr().out
    with open(built.path, "r+b") as fh:
        fh.seek(-3, 2)
        fh.write(b"9")
    assert main(["tables", "check", str(built.path), "--no-parse"]) == 1
    assert "sha256" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["tables", "check", str(tmp_path / "missing.csv")])
    assert stop.value.code == 2
