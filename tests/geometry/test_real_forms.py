"""Real forms of the harmonics: sympy's (real_gaunt) and e3nn's (y-polar) against the standard form."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathref.errors import InvalidArgumentError
from mathref.geometry import convert_real_basis, real_basis_matrix, sph_harm, sph_harm_all
from mathref.geometry.real_forms import REAL_BASES

RNG = np.random.default_rng(20261123)


def test_sympy_real_form_matches_real_gaunt_u_matrix():
    # sympy.physics.wigner.real_gaunt uses Z = √2 Re/Im of the CS harmonic: Z_{1,1} = -sqrt(3/4π) x
    th, ph = 0.9, 2.1
    for l in range(5):
        Z = convert_real_basis(sph_harm_all(l, [th, ph]), target="sympy")[l * l :]
        for m in range(-l, l + 1):
            c = sph_harm(l, abs(m), th, ph)
            want = c.real if m == 0 else math.sqrt(2) * (c.real if m > 0 else c.imag)
            assert abs(Z[l + m] - want) < 1e-14
    # sympy's Znm agrees for m > 0 (it differs in sign for even m < 0; see docs/conventions.md)
    theta, phi = sympy.symbols("theta phi", real=True)
    for l, m in [(1, 1), (2, 1), (2, 2), (3, 3)]:
        z = complex(sympy.Znm(l, m, theta, phi).expand(func=True).subs({theta: th, phi: ph}).evalf(30))
        assert abs(convert_real_basis(sph_harm_all(l, [th, ph]), target="sympy")[l * l + l + m] - z.real) < 1e-14


def test_e3nn_form_facts_and_round_trip():
    v = np.array([0.36, -0.48, 0.8])
    Ye = convert_real_basis(sph_harm_all(4, v), target="e3nn")
    assert np.allclose(Ye[1:4], math.sqrt(3 / (4 * math.pi)) * v, atol=1e-15)
    # Y^e3nn(x, y, z) = Y^std(z, x, y)
    assert np.allclose(Ye, sph_harm_all(4, v[[2, 0, 1]]), atol=1e-14)
    x = RNG.normal(size=(3, 25))
    for a in ("standard", "sympy", "e3nn"):
        for b in ("standard", "sympy", "e3nn"):
            back = convert_real_basis(convert_real_basis(x, source=a, target=b), source=b, target=a)
            assert np.allclose(back, x, atol=1e-14)
    for l in range(5):
        P = real_basis_matrix(l, "e3nn")
        assert np.allclose(P @ P.T, np.eye(2 * l + 1), atol=1e-14)


def test_e3nn_spherical_harmonics_if_installed():
    torch = pytest.importorskip("torch")
    o3 = pytest.importorskip("e3nn.o3")
    v = RNG.normal(size=(20, 3))
    ref = o3.spherical_harmonics(list(range(7)), torch.tensor(v), normalize=True, normalization="component")
    ours = convert_real_basis(sph_harm_all(6, v, normalization="component"), target="e3nn")
    assert np.allclose(ours, ref.double().numpy(), atol=1e-12)



def test_sympy_form_is_a_sign_per_order():
    for l in range(5):
        P = real_basis_matrix(l, "sympy")
        assert np.array_equal(P, np.diag([(-1.0) ** m if m else 1.0 for m in range(-l, l + 1)]))
        assert np.array_equal(real_basis_matrix(l, "standard"), np.eye(2 * l + 1))


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="not \\(lmax\\+1\\)"):
        convert_real_basis(np.ones(5))
    with pytest.raises(InvalidArgumentError, match="source="):
        convert_real_basis(np.ones(4), source="weird")
    with pytest.raises(InvalidArgumentError, match="target="):
        convert_real_basis(np.ones(4), target="weird")
    with pytest.raises(InvalidArgumentError, match="basis="):
        real_basis_matrix(1, "complex")
    assert REAL_BASES == ("standard", "sympy", "e3nn")
