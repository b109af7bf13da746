"""Optional dependencies fail with an error that names the extra (issue 18 §4)."""

import subprocess
import sys

import pytest

from mathref.errors import MissingDependencyError
from mathref.optional import require

STRATEGY_MODULES = [
    "mathref.algebra.strategies",
    "mathref.geometry.strategies",
    "mathref.spectral.strategies",
    "mathref.combinatorics.strategies",
]

# A fresh interpreter in which hypothesis cannot be imported, as on a machine without the extra.
_BLOCK_HYPOTHESIS = """
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name == "hypothesis" or name.startswith("hypothesis."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, _Block())
try:
    __import__(MODULE)
except ModuleNotFoundError as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.parametrize("module", STRATEGY_MODULES)
def test_strategies_without_hypothesis_name_the_extra(module):
    code = _BLOCK_HYPOTHESIS.replace("MODULE", repr(module))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("MissingDependencyError"), out.stdout
    assert 'pip install "mathref[strategies]"' in out.stdout
    assert module in out.stdout


def test_missing_dependency_error_is_an_import_error():
    with pytest.raises(ImportError, match=r"mathref\[bench\]"):
        require("surely_not_installed_pkg_42", extra="bench", feature="a benchmark")
    assert issubclass(MissingDependencyError, ModuleNotFoundError)


def test_runtime_packages_do_not_import_hypothesis():
    code = (
        "import sys, mathref.algebra, mathref.geometry, mathref.spectral, mathref.combinatorics; "
        "print('hypothesis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr
