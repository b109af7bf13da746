"""Limits kept (counted with an injected clock, never timed), any input depth, the identity set, API guards."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest
import sympy as sp

from mathref.combinatorics import (
    EGraph,
    Extracted,
    Limits,
    RewriteStep,
    ac_rules,
    canonical_term,
    deduplicate,
    distributivity_rules,
    enumerate_terms,
    equivalent,
    equivalent_forms,
    evaluate_term,
)


class TickClock:
    """A fake clock: every reading advances it by ``step`` seconds, so time is a count of readings."""

    def __init__(self, step=0.001):
        self.t, self.step = 0.0, step

    def __call__(self):
        self.t += self.step
        return self.t


def test_time_limit_is_reported_and_kept_on_a_blow_up():
    v = sp.symbols("a0:10")
    lhs = sp.Mul(*[v[2 * i] + v[2 * i + 1] for i in range(5)], evaluate=False)
    clock = TickClock()
    rules = ac_rules("+") + ac_rules("*") + distributivity_rules()
    res = equivalent(lhs, sp.expand(lhs) + 1, rules=rules, samples=0,
                     limits=Limits(iterations=1000, nodes=10**7, time=0.5, clock=clock))
    assert res.verdict == "unknown" and res.report.stop_reason == "time_limit"
    assert res.report.elapsed <= 0.5 * 1.1  # in clock readings: every phase stops at its deadline
    assert set(res.report.phase_times) >= {"convert", "saturation"}


def test_every_phase_is_timed():
    x = sp.Symbol("x")
    res = equivalent(sp.log(x + 1), sp.log(x) + 1)
    assert res.verdict == "different" and "screen" in res.report.phase_times
    res = equivalent(sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x))
    assert {"convert", "normal_form", "explanation"} <= set(res.report.phase_times)


def test_no_recursion_limit_on_input_size():
    x = sp.Symbol("x")
    syms = sp.symbols("a0:10000")
    big = sp.Add(*syms)
    # a generous wall-clock limit: this test is about recursion, and a loaded CI core must not turn it "unknown"
    roomy = Limits(time=120.0)
    assert equivalent(big, big + 1, limits=roomy).verdict == "different"
    deep = x
    for _ in range(10_000):
        deep = sp.Add(deep, 1, evaluate=False)
    assert equivalent(deep, x + 10_000, limits=roomy).verdict == "equal"
    nested = x
    for _ in range(10_000):
        nested = sp.sin(nested, evaluate=False)
    assert equivalent(nested, sp.sin(x), limits=roomy).verdict == "different"


def _identity_module():
    path = pathlib.Path(__file__).resolve().parents[3] / "benchmarks" / "identities.py"
    spec = importlib.util.spec_from_file_location("mathref_bench_identities", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_identity_set_is_proved_with_checked_explanations_and_no_false_pair_is():
    mod = _identity_module()
    ids = mod.identities()
    assert len(ids) >= 100
    proved = 0
    for name, _area, a, b, _src in ids:
        res = equivalent(a, b)
        if res.verdict == "equal":
            assert res.explanation.check(), name
            proved += 1
    assert proved >= 0.95 * len(ids)
    for name, a, b in mod.false_pairs():
        assert equivalent(a, b).verdict != "equal", name


def test_api_guards():
    eg = EGraph()
    eg.add_term(("sym", "x"))
    with pytest.raises(ValueError, match="cid=-1"):
        canonical_term(eg, -1)
    with pytest.raises(TypeError, match="string"):
        deduplicate("abc")
    with pytest.raises(TypeError, match="term"):
        evaluate_term(np.zeros((2, 2, 2, 2)), {})
    with pytest.raises(ValueError, match="max_size"):
        enumerate_terms(eg, 0, max_size=10**30)
    with pytest.raises(ValueError, match="max_size"):
        equivalent_forms(sp.Symbol("x"), max_size=10**30)
    with pytest.raises(TypeError):
        RewriteStep(1, 2, 3, 4, 5, 6)
    with pytest.raises(TypeError):
        Extracted(1, 2)
