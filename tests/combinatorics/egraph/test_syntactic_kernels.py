"""The compiled syntactic saturation (integer-array e-graph) against the Python runner, and its twin.

Runs of plain pattern rules switch to :mod:`mathref.combinatorics.egraph._syntactic_kernels` once the
e-graph is large; a saturated run must end in the same e-graph (node and class counts, the same
terms in the same classes) either way, with the compiled kernels and with their pure-Python twins.
"""

from __future__ import annotations

import itertools

import pytest

import mathref.combinatorics.egraph._syntactic_kernels as K
import mathref.combinatorics.egraph.saturation as S
import mathref.jit
from mathref.combinatorics.egraph import EGraph, Limits, ac_rules, distributivity_rules, saturate
from mathref.jit import python_twin

pytestmark = pytest.mark.kernel

LIMITS = Limits(scheduler="simple", nodes=10**6, iterations=1000, time=600)


def _sum(names):
    t = ("sym", names[0])
    for v in names[1:]:
        t = ("+", t, ("sym", v))
    return t


def _run(term, rules, *, kernel: bool, monkeypatch, twin: bool = False):
    with monkeypatch.context() as m:
        if kernel:
            m.setattr(S, "_KERNEL_MIN_NODES", 0)
            m.setattr(mathref.jit, "JIT_ENABLED", True)
            if twin:
                for name in ("find", "_slot", "ht_lookup", "ht_insert", "_union", "rebuild", "class_index",
                             "fill_matches", "apply_matches", "roots_of", "count_classes", "fill_table"):
                    m.setattr(K, name, python_twin(getattr(K, name)))
        else:
            m.setattr(S, "_KERNEL_MIN_NODES", 10**12)
        g = EGraph()
        root = g.add_term(term)
        rep = saturate(g, rules, limits=LIMITS)
    return g, root, rep


def _same_egraph(g1, g2, terms):
    g1.check_invariants()
    g2.check_invariants()
    assert (g1.num_nodes, g1.num_classes) == (g2.num_nodes, g2.num_classes)
    ids1 = [g1.lookup_term(t) for t in terms]
    ids2 = [g2.lookup_term(t) for t in terms]
    assert None not in ids1 and None not in ids2
    for (i, j), (k, l) in zip(itertools.combinations(ids1, 2), itertools.combinations(ids2, 2)):
        assert (g1.find(i) == g1.find(j)) == (g2.find(k) == g2.find(l))


@pytest.mark.parametrize("n", [4, 5, 6, 7])
def test_ac_closure_matches_the_python_runner(n, monkeypatch):
    names = [f"a{i}" for i in range(n)]
    term = _sum(names)
    g_py, _, rep_py = _run(term, ac_rules("+"), kernel=False, monkeypatch=monkeypatch)
    g_k, _, rep_k = _run(term, ac_rules("+"), kernel=True, monkeypatch=monkeypatch)
    assert rep_py.saturated and rep_k.saturated
    assert rep_k.nodes == 3**n - 2 ** (n + 1) + 1 + n == rep_py.nodes
    probes = [_sum(list(p)) for p in itertools.islice(itertools.permutations(names), 12)]
    probes += [_sum(names[:k]) for k in range(1, n + 1)]
    _same_egraph(g_py, g_k, probes)


def test_the_pure_python_twins_agree(monkeypatch):
    term = _sum(["a", "b", "c", "d", "e"])
    g_py, _, _ = _run(term, ac_rules("+"), kernel=False, monkeypatch=monkeypatch)
    g_t, _, rep = _run(term, ac_rules("+"), kernel=True, twin=True, monkeypatch=monkeypatch)
    assert rep.saturated
    _same_egraph(g_py, g_t, [_sum(list(p)) for p in itertools.permutations("abcde") if p[0] < "c"])


def test_ac_and_distributivity_on_a_product(monkeypatch):
    x = [("sym", v) for v in "abcd"]
    term = ("*", ("+", x[0], x[1]), ("+", x[2], x[3]))
    rules = ac_rules("+") + ac_rules("*") + distributivity_rules()
    g_py, r_py, rep_py = _run(term, rules, kernel=False, monkeypatch=monkeypatch)
    g_k, r_k, rep_k = _run(term, rules, kernel=True, monkeypatch=monkeypatch)
    assert rep_py.stop_reason == rep_k.stop_reason
    expanded = ("+", ("+", ("*", x[0], x[2]), ("*", x[0], x[3])), ("+", ("*", x[1], x[2]), ("*", x[1], x[3])))
    assert g_k.find(g_k.lookup_term(expanded)) == g_k.find(r_k)
    if rep_py.saturated:
        _same_egraph(g_py, g_k, [term, expanded])


def test_guarded_or_explained_runs_stay_in_python(monkeypatch):
    from mathref.combinatorics.egraph import default_rules

    monkeypatch.setattr(S, "_KERNEL_MIN_NODES", 0)
    g = EGraph(explain=True)
    g.add_term(_sum(["a", "b", "c"]))
    assert S._syntactic_programs(g, ac_rules("+"), LIMITS, None) is None
    g2 = EGraph()
    assert S._syntactic_programs(g2, default_rules(), LIMITS, None) is None
    assert S._syntactic_programs(g2, ac_rules("+"), Limits(), None) is None  # back-off scheduler


def test_node_limit_is_kept(monkeypatch):
    monkeypatch.setattr(S, "_KERNEL_MIN_NODES", 0)
    g = EGraph()
    g.add_term(_sum([f"a{i}" for i in range(9)]))
    rep = saturate(g, ac_rules("+"), limits=Limits(scheduler="simple", nodes=5000, iterations=1000, time=600))
    assert rep.stop_reason == "node_limit"
    g.check_invariants()


def test_hash_table_round_trip():
    import numpy as np

    for f_insert, f_lookup in [(K.ht_insert, K.ht_lookup), (python_twin(K.ht_insert), python_twin(K.ht_lookup))]:
        tk = np.zeros((64, 3), np.int64)
        tv = np.full(64, -1, np.int64)
        for i in range(20):
            f_insert(tk, tv, i % 3, i, -1 if i % 2 else i + 1, i)
        assert [f_lookup(tk, tv, i % 3, i, -1 if i % 2 else i + 1) for i in range(20)] == list(range(20))
        assert f_lookup(tk, tv, 7, 7, 7) == -1
