"""Every public callable, given garbage, returns or raises a mathref error quickly (issue 17 §4).

The sweep lives in :mod:`tests.fuzz.api_fuzzer`; each package runs in its own
interpreter so a hang cannot take the suite with it (the per-call budget is an
alarm inside, the subprocess timeout a last resort).  The deterministic sweep
fails on any exception that is not a mathref error (a builtin ``ValueError`` or
``TypeError`` does not name the argument, so it counts too), any call over the
budget, and any constructor that accepts garbage for every required argument.
The hypothesis mixtures (``-m slow``) still allow builtin errors and timeouts:
drawn values reach deep into legitimate inputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("mathref", "mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics")


def run_fuzzer(package: str, examples: int) -> dict:
    env = dict(os.environ, HYPOTHESIS_PROFILE="ci", MATHREF_FUZZ_EXAMPLES=str(examples))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.fuzz.api_fuzzer", package],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
    except subprocess.TimeoutExpired as exc:  # the last line on stderr names the call that hung
        tail = (exc.stderr or b"")[-600:]
        raise AssertionError(f"{package}: the fuzzer hung; last calls:\n{tail!r}") from None
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _check(report: dict, package: str, *, allow_timeouts: bool = False, allow_plain: bool = False) -> None:
    assert report["callables"] > 0
    problems = [f for f in report["failures"] if not (allow_timeouts and f["kind"] == "timeout")]
    if not allow_plain:  # a builtin ValueError/TypeError does not name the argument: the sweep wants library errors
        problems += [dict(kind="builtin error", **p) for p in report["plain"]]
    listing = "\n".join(f"{f['kind']}: {f['call']} -> {f['detail']}" for f in problems[:40])
    assert not problems, f"{package}: {len(problems)} of {report['calls']} calls went wrong:\n{listing}"


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_survives_garbage(package):
    """The deterministic sweep: every garbage value in every argument slot."""
    _check(run_fuzzer(package, examples=0), package)


@pytest.mark.slow
@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_survives_random_mixtures(package):
    """The sweep plus 20 hypothesis-drawn mixtures of garbage and plausible values per callable.

    Drawn integers can be legitimate large sizes (``complex_to_real_matrix(2565)`` is an 840 MB matrix that
    takes seconds), so calls over the time budget are allowed here; the deterministic sweep above allows none.
    """
    _check(run_fuzzer(package, examples=20), package, allow_timeouts=True, allow_plain=True)
