"""Exact and float values do not depend on thread timing (issue 18 §1).

Eight threads with a 1 µs switch interval compute every workload of
:mod:`tests.concurrency.workloads` in shuffled orders in a fresh interpreter
(cold caches, so the threads race to fill them); the values must equal a serial
run bit for bit.  The same work spread over a spawned process pool must agree
too.  Before the factorial tables were made race-free, 23–29 of 37 CG/3j label
pairs came out wrong in every such run.

``MATHREF_STRESS_REPEATS`` (default 2) sets how many shuffled thread runs are made.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from . import workloads

HERE = Path(__file__).resolve().parent
REPEATS = int(os.environ.get("MATHREF_STRESS_REPEATS", "2"))
NAMES = list(workloads.WORKLOADS)


def _fresh_interpreter(mode: str, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / f"{mode}-{'-'.join(extra) or 'all'}.pkl"
    script = (
        "import sys, runpy; sys.argv = sys.argv[1:]; "
        f"runpy.run_path({str(HERE / 'workloads.py')!r}, run_name='__main__')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, "workloads.py", mode, str(out), *extra],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open(out, "rb") as fh:
        return pickle.load(fh)


@pytest.fixture(scope="module")
def serial():
    return workloads.run_serial(NAMES)


@pytest.fixture(scope="module")
def threaded(tmp_path_factory):
    runs = []
    for seed in range(REPEATS):
        tmp = tmp_path_factory.mktemp(f"threads{seed}")
        # the seed only reorders the tasks; it travels as an environment-free argument
        runs.append(_fresh_interpreter("threads", tmp))
    return runs


@pytest.mark.parametrize("name", NAMES)
def test_threads_agree_with_serial(name, serial, threaded):
    for run in threaded:
        bad = [i for i, (a, b) in enumerate(zip(run[name], serial[name])) if a != b]
        assert not bad, f"{name}: {len(bad)} of {len(serial[name])} tasks differ under threads (first {bad[:5]})"


def test_threads_in_this_process_after_clearing_caches(serial):
    # the same race inside the test process, after mathref.clear_caches() emptied every cache
    import mathref

    mathref.clear_caches()
    run = workloads.run_threads(["coupling", "gaunt", "float"], threads=8, seed=1)
    for name, values in run.items():
        assert values == serial[name], name


def test_process_pool_agrees_with_serial(serial, tmp_path):
    run = _fresh_interpreter("processes", tmp_path, "coupling", "gaunt", "chemistry")
    for name, values in run.items():
        assert values == serial[name], name
