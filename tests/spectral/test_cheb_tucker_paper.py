"""Miniatures of the Chebyshev-Tucker paper's experiments (issue 13 §3).

Benner, Khoromskij, Khoromskaia, Sun, arXiv:2503.01696 (2025); the full-size runs on the
authors' data are in benchmarks/bench_cheb_tucker_paper.py.  Here each experiment is rebuilt
from scratch at a small size (no data files): the Newton kernel 1/r as a sinc-quadrature sum of
Gaussians (long-range part and full kernel), a multi-particle long-range potential as a CP sum,
and a small lattice of +/- charges.  mathref's ranks are compared with the authors' rank rule
(absolute tail tol/d of each unweighted coefficient side matrix, re-run here on the same input),
and mathref's error estimate with the true error on the authors' test slice.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.linalg

from mathref.spectral.cheb_tucker import ChebyshevTucker
from mathref.spectral.chebyshev import PoorResolutionWarning, chebyshev_coefficients, chebyshev_points
from mathref.spectral.tucker import truncation_rank

TOL = 1e-7
BOX = [(-1.0, 1.0)] * 3


def sinc_newton(s_max: float, step: float = 0.4):
    """1/r ~ sum_k w_k exp(-t_k^2 r^2), t_k = e^{s_k}: trapezoid rule on 1/r = 2/sqrt(pi) int e^{-r^2 e^{2s}} e^s ds."""
    s = np.arange(-6.0, s_max + 1e-12, step)
    return np.exp(s), 2.0 / np.sqrt(np.pi) * step * np.exp(s)


def gaussians(t, centres=(0.0,)):
    """Factor functions x -> sum_c exp(-t_k^2 (x - c)^2), one column per t_k (lattice sums stay rank one per t_k)."""
    c = np.asarray(centres, dtype=float)
    return lambda x: np.exp(-(t[None, None, :] * (np.asarray(x)[:, None, None] - c[None, :, None])) ** 2).sum(axis=1)


def authors_rank(fn, m: int, tol: float) -> int:
    """The authors' rank rule on one mode: singular values of the coefficient side matrix, absolute tail tol/3."""
    s = scipy.linalg.svd(chebyshev_coefficients(fn(chebyshev_points(m)), axis=0), compute_uv=False)
    return max(1, truncation_rank(s, tol / 3))


def slice_error(ct, fns, w, n: int = 64) -> float:
    """Relative max error on the authors' test slice: the n x n cell centres at the z just below 0."""
    x = -1.0 + (np.arange(n) + 0.5) * 2.0 / n
    z = x[n // 2 - 1]
    exact = (fns[0](x) * w) @ (fns[1](x) * fns[2](np.array([z]))).T
    approx = ct.on_grid(x, x, np.array([z])).full()[:, :, 0]
    return float(np.max(np.abs(approx - exact)) / np.max(np.abs(exact)))


def build(fns, w, m):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PoorResolutionWarning)
        return ChebyshevTucker.from_cp(fns, BOX, tol=TOL, weights=w, degree=m - 1, check_points=512)


def test_newton_long_range_ranks_and_error():
    t, w = sinc_newton(1.0)  # widths >= 1/e: the long-range part
    fns = [gaussians(t)] * 3
    ct = build(fns, w, 65)
    paper = authors_rank(fns[0], 65, TOL)
    assert ct.report.resolved_estimate
    assert max(ct.ranks) <= paper  # the full-size runs: mathref 7-13 vs the authors' rule 9-15
    assert max(ct.ranks) >= paper - 3
    truth = slice_error(ct, fns, w)
    assert truth <= 5 * TOL
    assert ct.report.error_estimate >= truth / 2


def test_newton_full_kernel_estimate_is_not_below_truth():
    # the full kernel is not resolved at m = 65; the estimate used to miss the peak at the centre
    # (full Newton kernel, n = 1024, m = 1025: estimate 8e-4, true error 7e-2)
    t, w = sinc_newton(3.6)  # narrowest width e^-3.6 ~ 0.03
    fns = [gaussians(t)] * 3
    ct = build(fns, w, 65)
    truth = slice_error(ct, fns, w)
    assert truth > 1e-3
    assert not ct.report.resolved_estimate
    assert ct.report.error_estimate >= truth
    assert max(ct.ranks) <= authors_rank(fns[0], 65, TOL)


def test_multi_particle_long_range_ranks():
    # the bio-molecule experiment in miniature: 24 charges, the long-range Gaussians of 1/r as a CP sum
    g = np.random.default_rng(24)
    X = g.uniform(-0.6, 0.6, (24, 3))
    q = g.uniform(-0.8, 0.8, 24)
    t, wk = sinc_newton(1.0)
    T = np.tile(t, 24)
    w = np.repeat(q, t.size) * np.tile(wk, 24)
    fns = [lambda x, k=k: np.exp(-(T * (np.asarray(x)[:, None] - np.repeat(X[:, k], t.size))) ** 2) for k in range(3)]
    ct = build(fns, w, 65)
    paper = max(authors_rank(f, 65, TOL) for f in fns)
    assert max(ct.ranks) <= paper + 2
    truth = slice_error(ct, fns, w)
    assert truth <= 20 * TOL
    assert ct.report.error_estimate >= truth / 2


def test_lattice_ranks_do_not_grow_with_the_lattice():
    # the 24 x 24 x 4 lattice in miniature: 6 x 6 x 2 positive and 5 x 5 x 2 negative charges,
    # each lattice sum has the CP rank of one kernel, so the Tucker ranks stay small
    t, wk = sinc_newton(1.0)
    pos = [np.linspace(-0.75, 0.75, 6), np.linspace(-0.75, 0.75, 6), np.array([-0.2, 0.2])]
    neg = [np.linspace(-0.6, 0.6, 5), np.linspace(-0.6, 0.6, 5), np.array([-0.2, 0.2])]
    fns = [lambda x, k=k: np.hstack([gaussians(t, pos[k])(x), gaussians(t, neg[k])(x)]) for k in range(3)]
    w = np.r_[wk, -wk]
    ct = build(fns, w, 65)
    paper = max(authors_rank(f, 65, TOL) for f in fns)
    assert max(ct.ranks) <= paper
    assert ct.ranks[2] <= ct.ranks[0]  # the short z-direction needs fewer terms (full size: (15, 15, 10))
    truth = slice_error(ct, fns, w)
    assert truth <= 20 * TOL
    assert ct.report.error_estimate >= truth / 2


@pytest.mark.parametrize("m", [33, 65])
def test_cp_check_points_include_the_peak(m):
    # a single sharp Gaussian off the Lobatto nodes: random points alone almost never land on it
    t = np.array([40.0])
    fns = [gaussians(t, [0.013])] * 3
    ct = build(fns, np.ones(1), m)
    x = np.array([[0.013, 0.013, 0.013]])
    truth = abs(float(ct(x)[0]) - 1.0)
    assert ct.report.error_estimate >= truth
