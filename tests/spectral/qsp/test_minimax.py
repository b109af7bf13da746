"""Minimax QSP targets: proved errors against an independent mpmath truth, degrees against the erf builders.

The truth (``_truth.true_error``) sums the float coefficients by Clenshaw in mpmath at
160 bits at the worst points of a dense float scan, so it is a lower bound on the true
sup error: ``certificate >= truth`` must hold, and ``certificate <= 1.5 truth`` shows the
bound is tight enough to choose degrees with.
"""

from __future__ import annotations

import copy
import pickle
import time

import numpy as np
import pytest

from mathref.errors import InvalidArgumentError, MathrefError, SizeLimitError
from mathref.spectral.qsp.minimax import MINIMAX_KINDS, certified_error_on, minimax_target, remez_parity
from mathref.spectral.qsp.solvers import qsp_phases
from mathref.spectral.qsp.targets import cos_target, inverse_target, sign_target, threshold_target
from mathref.spectral.qsp.verification import verify

from ._truth import true_error


def _mp_piecewise(values, intervals):
    # the value of the nearest interval: the scan's end points may round a hair outside the domain
    def f(ctx, x):
        ax = abs(x)
        dist = [max(a - ax, ax - b, 0) for a, b in intervals]
        return ctx.mpf(values[dist.index(min(dist))])
    return f


def _mp_function(kind, params):
    if kind == "sign":
        return lambda ctx, x: ctx.sign(x)
    if kind == "threshold":
        c, d = params["c"], params["delta"]
        return _mp_piecewise((0.0, 1.0), ((0.0, c - d), (c + d, 1.0)))
    if kind == "rectangle":
        c, d = params["c"], params["delta"]
        return _mp_piecewise((1.0, 0.0), ((0.0, c - d), (c + d, 1.0)))
    if kind == "inverse":
        return lambda ctx, x: 1 / (params["kappa"] * x)
    if kind == "cos":
        return lambda ctx, x: ctx.cos(params["tau"] * x)
    if kind == "exp":
        b, par = params["beta"], params.get("parity", 0)
        return lambda ctx, x: ctx.exp(-b * abs(x)) * (ctx.sign(x) if par else 1)
    if kind == "cosh":
        return lambda ctx, x: ctx.exp(-params["beta"]) * ctx.cosh(params["beta"] * x)
    if kind == "sinh":
        return lambda ctx, x: ctx.exp(-params["beta"]) * ctx.sinh(params["beta"] * x)
    return lambda ctx, x: ctx.sin(params["tau"] * x)


# adversarial: tiny gaps, gaps near the ends, targets that force a shrink, high tau, odd/even
CASES = [
    ("sign", {"delta": 0.3}, 9),
    ("sign", {"delta": 0.02}, 151),
    ("threshold", {"c": 0.1, "delta": 0.05}, 60),
    ("threshold", {"c": 0.9, "delta": 0.02}, 120),
    ("rectangle", {"c": 0.5, "delta": 0.1}, 40),
    ("inverse", {"kappa": 3.0}, 21),
    ("inverse", {"kappa": 30.0}, 151),
    ("cos", {"tau": 40.0}, 60),
    ("sin", {"tau": 5.0}, 17),
    # exp: qsppack's example (odd, gap 0.2), a steep even decay, pyqsp's PolyGibbs form (no gap: kink at 0)
    ("exp", {"beta": 2.0, "delta": 0.2, "parity": 1}, 41),
    ("exp", {"beta": 20.0, "delta": 0.05}, 80),
    ("exp", {"beta": 5.0, "delta": 0.0}, 100),
    ("cosh", {"beta": 10.0}, 20),
    ("sinh", {"beta": 10.0}, 21),
]


@pytest.mark.parametrize("kind,params,degree", CASES)
def test_certificate_is_at_least_the_mpmath_truth(kind, params, degree):
    t = minimax_target(kind, degree=degree, **params)
    truth = true_error(t, _mp_function(kind, params))
    assert t.max_error >= truth
    assert t.max_error <= 1.5 * truth + 1e-15
    assert t.degree == degree and t.parity == degree % 2
    assert t.sup_norm < 1


