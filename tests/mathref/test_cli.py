"""The ``mathref tables`` command: files, exact strings, manifests, errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from sympy.physics import wigner as sw

from mathref.cli import main
from mathref.tables import load_kinds


def _rat(x):
    return sympy.Rational(Fraction(x).limit_denominator(2))


def test_cg_json_is_exact_and_complete(tmp_path):
    assert main(["tables", "cg", "--jmax", "3/2", "--format", "json", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "cg.json").read_text())
    assert data["columns"] == ["j1", "m1", "j2", "m2", "j", "m", "exact", "value"]
    rows = data["rows"]
    count = 0
    for t1 in range(4):
        for t2 in range(4):
            for t in range(abs(t1 - t2), min(t1 + t2, 3) + 1, 2):
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        if abs(u1 + u2) <= t:
                            v = sw.clebsch_gordan(*(sympy.Rational(x, 2) for x in (t1, t2, t, u1, u2, u1 + u2)))
                            count += v != 0
    assert len(rows) == count
    for j1, m1, j2, m2, j, m, exact, value in rows:
        ref = sw.clebsch_gordan(*map(_rat, (j1, j2, j, m1, m2, m)))
        assert sympy.sympify(exact) == ref
        assert value == float(sympy.N(ref, 40))
    manifest = json.loads((tmp_path / "cg.manifest.json").read_text())
    assert manifest["conventions"]["phase"] == "Condon-Shortley"
    assert manifest["rows"] == len(rows) and manifest["version"]


@pytest.mark.parametrize("kind, ref", [("3j", sw.wigner_3j), ("6j", sw.wigner_6j)])
def test_csv_tables_match_sympy(tmp_path, kind, ref):
    assert main(["tables", kind, "--jmax", "1", "--format", "csv", "--out", str(tmp_path)]) == 0
    with (tmp_path / f"{kind}.csv").open() as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert header[-2:] == ["exact", "value"] and body
    for row in body:
        labels = [_rat(x) for x in row[:-2]]
        assert sympy.sympify(row[-2]) == ref(*labels)
        assert float(row[-1]) == float(sympy.sympify(row[-2]).evalf(40))


def test_9j_table_and_npy(tmp_path):
    assert main(["tables", "9j", "--jmax", "1", "--integer-only", "--format", "npy", "--out", str(tmp_path)]) == 0
    arr = np.load(tmp_path / "9j.npy")
    assert arr.dtype.names[-1] == "value" and len(arr) > 10
    row = arr[arr["j9"] == 0][0]
    labels = [int(row[n]) for n in arr.dtype.names[:-1]]
    assert row["value"] == float(sw.wigner_9j(*labels, prec=None))


def test_bad_jmax_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["tables", "cg", "--jmax", "0.3", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "--jmax" in capsys.readouterr().err


def test_every_registered_kind_has_a_manifest_and_columns():
    kinds = load_kinds()
    assert {"cg", "3j", "6j", "9j", "gaunt", "real_gaunt", "sh_fourier", "qsp"} <= set(kinds)
    for kind in kinds.values():
        assert kind.columns and kind.description


def test_python_dash_m_entry_point(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "mathref", "tables", "3j", "--jmax", "1/2", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "3j.json").exists()


def test_warmup_reaches_every_package(capsys):
    assert main(["warmup"]) == 0
    out = capsys.readouterr().out
    for package in ("algebra", "geometry", "spectral", "combinatorics"):
        assert f"warming up {package}" in out
    assert out.strip().splitlines()[-1].startswith("numba warmup: ")
