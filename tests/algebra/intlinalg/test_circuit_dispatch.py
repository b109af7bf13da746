"""circuits(method="auto") on a cold cache: small searches run in Python, big ones (or many small ones) compile.

Issue 17 §3: compiling the search costs seconds, a small search in Python well under a millisecond.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathref.algebra.intlinalg import circuit_enumeration as ce
from mathref.algebra.intlinalg import circuits, iter_circuit_batches


def test_auto_rules(monkeypatch):
    monkeypatch.setattr(ce, "_kernel_compiled", lambda: False)
    monkeypatch.setattr(ce, "_python_spent", [0.0])
    assert not ce._auto_uses_kernel(2, 5)  # the README's iron oxides: Python
    assert ce._auto_uses_kernel(8, 40)  # C(40, ≤ 9) independent sets: compile
    ce._python_spent[0] = 2 * ce._BUDGET_SECONDS  # a loop of small calls: compile once
    assert ce._auto_uses_kernel(2, 5)
    monkeypatch.setattr(ce, "_kernel_compiled", lambda: True)
    ce._python_spent[0] = 0.0
    assert ce._auto_uses_kernel(2, 5)  # compiled already: always the kernel


def test_python_estimate_is_bounded_for_huge_matrices():
    # the estimate stops counting once past the single-call limit (no huge binomial sums)
    assert ce._python_seconds(10**4, 10**4) > ce._SINGLE_CALL_SECONDS
    assert ce._python_seconds(0, 3) < 1e-3


@pytest.mark.parametrize("shape", [(2, 5), (3, 7), (4, 9)])
def test_every_method_gives_the_same_circuits(shape, monkeypatch):
    rng = np.random.default_rng(sum(shape))
    A = rng.integers(-3, 4, size=shape).tolist()
    ref = circuits(A, method="python")
    assert circuits(A, method="compiled") == ref
    for compiled in (False, True):
        monkeypatch.setattr(ce, "_kernel_compiled", lambda c=compiled: c)
        assert circuits(A) == ref
        assert [r for b in iter_circuit_batches(A, batch_size=3) for r in b.tolist()] == ref