@pytest.mark.parametrize("kind,params,eps", [
    ("sign", {"delta": 0.05}, 1e-3),
    ("threshold", {"c": 0.5, "delta": 0.05}, 1e-6),
    ("inverse", {"kappa": 10.0}, 1e-6),
    ("cos", {"tau": 20.0}, 1e-10),
    ("sin", {"tau": 20.0}, 1e-10),
    ("exp", {"beta": 2.0, "delta": 0.2, "parity": 1}, 1e-6),
    ("exp", {"beta": 2.0, "delta": 0.2}, 1e-10),
])
def test_eps_is_met_and_the_degree_beats_the_erf_and_jacobi_anger_builders(kind, params, eps):
    t = minimax_target(kind, eps=eps, **params)
    assert t.max_error <= eps
    if kind == "exp":
        # the Chebyshev interpolant of the same target (pyqsp's PolyGibbs recipe) at the same degree misses eps
        f = t.function
        raw = np.polynomial.chebyshev.chebinterpolate(lambda x: f(x) * (1 - 1e-3), t.degree)
        raw[(t.parity + 1) % 2 :: 2] = 0.0
        xs = np.linspace(0.2, 1, 4001)
        assert np.max(np.abs(np.polynomial.chebyshev.chebval(xs, raw) - f(xs) * (1 - 1e-3))) > t.max_error
        lower = minimax_target(kind, degree=t.degree - 2, **params)
        assert lower.max_error > 0.5 * eps
        return
    reference = {
        "sign": lambda: sign_target(params.get("delta", 0.1), eps=eps),
        "threshold": lambda: threshold_target(0.5, 0.05, eps=eps),
        "inverse": lambda: inverse_target(10.0, eps=eps),
        "cos": lambda: cos_target(20.0, eps=eps),
        "sin": lambda: cos_target(20.0, eps=eps),
    }[kind]()
    assert t.degree <= reference.degree
    if kind in ("sign", "threshold", "inverse"):
        assert t.degree <= 0.75 * reference.degree
    # the search returns (nearly) the smallest degree: two below it misses eps
    if t.degree >= 3:
        lower = minimax_target(kind, degree=t.degree - 2, **params)
        assert lower.max_error > 0.5 * eps


def test_minimax_targets_give_phases():
    t = minimax_target("sign", delta=0.1, eps=1e-6)
    r = qsp_phases(t)
    assert verify(r.phases, t).max_error < 1e-10


def test_remez_equioscillates():
    r = remez_parity(lambda x: 1.0 / x, [(0.2, 1.0)], 15)
    assert r.converged
    assert r.grid_error <= r.levelled_error * 1.001
    # Chebyshev's theorem: n + 1 = 9 alternating extrema of size E
    x = np.linspace(0.2, 1, 20001)
    e = 1 / x - np.polynomial.chebyshev.chebval(x, r.coef)
    peaks = np.flatnonzero(np.abs(e) > 0.999 * r.levelled_error)
    signs = np.sign(e[peaks])
    assert 1 + np.count_nonzero(np.diff(signs)) >= 9


def test_certified_error_on_against_mpmath():
    from mpmath.ctx_mp import MPContext

    from ._truth import mp_clenshaw

    c = np.polynomial.chebyshev.chebinterpolate(lambda x: np.exp(2 * x), 12)
    bound = certified_error_on(c, 0.25, 0.75, lambda ctx, x: ctx.exp(2 * x),
                               lambda rho: 2 * (0.75 + 0.25 * (rho + 1 / rho) / 2 * 1.0) + 1.0)
    ctx = MPContext()
    ctx.prec = 160
    xs = np.linspace(0.25, 0.75, 2001)
    truth = max(float(abs(mp_clenshaw(ctx, c, ctx.mpf(x)) - ctx.exp(2 * ctx.mpf(x)))) for x in xs)
    assert truth <= bound <= 2 * truth


def test_minimax_target_pickles_by_value():
    t = minimax_target("inverse", kappa=5.0, degree=31)
    for u in (pickle.loads(pickle.dumps(t)), copy.deepcopy(t)):
        assert u == t
        assert float(u.function(0.5)) == float(t.function(0.5))


GARBAGE = [None, "0.1", float("nan"), float("inf"), -1.0, 0.0, 10**30, [], np.zeros((2, 2)), True]


