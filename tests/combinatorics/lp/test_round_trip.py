"""Round trips through LP and MPS files: our writers, HiGHS's (highspy) and PuLP's, read back field by field.

Each file is read by mathref and by HiGHS 1.16 (the reference reader); the two readings must agree field by
field (numbers compared as doubles, variables and rows matched by name) and in their optimum (highspy).
Where the writer is faithful, the reading must also equal the model that was written.  Writer limitations
found here (and so not asserted): HiGHS 1.16 writes a ranged row of an LP file as two rows ``<name>lo`` and
``<name>up`` and its LP reader rejects ranged rows; its MPS writer mistypes a column with zero cost and no
entries (an integer one loses its integrality, a continuous one lands inside the next INTORG block), and its LP
writer leaves out a variable that appears nowhere.  PuLP 3.3 writes neither an objective constant nor the
variables that appear nowhere, adds a ``__dummy`` variable for empty rows, and (without ``with_objsense``)
keeps a max sense only in a comment of its MPS files.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from mathref.combinatorics import read_lp, read_mps
from mathref.combinatorics.lp import INF
from mathref.combinatorics.strategies.lp import writable_lp_models

from .interop import differences, highs_read, highs_write, pulp_write, same_optimum, scratch_file

# LP_ROUND_TRIP_EXAMPLES=500 for a longer hunt
_SETTINGS = settings(max_examples=int(os.environ.get("LP_ROUND_TRIP_EXAMPLES", "25")), deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
_READ = {".lp": read_lp, ".mps": read_mps}


def _all_mentioned(m):
    """Whether every variable shows in an LP file: HiGHS's LP writer leaves out a variable that appears nowhere."""
    in_rows = {j for row in m.rows for j, _ in row}
    return all(m.objective[j] != 0 or j in in_rows or (m.lower[j], m.upper[j]) != (0, INF) or m.integrality[j]
               for j in range(m.n_variables))


def _no_empty_columns(m):
    """HiGHS 1.16's MPS writer mistypes a column with zero cost and no entries (drops an integer one's
    integrality, or writes a continuous one inside the next integer block)."""
    in_rows = {j for row in m.rows for j, _ in row}
    return all(m.objective[j] != 0 or j in in_rows for j in range(m.n_variables))


@_SETTINGS
@given(writable_lp_models())
def test_our_writers_round_trip_exactly(m):
    assert read_lp(m.to_lp()) == m
    assert read_mps(m.to_mps()) == m


@pytest.mark.parametrize("suffix", [".lp", ".mps"])
@_SETTINGS
@given(m=writable_lp_models())
def test_highs_reads_our_files_identically(suffix, m):
    pytest.importorskip("highspy")
    if suffix == ".lp" and any(lo is not None for lo in m.range_lower):
        m = m.replace(range_lower=())  # HiGHS's LP reader has no ranged rows: test those through MPS
    with scratch_file(suffix) as path:
        with open(path, "w") as fh:
            fh.write(m.to_lp() if suffix == ".lp" else m.to_mps())
        theirs = highs_read(path)
    assert theirs is not None, "HiGHS rejected the file"
    assert differences(m, theirs) == []
    assert same_optimum(m, theirs)


@pytest.mark.parametrize("suffix", [".lp", ".mps"])
@_SETTINGS
@given(m=writable_lp_models())
def test_files_written_by_highs(suffix, m):
    pytest.importorskip("highspy")
    with scratch_file(suffix) as path:
        highs_write(m, path)
        ours = _READ[suffix](path)
        theirs = highs_read(path)
    assert theirs is not None
    assert differences(ours, theirs) == []
    faithful = _no_empty_columns(m) if suffix == ".mps" else (
        all(lo is None for lo in m.range_lower) and _all_mentioned(m))
    if faithful:
        assert differences(ours, m) == []  # a faithful writer: the model itself comes back
    assert same_optimum(ours, m)


@pytest.mark.parametrize("suffix", [".lp", ".mps"])
@_SETTINGS
@given(m=writable_lp_models(variable_types=(0, 1), ranged_rows=False, objective_constant=False, empty_rows=False))
def test_files_written_by_pulp(suffix, m):
    pytest.importorskip("pulp")
    pytest.importorskip("highspy")
    with scratch_file(suffix) as path:
        pulp_write(m, path)
        ours = _READ[suffix](path)
        theirs = highs_read(path)
    assert theirs is not None
    assert differences(ours, theirs) == []
    assert same_optimum(ours, m)
