"""circuits(method="auto") on a cold cache: small searches run in Python, big ones (or many small ones) compile.

Issue 17 §3: compiling the search costs seconds, a small search in Python well under a millisecond.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathref import dispatch
from mathref.algebra.intlinalg import circuit_enumeration as ce
from mathref.algebra.intlinalg import circuits, iter_circuit_batches


def _pretend(monkeypatch, compiled: bool) -> None:
    """Make the ground floor's rule see a JIT build whose kernel is (not) compiled yet."""
    monkeypatch.setattr(dispatch, "JIT_ENABLED", True)
    monkeypatch.setattr(dispatch, "is_compiled", lambda kernel: compiled)


def test_auto_rules(monkeypatch):
    _pretend(monkeypatch, False)
    monkeypatch.setattr(ce._TIER, "spent", 0.0)
    assert not ce._auto_uses_kernel(2, 5)  # the README's iron oxides: Python
    assert ce._auto_uses_kernel(8, 40)  # C(40, ≤ 9) independent sets: compile
    ce._TIER.spent = 2 * dispatch.BUDGET_SECONDS  # a loop of small calls: compile once
    assert ce._auto_uses_kernel(2, 5)
    _pretend(monkeypatch, True)
    ce._TIER.spent = 0.0
    assert ce._auto_uses_kernel(2, 5)  # compiled already: always the kernel
    with dispatch.compiled_kernels():  # the warm-up's override reaches the circuit search too
        _pretend(monkeypatch, False)
        assert ce._auto_uses_kernel(2, 5)


def test_python_estimate_is_bounded_for_huge_matrices():
    # the estimate stops counting once past the single-call limit (no huge binomial sums)
    assert ce._python_seconds(10**4, 10**4) > dispatch.SINGLE_CALL_SECONDS
    assert ce._python_seconds(0, 3) < 1e-3


@pytest.mark.parametrize("shape", [(2, 5), (3, 7), (4, 9)])
def test_every_method_gives_the_same_circuits(shape, monkeypatch):
    rng = np.random.default_rng(sum(shape))
    A = rng.integers(-3, 4, size=shape).tolist()
    ref = circuits(A, method="python")
    assert circuits(A, method="compiled") == ref
    monkeypatch.setattr(ce._TIER, "spent", 0.0)
    for compiled in (False, True):
        _pretend(monkeypatch, compiled)
        assert circuits(A) == ref
        assert [r for b in iter_circuit_batches(A, batch_size=3) for r in b.tolist()] == ref
