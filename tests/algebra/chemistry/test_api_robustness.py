"""Every public chemistry and integer-lattice callable, called with garbage, answers or raises a
``mathref.errors`` error quickly (issue 17 §4; issue 14 item: ``parse_formula([])``)."""

from __future__ import annotations

import inspect
import math
import time

import numpy as np
import pytest

import mathref.algebra.chemistry as chemistry
import mathref.algebra.intlinalg as intlinalg
from mathref.errors import InvalidTypeError, MathrefError

GARBAGE = [None, "abc", "", math.nan, math.inf, 10**30, -5, -(10**30), 1.5, True, [], [[]], {}, b"x",
           object(), [1, "a"], {"H": None}, np.zeros((0,)), np.zeros((2, 3, 4)), np.array([1.5, 2.0])]


def _public_callables():
    for mod in (chemistry, intlinalg):
        for name in mod.__all__:
            f = getattr(mod, name)
            if callable(f) and not (inspect.isclass(f) and issubclass(f, BaseException)):
                yield pytest.param(f, id=f"{mod.__name__.rsplit('.', 1)[1]}.{name}")


def _call(f, position, value):
    sig = inspect.signature(f)
    params = list(sig.parameters.values())
    positional = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    args = ["H2O"] * max(1, len(positional))
    args[position] = value
    kwargs = {p.name: "H2O" for p in params if p.default is p.empty and p.kind == p.KEYWORD_ONLY}
    return f(*args, **kwargs)


@pytest.fixture(scope="module", autouse=True)
def _compiled():
    # compile the circuit kernels once so that the time limit below measures the call, not numba
    chemistry.complete_reaction_set(["H2", "O2", "H2O", "H2O2"])


@pytest.mark.parametrize("f", _public_callables())
def test_garbage_raises_mathref_errors_quickly(f):
    sig = inspect.signature(f)
    npos = max(1, sum(1 for p in sig.parameters.values()
                      if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)))
    for position in range(npos):
        for value in GARBAGE:
            t0 = time.perf_counter()
            try:
                _call(f, position, value)
            except MathrefError:
                pass
            assert time.perf_counter() - t0 < 2.0, (f, position, value)


@pytest.mark.parametrize("value", [[], None, 3, {}, b"H2O", ("H",), object()])
def test_parse_formula_names_its_argument(value):
    with pytest.raises(InvalidTypeError, match="formula"):
        chemistry.parse_formula(value)


@pytest.mark.parametrize("kwargs", [
    {"limit": -1}, {"limit": "10"}, {"limit": 1.5}, {"limit": 10**30 + 0.5}, {"substances": "H2O"},
    {"substances": {"x": None}}, {"substances": {1: "H2"}}, {"progress": "yes"},
])
def test_complete_reaction_set_keywords(kwargs):
    with pytest.raises(MathrefError):
        chemistry.complete_reaction_set(["H2", "O2", "H2O"], **kwargs)


@pytest.mark.parametrize("call", [
    lambda: chemistry.balance("H2 + O2 -> H2O", substances=[1]),
    lambda: chemistry.balance_redox("MnO4- + H2O2 -> Mn2+ + O2", medium="lava"),
    lambda: chemistry.half_reaction("H2O2 -> O2", medium=None),
    lambda: chemistry.composition_matrix(["H2O"], isotopes="maybe"),
    lambda: chemistry.Reaction({"H2O": 1.5}),
    lambda: chemistry.Reaction({"H2O": np.float64(2)}),
    lambda: intlinalg.exact_lp_min([1, 1], [[1, -1]], lower=[0.5, 0]),
    lambda: intlinalg.exact_lp_min([1, 1], [[1, -1, 3]]),
    lambda: intlinalg.min_sum_solution([[1, -1]], -2),
    lambda: intlinalg.min_sum_solution([[1, -1]], 2, lower=[-1, 0]),
    lambda: intlinalg.min_sum_solution([[1.0, -1.0]], 2),
    lambda: intlinalg.primitive(np.array([1.5])),
    lambda: intlinalg.extended_gcd(2.0, 4),
    lambda: intlinalg.integer_kernel(np.zeros((2, 3))),
])
def test_bad_keywords_and_entries(call):
    with pytest.raises(MathrefError):
        call()
