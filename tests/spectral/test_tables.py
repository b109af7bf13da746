"""The ``mathref tables qsp`` kind (spectral.tables): rows, exact zeros for T_d, manifest, bad options."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

from mathref.cli import main
from mathref.errors import InvalidArgumentError
from mathref.spectral import cos_target, verify
from mathref.spectral.tables import TABLE_KINDS


def test_tables_cli_writes_qsp_phases(tmp_path):
    assert main(["tables", "qsp", "--targets", "cos,chebyshev", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "qsp.json").read_text())
    rows = data["rows"]
    cheb = [r for r in rows if r[0] == "T_d"]
    assert [r[6] for r in cheb] == [0.0] * 8 and all(r[5] == "0" for r in cheb)
    cos = np.array([r[6] for r in rows if r[0].startswith("0.5*cos")])
    assert verify(cos, cos_target(10.0, eps=1e-10)).max_error < 1e-13
    manifest = json.loads((tmp_path / "qsp.manifest.json").read_text())
    assert manifest["conventions"]["convention"] == "Wx"


def test_tables_cli_rejects_unknown_target(tmp_path):
    with pytest.raises(SystemExit):
        main(["tables", "qsp", "--targets", "nope", "--out", str(tmp_path)])


def test_bad_eps_is_an_invalid_argument():
    (kind,) = TABLE_KINDS
    args = argparse.Namespace(eps=2.0, targets="cos", convention="Wx")
    with pytest.raises(InvalidArgumentError, match="--eps"):
        list(kind.rows(args))
