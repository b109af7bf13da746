"""``mathref tables gaunt|real_gaunt|sh_fourier``: exact strings, rounded floats, manifests, errors."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import sympy
from sympy.physics import wigner as sw

from mathref.cli import main
from mathref.geometry import sh_fourier_coefficients_exact


@pytest.mark.parametrize("kind, ref", [("gaunt", sw.gaunt), ("real_gaunt", sw.real_gaunt)])
def test_gaunt_json_matches_sympy(tmp_path, kind, ref):
    assert main(["tables", kind, "--lmax", "2", "--format", "json", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / f"{kind}.json").read_text())
    assert data["columns"] == ["l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"]
    rows = data["rows"]
    labels = {tuple(r[:6]) for r in rows}
    # complete: every label with a nonzero sympy value is present, and nothing else
    expected = set()
    for l1 in range(3):
        for l2 in range(3):
            for l3 in range(3):
                for m1 in range(-l1, l1 + 1):
                    for m2 in range(-l2, l2 + 1):
                        for m3 in range(-l3, l3 + 1):
                            if ref(l1, l2, l3, m1, m2, m3) != 0:
                                expected.add((l1, l2, l3, m1, m2, m3))
    assert labels == expected
    for *lab, exact, value in rows:
        truth = ref(*lab)
        assert sympy.simplify(sympy.sympify(exact) - truth) == 0
        assert value == float(sympy.N(truth, 40))  # correctly rounded
    manifest = json.loads((tmp_path / f"{kind}.manifest.json").read_text())
    assert manifest["rows"] == len(rows) and manifest["conventions"]["lmax"] == 2
    assert "sympy.physics.wigner" in manifest["conventions"]["reference"]


def test_real_gaunt_npy_and_csv(tmp_path):
    assert main(["tables", "real_gaunt", "--lmax", "3", "--format", "npy", "--out", str(tmp_path)]) == 0
    arr = np.load(tmp_path / "real_gaunt.npy")
    assert set(arr.dtype.names) == {"l1", "l2", "l3", "m1", "m2", "m3", "value"}
    assert main(["tables", "real_gaunt", "--lmax", "3", "--format", "csv", "--out", str(tmp_path)]) == 0
    with (tmp_path / "real_gaunt.csv").open() as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == len(arr)


@pytest.mark.parametrize("basis", ["complex", "real"])
def test_sh_fourier_table(tmp_path, basis):
    assert main(["tables", "sh_fourier", "--lmax", "3", "--basis", basis, "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "sh_fourier.json").read_text())
    assert data["columns"] == ["l", "m", "u", "v", "exact_real", "exact_imag", "real", "imag"]
    count = 0
    for l, m, u, v, er, ei, fr, fi in data["rows"]:
        z = sh_fourier_coefficients_exact(l, m, basis=basis)[(u, v)]
        assert sympy.sympify(er) == sympy.sympify(z.real) and sympy.sympify(ei) == sympy.sympify(z.imag)
        assert (fr, fi) == (float(z.real), float(z.imag))
        count += 1
    expected = sum(len(sh_fourier_coefficients_exact(l, m, basis=basis)) for l in range(4) for m in range(-l, l + 1))
    assert count == expected
    manifest = json.loads((tmp_path / "sh_fourier.manifest.json").read_text())
    assert manifest["conventions"]["basis"] == basis


@pytest.mark.parametrize("bad", ["-1", "x", "2.5", "201"])
def test_bad_lmax_exits_with_message(tmp_path, capsys, bad):
    with pytest.raises(SystemExit) as info:
        main(["tables", "gaunt", "--lmax", bad, "--out", str(tmp_path)])
    assert info.value.code == 2
    assert "--lmax" in capsys.readouterr().err
