"""The geometry verify kinds: harmonics and Wigner D in other conventions are recognised (issue 17 §1).

Reference values are mpmath's ``spherharm`` (CS phase, checked against scipy's
``sph_harm_y`` here) and the explicit small-d sum; e3nn's real form is
Y(x, y, z) = Y_standard(z, x, y) (geometry/real_forms.py).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathref.geometry import convert_real_basis, real_sph_harm, sph_harm, sph_harm_all, wigner_D
from mathref.verify import verify


def test_scipy_harmonics_pass():
    from scipy.special import sph_harm_y

    assert verify("sh", lambda l, m, t, p: complex(sph_harm_y(l, m, t, p)), lmax=5).passed


def test_missing_condon_shortley_phase_is_named():
    r = verify("sh", lambda l, m, t, p: sph_harm(l, m, t, p) * ((-1) ** m if m > 0 else 1), lmax=3)
    assert not r.passed and r.detected == "no_cs"


@pytest.mark.parametrize("factor, name", [(lambda l: math.sqrt(4 * math.pi), "component"),
                                          (lambda l: math.sqrt(4 * math.pi / (2 * l + 1)), "norm")])
def test_normalisations_are_named(factor, name):
    r = verify("sh", lambda l, m, t, p: sph_harm(l, m, t, p) * factor(l), lmax=3)
    assert r.detected == name


def test_real_forms_are_named():
    assert verify("real_sh", lambda l, m, t, p: real_sph_harm(l, m, t, p), lmax=3).passed
    assert verify("real_sh", lambda l, m, t, p: (-1) ** m * real_sph_harm(l, m, t, p), lmax=3).detected == "sympy"
    rng = np.random.default_rng(3)
    pts = rng.normal(size=(20, 3))
    y = convert_real_basis(sph_harm_all(3, pts), target="e3nn") * math.sqrt(4 * math.pi)
    r = verify("real_sh", y, layout="point,lm", points=pts)
    assert r.detected == "e3nn+component", str(r)
    assert verify("real_sh", y, layout="point,lm", points=pts, convention="e3nn+component").passed


def test_wigner_d_conventions():
    def ours(l, mp, m, a, b, g):
        return wigner_D(l, a, b, g)[int(mp + l), int(m + l)]

    assert verify("wigner_d", ours, lmax=1.5).passed
    assert verify("wigner_d", lambda *x: np.conj(ours(*x)), lmax=1.5).detected == "conjugate"
    assert verify("wigner_d", lambda l, mp, m, *x: np.conj(ours(l, m, mp, *x)), lmax=1.5).detected == "passive"


def test_dense_wigner_d_matrix():
    d = wigner_D(2, 0.1, 0.7, -0.4)
    fixed = {"l": 2, "alpha": 0.1, "beta": 0.7, "gamma": -0.4}
    assert verify("wigner_d", d, layout="mp,m", fixed=fixed).passed
    assert verify("wigner_d", d.T, layout="mp,m", fixed=fixed).detected == "layout m,mp"
