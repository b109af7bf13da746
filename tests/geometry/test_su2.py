"""SU(2) generators: commutation relations for every spin, e3nn's layout (port of e3nn's test_su2_algebra),
exact values, and the link to the Wigner D matrices (D = exp(-iαJz) exp(-iβJy) exp(-iγJz))."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import sympy

from mathref.geometry import e3nn_su2_generators, su2_generators, su2_generators_exact, wigner_D, wigner_small_d

SPINS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 7.5, 20]


def comm(a, b):
    return a @ b - b @ a


@pytest.mark.parametrize("j", SPINS)
def test_commutation_relations_and_casimir(j):
    J = su2_generators(j)
    n = int(2 * j) + 1
    assert J.jx.shape == (n, n)
    tol = 1e-12 * max(1, j)
    assert np.allclose(comm(J.jx, J.jy), 1j * J.jz, atol=tol)
    assert np.allclose(comm(J.jy, J.jz), 1j * J.jx, atol=tol)
    assert np.allclose(comm(J.jz, J.jx), 1j * J.jy, atol=tol)
    assert np.allclose(comm(J.jz, J.jplus), J.jplus, atol=tol)
    assert np.allclose(comm(J.jz, J.jminus), -J.jminus, atol=tol)
    assert np.allclose(comm(J.jplus, J.jminus), 2 * J.jz, atol=tol)
    casimir = J.jx @ J.jx + J.jy @ J.jy + J.jz @ J.jz
    assert np.allclose(casimir, j * (j + 1) * np.eye(n), atol=tol * j)
    for M in (J.jx, J.jy, J.jz):
        assert np.allclose(M, M.conj().T)
    assert np.allclose(J.jplus, J.jx + 1j * J.jy) and np.allclose(J.jminus, J.jx - 1j * J.jy)


# e3nn tests/o3/wigner_test.py::test_su2_algebra (e3nn 0.5.x): X = su2_generators(j) for j in
# {0, 1/2, 1, 3/2, 2, 5/2} satisfies [X0, X1] = X2 and [X1, X2] = X0; here e3nn_su2_generators builds
# e3nn's triple (-iJy, iJz, iJx) from ours (e3nn/torch are not installed; the facts are ported).
@pytest.mark.parametrize("j", [0, 1 / 2, 1, 3 / 2, 2, 5 / 2])
def test_e3nn_su2_algebra(j):
    X = e3nn_su2_generators(j)
    assert np.allclose(comm(X[0], X[1]), X[2], atol=1e-12)
    assert np.allclose(comm(X[1], X[2]), X[0], atol=1e-12)
    # e3nn's third relation, implied by the two and stated for completeness
    assert np.allclose(comm(X[2], X[0]), X[1], atol=1e-12)


@pytest.mark.parametrize("j", [0.5, 1, 1.5, 3, 4.5, 10])
def test_exponentials_are_the_wigner_matrices(j):
    J = su2_generators(j)
    for alpha, beta, gamma in [(0.3, 1.1, -0.4), (2.0, 2.9, 1.0), (0.0, 0.0, 0.7)]:
        D = scipy.linalg.expm(-1j * alpha * J.jz) @ scipy.linalg.expm(-1j * beta * J.jy) @ scipy.linalg.expm(
            -1j * gamma * J.jz)
        assert np.allclose(D, wigner_D(j, alpha, beta, gamma), atol=1e-12)
        assert np.allclose(scipy.linalg.expm(-1j * beta * J.jy).real, wigner_small_d(j, beta), atol=1e-12)


@pytest.mark.parametrize("j", [sympy.S(1) / 2, 1, sympy.S(3) / 2, 2])
def test_exact_generators(j):
    J = su2_generators_exact(j)
    assert sympy.simplify(J.jx * J.jy - J.jy * J.jx - sympy.I * J.jz).is_zero_matrix
    n = int(2 * j) + 1
    assert sympy.simplify(J.jx**2 + J.jy**2 + J.jz**2 - j * (j + 1) * sympy.eye(n)).is_zero_matrix
    F = su2_generators(j)
    for exact, flt in zip(J, F):
        assert np.allclose(np.array(exact.evalf(30), dtype=complex), flt, atol=1e-15)


def test_sympy_quantum_spin_matrix_elements():
    # sympy.physics.quantum.spin: <j m'|J_+|j m> = hbar sqrt(j(j+1) - m(m+1)) δ_{m', m+1} (hbar = 1 here)
    from sympy.physics.quantum.constants import hbar
    from sympy.physics.quantum.spin import Jplus, Jz

    j = sympy.S(3) / 2
    J = su2_generators_exact(j)
    for a in range(4):
        for b in range(4):
            mp, m = sympy.Rational(2 * a - 3, 2), sympy.Rational(2 * b - 3, 2)
            assert J.jplus[a, b] == Jplus.matrix_element(j, mp, j, m).subs(hbar, 1)
            assert J.jz[a, b] == Jz.matrix_element(j, mp, j, m).subs(hbar, 1)


def test_bad_input():
    with pytest.raises(ValueError, match="half-integer"):
        su2_generators(0.3)
    with pytest.raises(ValueError, match="j="):
        su2_generators(-1)
    with pytest.raises(ValueError, match="GB"):
        su2_generators(10**6)
    with pytest.raises(TypeError):
        su2_generators(None)
