"""Gaunt tensor products: three methods agree, references (sympy, algebra, fourier_basis, e3nn), laws, paths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import real_gaunt_tensor, wigner_3j
from mathref.geometry import (
    clebsch_gordan_tensor_product,
    convert_real_basis,
    fourier_to_sh,
    full_tensor_product_paths,
    gaunt_tensor_product,
    gauss_legendre_grid,
    real_basis_matrix,
    real_coupling_tensor,
    real_gaunt_tensor_quadrature,
    rotate_real_sh,
    sh_to_fourier,
    sph_harm_all,
    tensor_product_paths,
)
from mathref.geometry.strategies import band_limits, euler_angle_triples, sh_feature_arrays

METHODS = ("dense", "fourier", "grid")


def _rel(a, b):
    return float(np.abs(a - b).max()) / max(float(np.abs(b).max()), 1e-300)


# ------------------------------------------------------------ method agreement
@settings(max_examples=30)
@given(band_limits(max_value=7), band_limits(max_value=7), band_limits(max_value=9), st.integers(1, 3),
       st.integers(0, 2**32 - 1))
def test_three_methods_agree(L1, L2, Lout, batch, seed):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=(batch, (L1 + 1) ** 2)), rng.normal(size=(batch, (L2 + 1) ** 2))
    ref = gaunt_tensor_product(x1, x2, Lout, method="dense")
    for m in ("fourier", "grid"):
        assert _rel(gaunt_tensor_product(x1, x2, Lout, method=m), ref) <= 1e-12


@pytest.mark.parametrize("L", [8, 12])
def test_methods_agree_to_1e13_at_benchmark_sizes(L):
    rng = np.random.default_rng(L)
    x1, x2 = rng.normal(size=(20, (L + 1) ** 2)), rng.normal(size=(20, (L + 1) ** 2))
    ref = gaunt_tensor_product(x1, x2, L, method="dense")
    for m in ("fourier", "grid"):
        assert _rel(gaunt_tensor_product(x1, x2, L, method=m), ref) <= 1e-13


def test_definition_by_brute_force_quadrature():
    # out_k = ∫ f1 f2 Y_k dΩ, evaluated by a dense point-by-harmonic quadrature
    rng = np.random.default_rng(1)
    L1, L2, Lo = 3, 2, 4
    x1, x2 = rng.normal(size=(2, 16)), rng.normal(size=(2, 9))
    g = gauss_legendre_grid(L1 + L2 + Lo)
    P = g.points
    f = np.einsum("ijn,bn->bij", sph_harm_all(L1, P), x1) * np.einsum("ijn,bn->bij", sph_harm_all(L2, P), x2)
    ref = np.einsum("bij,ij,ijk->bk", f, g.weights, sph_harm_all(Lo, P))
    for m in METHODS:
        assert np.allclose(gaunt_tensor_product(x1, x2, Lo, method=m), ref, atol=1e-13)


# --------------------------------------------------------------- references
def test_gaunt_tensor_equals_sympy_real_gaunt():
    from sympy.physics.wigner import real_gaunt  # sympy's real form; values equal in the standard form

    G = real_gaunt_tensor_quadrature(2, 2, 3)
    rng = np.random.default_rng(5)
    labels = [(1, 1, 2, -1, 1, -2), (2, 2, 2, 1, -1, -2), (2, 1, 3, -2, -1, 3), (1, 2, 1, 0, 0, 0),
              (2, 2, 0, 2, 2, 0), (1, 1, 1, 0, 0, 0), (2, 2, 2, -2, 2, 0)]
    for _ in range(10):
        l1, l2, l3 = rng.integers(0, 3), rng.integers(0, 3), rng.integers(0, 4)
        m1, m2, m3 = (int(rng.integers(-l, l + 1)) for l in (l1, l2, l3))
        labels.append((int(l1), int(l2), int(l3), m1, m2, m3))
    for l1, l2, l3, m1, m2, m3 in labels:
        want = float(real_gaunt(l1, l2, l3, m1, m2, m3))
        got = G[l1 * l1 + l1 + m1, l2 * l2 + l2 + m2, l3 * l3 + l3 + m3]
        assert abs(got - want) <= 1e-14 * max(1.0, abs(want))


def test_quadrature_tensor_equals_algebra_real_gaunt_tensor():
    for L1, L2, L3 in [(4, 4, 4), (8, 3, 6), (2, 9, 9)]:
        A = real_gaunt_tensor(L1, L2, L3)
        B = real_gaunt_tensor_quadrature(L1, L2, L3)
        assert np.abs(A - B).max() <= 1e-13 * np.abs(A).max()
        assert np.array_equal(A == 0, B == 0) or np.abs(B[A == 0]).max() < 1e-15


def test_fourier_route_equals_fourier_basis_module():
    from scipy.signal import fftconvolve

    rng = np.random.default_rng(2)
    x1, x2 = rng.normal(size=(3, 25)), rng.normal(size=(3, 9))
    F = np.stack([fftconvolve(a, b) for a, b in zip(sh_to_fourier(x1), sh_to_fourier(x2))])
    theirs = fourier_to_sh(F, 5).real
    assert np.allclose(gaunt_tensor_product(x1, x2, 5, method="fourier"), theirs, atol=1e-13)


def test_e3nn_wigner_3j_is_gaunt_over_c_and_full_product_layout():
    torch = pytest.importorskip("torch")
    o3 = pytest.importorskip("e3nn.o3")

    torch.set_default_dtype(torch.float64)
    for l1 in range(4):
        for l2 in range(4):
            for l in range(abs(l1 - l2), l1 + l2 + 1):
                P1, P2, P3 = (real_basis_matrix(k, "e3nn") for k in (l1, l2, l))
                w = o3.wigner_3j(l1, l2, l).double().numpy()
                W = np.einsum("ia,jb,kc,abc->ijk", P1, P2, P3, real_coupling_tensor(l1, l2, l))
                assert np.abs(w - W).max() < 1e-12
                if (l1 + l2 + l) % 2 == 0:
                    # the e3nn fact: w3j = real Gaunt (e3nn basis) / c, c > 0, no sign flips
                    blk = real_gaunt_tensor_quadrature(l1, l2, l)[
                        l1 * l1 : (l1 + 1) ** 2, l2 * l2 : (l2 + 1) ** 2, l * l : (l + 1) ** 2
                    ]
                    Ge = np.einsum("ia,jb,kc,abc->ijk", P1, P2, P3, blk)
                    c = math.sqrt((2 * l1 + 1) * (2 * l2 + 1) * (2 * l + 1) / (4 * math.pi)) * abs(
                        float(wigner_3j(l1, l2, l, 0, 0, 0))
                    )
                    assert np.abs(w - Ge / c).max() < 1e-12
    L = 3
    tp = o3.FullTensorProduct(o3.Irreps.spherical_harmonics(L), o3.Irreps.spherical_harmonics(L))
    rng = np.random.default_rng(4)
    x1, x2 = rng.normal(size=(5, 16)), rng.normal(size=(5, 16))
    ref = tp(torch.tensor(convert_real_basis(x1, target="e3nn")), torch.tensor(convert_real_basis(x2, target="e3nn")))
    ref = ref.numpy()
    ours = clebsch_gordan_tensor_product(x1, x2)
    pos = 0
    assert [ir.ir.l for ir in tp.irreps_out for _ in range(ir.mul)] == [l for *_, l in full_tensor_product_paths(L, L)]
    for _, _, l in full_tensor_product_paths(L, L):
        blk = ours[:, pos : pos + 2 * l + 1] @ real_basis_matrix(l, "e3nn").T
        assert np.allclose(blk, ref[:, pos : pos + 2 * l + 1], atol=1e-12)
        pos += 2 * l + 1


def test_gaunt_is_cg_restricted_to_even_paths_with_known_weights():

    rng = np.random.default_rng(7)
    L = 3
    x1, x2 = rng.normal(size=(4, 16)), rng.normal(size=(4, 16))
    cg = clebsch_gordan_tensor_product(x1, x2)
    want = np.zeros((4, (2 * L + 1) ** 2))
    pos = 0
    for l1, l2, l in full_tensor_product_paths(L, L):
        if (l1 + l2 + l) % 2 == 0:
            c = math.sqrt((2 * l1 + 1) * (2 * l2 + 1) * (2 * l + 1) / (4 * math.pi)) * abs(
                float(wigner_3j(l1, l2, l, 0, 0, 0))
            )
            want[:, l * l : (l + 1) ** 2] += c / math.sqrt(2 * l + 1) * cg[:, pos : pos + 2 * l + 1]
        pos += 2 * l + 1
    assert np.allclose(gaunt_tensor_product(x1, x2, 2 * L), want, atol=1e-13)


# ---------------------------------------------------------------------- laws
@settings(max_examples=25)
@given(sh_feature_arrays(max_lmax=5, batch=2), sh_feature_arrays(max_lmax=5, batch=2), band_limits(max_value=6),
       euler_angle_triples(), st.sampled_from(METHODS))
def test_equivariance(x1, x2, Lout, angles, method):
    # rotating both inputs by Wigner D rotates the output
    out = gaunt_tensor_product(x1, x2, Lout, method=method)
    rot = gaunt_tensor_product(rotate_real_sh(x1, *angles), rotate_real_sh(x2, *angles), Lout, method=method)
    assert np.allclose(rot, rotate_real_sh(out, *angles), atol=1e-11 * (1 + np.abs(out).max()))


@given(sh_feature_arrays(max_lmax=5, batch=2), sh_feature_arrays(max_lmax=5, batch=2), band_limits(max_value=6),
       st.sampled_from(METHODS))
def test_product_symmetry(x1, x2, Lout, method):
    a = gaunt_tensor_product(x1, x2, Lout, method=method)
    b = gaunt_tensor_product(x2, x1, Lout, method=method)
    assert np.allclose(a, b, atol=1e-12 * (1 + np.abs(a).max()))


@given(band_limits(max_value=4), band_limits(max_value=4), band_limits(max_value=5))
def test_gaunt_tensor_permutation_symmetry(L1, L2, L3):
    G = real_gaunt_tensor_quadrature(L1, L2, L3)
    H = real_gaunt_tensor_quadrature(L2, L1, L3)
    assert np.allclose(G, H.transpose(1, 0, 2), atol=1e-15)
    K = real_gaunt_tensor_quadrature(L3, L2, L1)
    assert np.allclose(G, K.transpose(2, 1, 0), atol=1e-15)


@given(band_limits(max_value=5), band_limits(max_value=5), band_limits(max_value=6))
def test_gaunt_sum_rule(l1, l2, l):
    # Σ_{m1,m2} G(l1 m1, l2 m2, l m)² = (2l1+1)(2l2+1)/(4π) (l1 l2 l; 0 0 0)², the same for every m

    G = real_gaunt_tensor_quadrature(l1, l2, l)[l1 * l1 : (l1 + 1) ** 2, l2 * l2 : (l2 + 1) ** 2, l * l :]
    want = (2 * l1 + 1) * (2 * l2 + 1) / (4 * math.pi) * float(wigner_3j(l1, l2, l, 0, 0, 0)) ** 2
    assert np.allclose((G**2).sum(axis=(0, 1)), want, atol=1e-14)


def test_scalar_input_scales_and_unit_is_identity():
    # Y_00 = 1/sqrt(4π): multiplying by the constant function sqrt(4π)·Y_00 = 1 is the identity (projected)
    rng = np.random.default_rng(9)
    x = rng.normal(size=(3, 25))
    one = np.zeros(1)
    one[0] = math.sqrt(4 * math.pi)
    for m in METHODS:
        assert np.allclose(gaunt_tensor_product(x, one, 4, method=m), x, atol=1e-13)
        assert np.allclose(gaunt_tensor_product(one, x, 2, method=m), x[:, :9], atol=1e-13)


# ------------------------------------------------------------------ paths
@given(band_limits(max_value=4), band_limits(max_value=4))
def test_paths_gaunt_even_only_cg_all(L1, L2):
    g = tensor_product_paths("gaunt", L1, L2)
    c = tensor_product_paths("cg", L1, L2)
    tri = [
        (a, b, l) for a in range(L1 + 1) for b in range(L2 + 1) for l in range(L1 + L2 + 1) if abs(a - b) <= l <= a + b
    ]
    assert c == tri
    assert g == [p for p in tri if sum(p) % 2 == 0]


def test_gaunt_cannot_form_cross_product_cg_can():
    a = np.array([0.0, 0.0, 0.0, 1.0])  # x̂ in (y, z, x) order
    b = np.array([0.0, 1.0, 0.0, 0.0])  # ŷ
    assert np.abs(gaunt_tensor_product(a, b, 2)[1:4]).max() < 1e-16
    paths = full_tensor_product_paths(1, 1)
    pos = sum(2 * l + 1 for p in paths[: paths.index((1, 1, 1))] for l in [p[2]])
    cross = clebsch_gordan_tensor_product(a, b)[pos : pos + 3]
    # x̂ × ŷ = ẑ, the middle (m = 0) entry in the standard real basis, up to the normalisation
    assert abs(cross[1]) > 0.5 and abs(cross[0]) < 1e-15 and abs(cross[2]) < 1e-15


# --------------------------------------------------------------- bad input
def test_bad_input():
    x = np.ones((2, 4))
    with pytest.raises(ValueError, match="method"):
        gaunt_tensor_product(x, x, 1, method="fft")
    with pytest.raises(ValueError, match="x1 has last dimension 5"):
        gaunt_tensor_product(np.ones(5), x, 1)
    with pytest.raises(ValueError, match="do not broadcast"):
        gaunt_tensor_product(np.ones((3, 4)), x, 1)
    with pytest.raises(ValueError, match="lmax_out"):
        gaunt_tensor_product(x, x, -1)
    with pytest.raises(ValueError, match="NaN"):
        gaunt_tensor_product(np.full(4, np.nan), x, 1)
    with pytest.raises(ValueError, match="product"):
        tensor_product_paths("tensor", 1, 1)
    assert gaunt_tensor_product(np.ones((0, 4)), np.ones((0, 9)), 2).shape == (0, 9)
    assert gaunt_tensor_product(np.ones(4), np.ones((3, 4)), 2).shape == (3, 9)
