"""Garbage in, a mathref error out, quickly: every public WL and LP callable (issue 17 §4), plus value equality.

A small fuzzer calls each public function of :mod:`mathref.combinatorics.wl` and
:mod:`mathref.combinatorics.lp` with None, strings, NaN, inf, huge and negative ints, empty and wrong-shape
arrays in each argument position; each call must return or raise a subclass of
:class:`mathref.errors.MathrefError` (which are ValueError/TypeError subclasses) within 2 s.
"""

from __future__ import annotations

import copy
import inspect
import math
import pickle
import time

import networkx as nx
import numpy as np
import pytest

import mathref.combinatorics.lp as lp
import mathref.combinatorics.wl as wl
from mathref.combinatorics.lp.generators import bin_packing_model
from mathref.combinatorics.wl.kwl import k_wl_test
from mathref.errors import ConvergenceError, InvalidArgumentError, MathrefError, SizeLimitError

GARBAGE = [None, "abc", "", float("nan"), float("inf"), -1, 0, 10**30, -(10**30), 2.5, [], np.zeros(0),
           np.zeros((2, 3)), {}, object(), True, [1, None], [[1, 2], [3]], b"x"]
G = nx.path_graph(4)
# keyword-only options with a required value get a valid one, so the garbage lands where it is aimed
REQUIRED = {"encode_labels": {"strict": False}, "csr_from_edges": {"directed": False}}


def _public_functions():
    for mod in (wl, lp):
        for name in mod.__all__:
            obj = getattr(mod, name)
            if not callable(obj) or (inspect.isclass(obj) and issubclass(obj, BaseException)):
                continue
            if inspect.isclass(obj) and issubclass(obj, tuple):  # NamedTuple records: plain containers
                continue
            try:
                inspect.signature(obj)
            except (TypeError, ValueError):
                continue
            yield f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", obj


def _calls(fn, name):
    sig = inspect.signature(fn)
    pos = [p for p in sig.parameters.values()
           if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    kws = [p for p in sig.parameters.values()
           if p.default is not p.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]
    base = REQUIRED.get(name.split(".")[-1], {})
    for junk in GARBAGE:
        yield [junk] * len(pos), dict(base)
        for i in range(len(pos)):
            args = [G] * len(pos)
            args[i] = junk
            yield args, dict(base)
        for kp in kws:
            yield [G] * len(pos), {**base, kp.name: junk}


@pytest.mark.parametrize("name,fn", list(_public_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_garbage_gives_a_mathref_error_quickly(name, fn):
    for args, kw in _calls(fn, name):
        t0 = time.perf_counter()
        try:
            fn(*args, **kw)
        except MathrefError as exc:
            assert isinstance(exc, (ValueError, TypeError, RuntimeError, ModuleNotFoundError))
        except Exception as exc:  # pragma: no cover - what this test exists to catch
            pytest.fail(f"{name}(*{args!r:.80}, **{kw!r:.80}) raised {type(exc).__name__}: {exc}")
        assert time.perf_counter() - t0 < 2.0, f"{name}(*{args!r:.80}, **{kw!r:.80}) took too long"


def test_bin_packing_size_arguments():
    with pytest.raises(InvalidArgumentError, match="capacity"):
        bin_packing_model([3, 5], -1, 2)
    with pytest.raises(SizeLimitError, match="n_bins") as info:
        bin_packing_model([3, 5], 8, 10**30)
    assert info.value.argument == "n_bins" and info.value.estimate
    with pytest.raises(InvalidArgumentError):
        bin_packing_model([3, float("nan")], 8, 2)
    assert bin_packing_model([3, 5], 8, 2).n_variables == 6


# ---------------------------------------------------------------- k-WL limits


def test_k_wl_refuses_up_front_what_cannot_fit():
    a, b = nx.random_regular_graph(3, 70, seed=1), nx.random_regular_graph(3, 70, seed=2)
    t0 = time.perf_counter()
    with pytest.raises(SizeLimitError, match="per round") as info:
        k_wl_test(a, b, 3)  # the 30-second case of issue 16
    assert time.perf_counter() - t0 < 1.0 and info.value.argument == "time_limit"
    with pytest.raises(SizeLimitError, match="too large"):
        k_wl_test(nx.path_graph(400), nx.path_graph(400), 3, time_limit=None)


def test_k_wl_time_limit_between_rounds():
    # a path refines for about n/2 rounds; a limit just above the estimate of one round lets the first
    # rounds run, and the run must then stop (or finish) inside the limit
    from mathref.combinatorics.wl import kwl

    g1, g2 = nx.path_graph(40), nx.path_graph(40)
    limit = 1.2 * kwl._SECONDS_PER_ENTRY * kwl._round_entries(40, 2, "folklore") / 0.9
    t0 = time.perf_counter()
    try:
        r = k_wl_test(g1, g2, 2, time_limit=limit)
        assert not r.distinguished  # finished inside the limit: then it is the full answer
    except ConvergenceError as exc:
        assert exc.diagnostics["reason"] == "time_limit" and "undecided" in str(exc)
    assert time.perf_counter() - t0 <= limit * 1.1 + 0.05


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), "1", True])
def test_k_wl_bad_time_limit(bad):
    with pytest.raises(InvalidArgumentError):
        k_wl_test(nx.path_graph(3), nx.path_graph(3), 2, time_limit=bad)


# ---------------------------------------------------------------- pickling and value equality


def _results():
    from mathref.combinatorics.lp.equivalence import models_equivalent
    from mathref.combinatorics.wl.canonical import csr_canonical_labelling

    g = nx.petersen_graph()
    m = lp.read_lp("Maximize\n obj: x + 2 y\nSubject To\n c1: x + y <= 4\nEnd\n")
    return {
        "CSRGraph": wl.as_csr_graph(g),
        "ColourRefinement": wl.colour_refinement(g),
        "PairRefinement": wl.refine_pair(g, g),
        "KWLResult": k_wl_test(nx.cycle_graph(6), nx.cycle_graph(6), 2),
        "IsomorphismResult": wl.is_isomorphic(g, g),
        "SymmetricDecomposition": wl.symmetric_decomposition(nx.cycle_graph(5)),
        "AutomorphismGroup": wl.automorphism_group(g),
        "CanonicalLabelling": wl.canonical_labelling(g),
        "CSRCanonical": csr_canonical_labelling(wl.as_csr_graph(g)),
        "LPModel": m,
        "ModelEquivalence": models_equivalent(m, m),
    }


@pytest.mark.parametrize("name", sorted(_results()))
def test_results_pickle_deepcopy_and_compare_by_value(name):
    obj = _results()[name]
    for clone in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj)):
        assert type(clone) is type(obj)
        if name == "CSRCanonical":  # a plain record of arrays: compare what it holds
            assert np.array_equal(clone.labelling, obj.labelling) and clone.order == obj.order
            continue
        eq = clone == obj
        assert eq is True or eq is np.True_, f"{name} is not equal to its clone"


def test_csr_graph_equality_is_by_value():
    a, b = wl.as_csr_graph(nx.path_graph(3)), wl.as_csr_graph(nx.path_graph(3))
    assert a == b and a is not b
    assert a != wl.as_csr_graph(nx.star_graph(2))
    assert wl.colour_refinement(nx.path_graph(3)).colours.tolist() == [0, 1, 0]
    assert not math.isnan(wl.colour_refinement(nx.path_graph(3)).elapsed)
