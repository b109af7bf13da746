"""Collect the doctests of the four subject folders under their installed names.

The folders ``algebra/``, ``geometry/``, ``spectral/`` and ``combinatorics/`` sit at
the repository root but install as ``mathref.algebra`` and so on.  Left to itself,
pytest's ``--doctest-modules`` would import ``algebra/coupling.py`` as a second,
top-level copy named ``algebra.coupling``; here each such doctest module is given
the module imported by its real name instead, so there is one copy of every module
in the test process.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SUBJECTS = ("algebra", "geometry", "spectral", "combinatorics")


def installed_name(path: Path) -> str | None:
    """``mathref.<subject>.<...>`` for a module file inside a subject folder, else None."""
    try:
        parts = path.resolve().relative_to(ROOT).with_suffix("").parts
    except ValueError:
        return None
    if not parts or parts[0] not in SUBJECTS:
        return None
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("mathref", *parts))


def pytest_collect_directory(path, parent):
    """Plain directories for the subject folders.

    A ``Package`` collector would import ``algebra/__init__.py`` by path (as the
    top-level name ``algebra``) to look for ``setup_module``; these folders have
    none, so a plain ``Dir`` collects the same files without that import.
    """
    if installed_name(path / "__init__.py") is not None:
        return pytest.Dir.from_parent(parent, path=path)
    return None


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    collected = yield
    name = installed_name(file_path) if file_path.suffix == ".py" else None
    if name is not None:
        for node in collected or ():
            # only the doctest collector reaches library files; hand it the real module
            node.obj = importlib.import_module(name)
    return collected


def pytest_sessionfinish(session):
    """Fail loudly if anything imported a subject folder under its bare top-level name."""
    import sys

    stray = sorted(name for name in sys.modules if name.split(".")[0] in SUBJECTS)
    if stray:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nmodules imported under a bare top-level name (use mathref.<subject>): {stray[:10]}")