@pytest.mark.parametrize("kind", MINIMAX_KINDS)
@pytest.mark.parametrize("bad", GARBAGE, ids=repr)
def test_garbage_parameters_raise_mathref_errors_quickly(kind, bad):
    names = {"sign": ["delta"], "threshold": ["c", "delta"], "rectangle": ["c", "delta"],
             "inverse": ["kappa"], "cos": ["tau"], "sin": ["tau"], "exp": ["beta", "delta", "parity"],
             "cosh": ["beta"], "sinh": ["beta"]}[kind]
    # exp with parity 1: the odd design needs a gap, so delta = 0 is garbage there too
    good = {"delta": 0.1, "c": 0.5, "kappa": 5.0, "tau": 3.0, "beta": 2.0, "parity": 1}
    for name in names:
        params = {n: good[n] for n in names}
        params[name] = bad
        t0 = time.perf_counter()
        with pytest.raises(MathrefError):
            minimax_target(kind, degree=11 if kind in ("sign", "inverse", "sin", "exp", "sinh") else 10, **params)
        assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize("call", [
    lambda: minimax_target("nope", delta=0.1),
    lambda: minimax_target(None),
    lambda: minimax_target("sign"),
    lambda: minimax_target("sign", delta=0.1, kappa=3),
    lambda: minimax_target("sign", delta=0.1, degree=10),
    lambda: minimax_target("sign", delta=0.1, degree=10**30),
    lambda: minimax_target("sign", delta=0.1, degree=-3),
    lambda: minimax_target("sign", delta=0.1, degree="9"),
    lambda: minimax_target("sign", delta=0.1, eps=0.0),
    lambda: minimax_target("sign", delta=0.1, eps=1e-300),
    lambda: minimax_target("sign", delta=0.1, eps=float("nan")),
    lambda: minimax_target("sign", delta=0.1, eps=1e-3, degree=9),
    lambda: minimax_target("sign", delta=0.1, margin=1.5),
    lambda: minimax_target("sign", delta=0.1, scale=2.0),
    lambda: minimax_target("sign", delta=1e-9),
    lambda: minimax_target("inverse", kappa=1e9),
    lambda: minimax_target("cos", tau=1e9),
    lambda: minimax_target("threshold", c=0.05, delta=0.1),
    lambda: minimax_target("exp", beta=2.0, delta=0.0, parity=1),
    lambda: minimax_target("exp", beta=2.0, delta=1.0),
    lambda: minimax_target("exp", beta=2.0, delta=0.1, parity=2),
    lambda: minimax_target("exp", beta=1e9, delta=0.1),
    lambda: minimax_target("exp", beta=2.0),
    lambda: minimax_target("exp", beta=2.0, delta=0.1, degree=11),
    lambda: minimax_target("cosh", beta=2.0, degree=11),
])
def test_bad_calls_raise_mathref_errors(call):
    t0 = time.perf_counter()
    with pytest.raises((InvalidArgumentError, TypeError)) as info:
        call()
    assert isinstance(info.value, MathrefError)
    assert time.perf_counter() - t0 < 2.0


def test_size_limits_name_the_argument():
    with pytest.raises(SizeLimitError) as info:
        minimax_target("sign", delta=1e-6, eps=1e-3)
    assert info.value.argument == "delta"


def test_cosh_and_sinh_parts_combine_to_the_imaginary_time_exponential():
    # e^{-beta(1 - x)} = e^{-beta} (cosh(beta x) + sinh(beta x)): the two parity targets, added by a linear
    # combination of the two QSP circuits (an LCU with weights 1/2, 1/2), give s e^{-beta(1 - x)} / 2
    beta = 4.0
    even = minimax_target("cosh", beta=beta, eps=1e-8)
    odd = minimax_target("sinh", beta=beta, eps=1e-8)
    # both kept |P| well below 1, so neither was shrunk (the factor 1 - 4u of the shrink step aside)
    assert even.scale == pytest.approx(0.5, rel=1e-14) and odd.scale == pytest.approx(0.5, rel=1e-14)
    x = np.linspace(-1, 1, 2001)
    lcu = (even(x) + odd(x)) / 2
    slack = (even.max_error + odd.max_error) / 2 + 1e-15
    assert np.max(np.abs(lcu - 0.5 * np.exp(-beta * (1 - x)) / 2)) <= slack
    assert max(even.sup_norm, odd.sup_norm) < 1


def test_exp_parity_default_and_function():
    t = minimax_target("exp", beta=3.0, delta=0.1, degree=30)
    assert t.parity == 0 and t.scale == pytest.approx(1.0, abs=2e-3)
    assert float(t.function(-0.5)) == float(t.function(0.5))
    odd = minimax_target("exp", beta=3.0, delta=0.1, parity=1, degree=31)
    assert float(odd.function(-0.5)) == -float(odd.function(0.5))


def test_kinked_even_exp_is_refused_up_front():
    # no gap: e^(-5|x|) at eps 1e-6 needs an even degree ~1e6; refused before any design
    t0 = time.perf_counter()
    with pytest.raises(SizeLimitError) as info:
        minimax_target("exp", beta=5.0, delta=0.0, eps=1e-6)
    assert info.value.argument == "eps"
    assert time.perf_counter() - t0 < 2.0
