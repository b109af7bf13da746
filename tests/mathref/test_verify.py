"""The ``mathref verify`` engine, readers, command line and pytest helper (issue 17 §1).

Wrong tables are built on purpose (a flipped sign among 1.2e5 entries, a NaN, a
missing row, a transposed dense layout) and must be caught and named; the
outputs of ``mathref tables`` must verify clean in every format.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from mathref.algebra import clebsch_gordan, clebsch_gordan_exact_table, clebsch_gordan_table
from mathref.cli import main
from mathref.errors import InvalidArgumentError, InvalidTypeError, MathrefError
from mathref.testing import assert_matches_reference
from mathref.verify import VerificationReport, entries_from_dense, load_kinds, read_table, verify


@pytest.fixture(scope="module")
def small_cg():
    table = clebsch_gordan_exact_table(3)
    return table.doubled_labels / 2.0, table.floats()


@pytest.fixture(scope="module")
def big_cg():
    table = clebsch_gordan_exact_table(8.5)  # 120,953 nonzero coefficients
    return table.doubled_labels / 2.0, table.floats()


def test_every_kind_is_published():
    assert {"cg", "3j", "6j", "9j", "gaunt", "real_gaunt", "sh", "real_sh", "wigner_d", "qsp"} <= set(load_kinds())


def test_one_flipped_sign_among_1e5_entries_is_named(big_cg):
    labels, values = big_cg
    assert values.size > 100_000
    bad = values.copy()
    bad[54321] = -bad[54321]
    r = verify("cg", np.column_stack([labels, bad]))
    assert not r.passed and r.sign_errors == 1 and r.exceeding == 1 and r.detected is None
    assert r.worst[0].problem == "sign"
    assert r.worst[0].labels == tuple(labels[54321])
    assert "sign errors: 1" in str(r)


@pytest.mark.slow
def test_clean_large_table_passes_at_zero_ulps(big_cg):
    labels, values = big_cg
    r = verify("cg", np.column_stack([labels, values]), rtol=0, atol=0, ulps=0)
    assert r.passed and r.max_ulps == 0


def test_nan_and_missing_entry_are_named(small_cg):
    labels, values = small_cg
    lab, val = labels[:1000].copy(), values[:1000].copy()
    val[7] = np.nan
    lab, val = np.delete(lab, 100, axis=0), np.delete(val, 100)
    r = verify("cg", np.column_stack([lab, val]), jmax=3)
    assert not r.passed and r.nonfinite == 1
    assert r.missing >= 1  # row 100 and every row past 1000
    assert {p.problem for p in r.worst} >= {"NaN", "missing"}
    small = verify("cg", np.column_stack([np.delete(labels, 100, 0), np.delete(values, 100)]))
    assert small.missing == 1 and small.worst[0].labels == tuple(labels[100])
    assert small.worst[0].expected == pytest.approx(values[100])


def test_sympy_argument_order_is_recognised(small_cg):
    labels, values = small_cg
    idx = np.arange(0, labels.shape[0], 4)
    r = verify("cg", np.column_stack([labels[idx][:, [0, 2, 4, 1, 3, 5]], values[idx]]), complete=False)
    assert not r.passed and r.detected == "sympy_order" and r.detected_error == 0.0
    assert "matches convention 'sympy_order'" in str(r)
    ok = verify("cg", np.column_stack([labels[idx][:, [0, 2, 4, 1, 3, 5]], values[idx]]), complete=False,
                convention="sympy_order")
    assert ok.passed and ok.convention == "sympy_order"


def test_transposed_dense_layout_is_named():
    a = clebsch_gordan_table(1, 2, 2)  # axes (m1, m2, m)
    fixed = {"j1": 1, "j2": 2, "j": 2}
    assert verify("cg", a, layout="m1,m2,m", fixed=fixed).passed
    r = verify("cg", a.transpose(1, 0, 2), layout="m1,m2,m", fixed=fixed)
    assert not r.passed and r.detected == "layout m2,m1,m"
    assert verify("cg", a.transpose(1, 0, 2), layout="m2,m1,m", fixed=fixed).passed


def test_square_transposed_layout_prefers_the_layout():
    b = clebsch_gordan_table(2, 2, 3).transpose(1, 0, 2)
    r = verify("cg", b, layout="m1,m2,m", fixed={"j1": 2, "j2": 2, "j": 3})
    assert r.detected == "layout m2,m1,m"  # the j1 <-> j2 phase also fits; the layout is named first


def test_dense_entries_and_layout_errors():
    e = entries_from_dense("cg", clebsch_gordan_table(1, 1, 2), "m1,m2,m", fixed={"j1": 1, "j2": 1, "j": 2})
    assert e.complete and e.labels.shape == (45, 6)
    with pytest.raises(InvalidArgumentError, match="fixed"):
        entries_from_dense("cg", clebsch_gordan_table(1, 1, 2), "m1,m2,m", fixed={"j1": 1})
    with pytest.raises(InvalidArgumentError, match="axes"):
        entries_from_dense("cg", clebsch_gordan_table(1, 1, 2), "m1,m2", fixed={"j1": 1, "j2": 1, "j": 2})
    with pytest.raises(InvalidArgumentError, match="not a label"):
        entries_from_dense("cg", np.zeros((2, 2, 2)), "m1,q,m", fixed={"j1": 1, "j2": 1, "j": 2})


def test_callable_that_raises_is_counted():
    r = verify("cg", lambda *a: 1 / 0, jmax=1)
    assert not r.passed and r.raised == r.entries
    assert any("ZeroDivisionError" in n for n in r.notes)


def test_dict_input_and_sign_error():
    r = verify("cg", {(1, 0, 1, 0, 2, 0): math.sqrt(2 / 3), (1, 0, 1, 0, 0, 0): 1 / math.sqrt(3)}, complete=False)
    assert r.sign_errors == 1 and not r.passed


def test_nonzero_where_exact_is_zero():
    r = verify("cg", {(1, 0, 1, 0, 1, 0): 1e-3}, complete=False)  # <1 0 1 0 | 1 0> = 0
    assert r.spurious_nonzeros == 1 and r.worst[0].problem == "nonzero where exact is 0"


def test_invalid_label_is_counted():
    r = verify("cg", {(0.3, 0, 1, 0, 1, 0): 0.5}, complete=False, detect=False)
    assert r.invalid_labels == 1 and not r.passed


def test_report_is_value_like():
    import copy
    import pickle

    r = verify("cg", lambda *a: float(clebsch_gordan(*a)), jmax=0.5)
    assert isinstance(r, VerificationReport) and r.passed and bool(r)
    assert pickle.loads(pickle.dumps(r)) == r and copy.deepcopy(r) == r
    bad = verify("cg", {(0.3, 0, 1, 0, 1, 0): float("nan"), (1, 0, 1, 0, 2, 0): 0.8}, jmax=1)
    assert not bad.passed and bad.missing and bad.invalid_labels
    assert pickle.loads(pickle.dumps(bad)) == bad and copy.deepcopy(bad) == bad


def test_assert_matches_reference():
    assert assert_matches_reference("cg", lambda *a: float(clebsch_gordan(*a)), jmax=1).passed
    with pytest.raises(AssertionError, match="sign errors"):
        assert_matches_reference("cg", lambda *a: -float(clebsch_gordan(*a)), jmax=1)


_TABLES = {"cg": ["--jmax", "3/2"], "3j": ["--jmax", "1"], "6j": ["--jmax", "1"], "9j": ["--jmax", "1"],
           "gaunt": ["--lmax", "3"], "real_gaunt": ["--lmax", "2"], "qsp": ["--targets", "cos,chebyshev"]}
_CASES = [(k, "json") for k in _TABLES] + [(k, f) for k in ("cg", "gaunt", "qsp") for f in ("csv", "npy")]


@pytest.mark.parametrize("kind, fmt", _CASES)
def test_tables_outputs_verify_clean(tmp_path, capsys, fmt, kind):
    opts = _TABLES[kind]
    assert main(["tables", kind, *opts, "--format", fmt, "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    path = tmp_path / f"{kind}.{fmt}"
    assert main(["verify", kind, str(path)]) == 0, capsys.readouterr().out
    assert "PASSED" in capsys.readouterr().out
    assert main(["verify", str(tmp_path / f"{kind}.manifest.json")]) == 0  # kind from the manifest


def test_cli_exit_codes_on_a_broken_table(tmp_path, capsys):
    assert main(["tables", "cg", "--jmax", "1", "--format", "json", "--out", str(tmp_path)]) == 0
    path = tmp_path / "cg.json"
    data = json.loads(path.read_text())
    data["rows"][3][-1] = -data["rows"][3][-1]
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["verify", "cg", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "sign" in out
    # the manifest's checksum no longer matches the edited file: that alone fails it, whatever the tolerance
    assert main(["verify", "cg", str(path), "--tolerance", "3"]) == 1
    assert "sha256" in capsys.readouterr().out
    (tmp_path / "cg.manifest.json").unlink()
    assert main(["verify", "cg", str(path), "--tolerance", "3"]) == 0  # |2e| <= 3|e|: within a loose tolerance
    assert main(["verify", "cg", str(tmp_path / "absent.json")]) == 2
    assert main(["verify", "nope", str(path)]) == 2


def test_cli_json_report(tmp_path, capsys):
    main(["tables", "gaunt", "--lmax", "2", "--format", "json", "--out", str(tmp_path)])
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "gaunt.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is True and data["kind"] == "gaunt" and data["worst"] == []


def test_public_constructors_validate():
    from mathref.verify import Convention, Entries, VerifyKind

    with pytest.raises(MathrefError):
        Entries(None, None)
    with pytest.raises(MathrefError):
        Entries(np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(MathrefError):
        Entries(np.array([["a"]]), np.zeros(1))
    with pytest.raises(MathrefError):
        Convention(None, "x", lambda e: e)
    with pytest.raises(MathrefError):
        VerifyKind("k", "d", ("a",), None, lambda o: None)
    with pytest.raises(MathrefError):
        VerifyKind("k", "d", "ab", lambda *a: None, lambda o: None)


@pytest.mark.parametrize("garbage", [None, "x", 3, np.zeros(0), np.zeros((2, 2, 2, 2, 2))])
def test_entries_from_dense_garbage(garbage):
    with pytest.raises(MathrefError):
        entries_from_dense("cg", garbage, "m1,m2,m", fixed={"j1": 1, "j2": 1, "j": 1})


def test_degree_past_the_mpmath_reference_is_a_size_error():
    from mathref.errors import SizeLimitError

    with pytest.raises(SizeLimitError):
        verify("sh", {(10**6, 0, 0.1, 0.2): 0.0}, detect=False)


def test_cli_manifest_row_count_mismatch(tmp_path, capsys):
    main(["tables", "3j", "--jmax", "1", "--format", "csv", "--out", str(tmp_path)])
    path = tmp_path / "3j.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    capsys.readouterr()
    assert main(["verify", "3j", str(path)]) == 1
    assert "manifest promises" in capsys.readouterr().out


def test_cli_dense_npy_with_layout(tmp_path, capsys):
    np.save(tmp_path / "cg.npy", clebsch_gordan_table(1, 1, 1).transpose(1, 0, 2))
    argv = ["verify", "cg", str(tmp_path / "cg.npy"), "--layout", "m1,m2,m", "--fixed", "j1=1,j2=1,j=1"]
    assert main(argv) == 1
    assert "layout m2,m1,m" in capsys.readouterr().out
    argv[4] = "m2,m1,m"
    assert main(argv) == 0


def test_read_table_forms(tmp_path):
    p = tmp_path / "plain.csv"
    p.write_text("0,0,0,0,0,0,1.0\n0.5,0.5,0.5,-0.5,1,0,0.7071067811865476\n")
    assert verify("cg", p, complete=False).passed
    q = tmp_path / "t.npz"
    np.savez(q, values=clebsch_gordan_table(1, 1, 2), j1=1, j2=1, j=2)
    assert verify("cg", q, layout="m1,m2,m").passed
    with pytest.raises(InvalidArgumentError):
        read_table(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InvalidArgumentError):
        read_table(bad)
    with pytest.raises(InvalidTypeError):
        read_table(None)


GARBAGE = [None, "x", float("nan"), float("inf"), 10**30, -1, [], np.zeros((0,)), np.zeros((2, 3, 4, 5, 6)), b"",
           {"a": 1}, object()]


@pytest.mark.parametrize("kind", ["cg", "3j", "6j", "9j", "gaunt", "real_gaunt", "sh", "real_sh", "wigner_d", "qsp"])
@pytest.mark.parametrize("garbage", range(len(GARBAGE)))
def test_garbage_values_raise_library_errors(kind, garbage):
    try:
        r = verify(kind, GARBAGE[garbage], complete=False)
    except MathrefError:
        return
    assert isinstance(r, VerificationReport) and not r.passed


@pytest.mark.parametrize("option, value", [("rtol", -1), ("rtol", "x"), ("atol", float("nan")), ("ulps", None),
                                           ("worst", -2), ("worst", 1.5), ("layout", 3), ("convention", "nope")])
def test_garbage_options_raise_library_errors(option, value):
    args = {option: value}
    if option == "ulps":
        assert verify("cg", {(0, 0, 0, 0, 0, 0): 1.0}, complete=False, **args).passed
        return
    with pytest.raises(MathrefError):
        verify("cg", np.zeros((2, 2)) if option == "layout" else {(0, 0, 0, 0, 0, 0): 1.0}, **args)


@pytest.mark.parametrize("kind", [None, 3, "nope", ""])
def test_garbage_kind(kind):
    with pytest.raises(MathrefError):
        verify(kind, {(0, 0, 0, 0, 0, 0): 1.0})


def test_huge_jmax_for_a_callable_is_refused():
    with pytest.raises(InvalidArgumentError):
        verify("cg", lambda *a: 0.0, jmax=10**30)
