"""Importing a package is cheap: numba, sympy and scipy load where they are first needed.

Each import runs in a fresh interpreter under ``python -X importtime``, whose
per-module cumulative times (microseconds) are the budget's unit; the test reads
the package's own line, so the figure is the import cost and nothing else of
the interpreter's start.  Issue 17 §3 sets the budget at 0.3 s per package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mathref", "mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics")
BUDGET_US = 300_000
HEAVY = ("numba", "sympy", "scipy", "networkx", "mpmath")


def _import_time_us(package: str) -> tuple[int, str]:
    code = f"import sys, {package}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    for line in proc.stderr.splitlines():
        fields = [f.strip() for f in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == package:
            return int(fields[1]), proc.stdout.strip()
    raise AssertionError(f"no import-time line for {package}")


@pytest.mark.parametrize("package", PACKAGES)
def test_package_import_fits_the_budget(package):
    cumulative, heavy = _import_time_us(package)
    assert heavy == "", f"importing {package} imported {heavy}"
    assert cumulative <= BUDGET_US, f"{package}: {cumulative} us of import time, budget {BUDGET_US}"


def test_every_reexport_resolves():
    import importlib

    for package in PACKAGES[1:]:
        module = importlib.import_module(package)
        missing = [name for name in module.__all__ if getattr(module, name, None) is None]
        assert not missing, f"{package} does not resolve {missing}"
        assert set(module.__all__) <= set(dir(module))


def test_unknown_name_is_an_attribute_error():
    import mathref.geometry

    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        mathref.geometry.not_a_name  # noqa: B018
