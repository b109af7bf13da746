"""Rotation conversions: round trips, agreement with scipy / quaternionic / e3nn conventions, edge angles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathref.geometry import (
    EULER_CONVENTIONS,
    axis_angle_from_quaternion,
    euler_from_matrix,
    euler_from_quaternion,
    matrix_from_euler,
    matrix_from_quaternion,
    quaternion_from_axis_angle,
    quaternion_from_euler,
    quaternion_from_matrix,
    rotation_matrix,
)
from mathref.geometry.strategies import euler_angle_triples

RNG = np.random.default_rng(20261202)


def _rx(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _ry(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rz(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


AXES = {"x": _rx, "y": _ry, "z": _rz}


def _same_rotation(q1, q2, atol=1e-12):
    return np.allclose(q1, q2, atol=atol) or np.allclose(q1, -q2, atol=atol)


@pytest.mark.parametrize("convention", EULER_CONVENTIONS)
def test_euler_matrix_is_the_written_product(convention):
    a, b, c = AXES[convention[0]], AXES[convention[1]], AXES[convention[2]]
    for alpha, beta, gamma in RNG.uniform(-3, 3, size=(10, 3)):
        expected = a(alpha) @ b(beta) @ c(gamma)
        assert np.allclose(matrix_from_euler(alpha, beta, gamma, convention=convention), expected, atol=1e-14)


@pytest.mark.parametrize("convention", EULER_CONVENTIONS)
def test_euler_round_trip_every_convention(convention):
    angles = RNG.uniform([-np.pi, 0, -np.pi], [np.pi, np.pi, np.pi], size=(50, 3))
    R = matrix_from_euler(*angles.T, convention=convention)
    back = np.stack(euler_from_matrix(R, convention=convention), -1)
    assert np.allclose(matrix_from_euler(*back.T, convention=convention), R, atol=1e-12)
    assert np.allclose(back, angles, atol=1e-10)


def test_euler_edge_betas_put_the_freedom_into_alpha():
    for beta in (0.0, np.pi):
        q = quaternion_from_euler(0.4, beta, 0.3)
        a, b, g = euler_from_quaternion(q)
        assert g == 0.0 and abs(b - beta) < 1e-15
        assert np.allclose(matrix_from_euler(a, b, g), matrix_from_euler(0.4, beta, 0.3), atol=1e-14)
    # near the poles the half-angle atan2's keep β accurate (no arccos of a rounded cosine)
    a, b, g = euler_from_quaternion(quaternion_from_euler(0.2, 1e-9, 0.1))
    assert abs(b - 1e-9) < 1e-22 and abs(a - 0.2) < 1e-6 and abs(g - 0.1) < 1e-6


@given(euler_angle_triples())
def test_rotation_matrix_is_zyz(angles):
    assert np.allclose(rotation_matrix(*angles), matrix_from_euler(*angles), atol=1e-14)


def test_quaternion_matrix_round_trip_and_action():
    q = RNG.normal(size=(200, 4))
    q /= np.linalg.norm(q, axis=-1, keepdims=True)
    R = matrix_from_quaternion(q)
    assert np.allclose(np.einsum("nij,nkj->nik", R, R), np.eye(3), atol=1e-14)
    assert np.allclose(np.linalg.det(R), 1.0)
    back = quaternion_from_matrix(R)
    assert all(_same_rotation(a, b) for a, b in zip(back, q)) and np.all(back[:, 0] >= 0)
    # v ↦ q v q̄ with the Hamilton product
    v = RNG.normal(size=3)
    w, x, y, z = q[0]
    u = np.array([x, y, z])
    rotated = v + 2 * w * np.cross(u, v) + 2 * np.cross(u, np.cross(u, v))
    assert np.allclose(R[0] @ v, rotated)
    # the diagonal-dominated branches of Shepperd's method: rotations by π about each axis
    for axis in np.eye(3):
        assert _same_rotation(quaternion_from_matrix(matrix_from_quaternion(np.r_[0.0, axis])), np.r_[0.0, axis])


def test_axis_angle():
    axis = RNG.normal(size=(20, 3))
    angle = RNG.uniform(0, np.pi, 20)
    q = quaternion_from_axis_angle(axis, angle)
    a2, t2 = axis_angle_from_quaternion(q)
    assert np.allclose(t2, angle) and np.allclose(a2, axis / np.linalg.norm(axis, axis=-1, keepdims=True))
    ident_axis, ident_angle = axis_angle_from_quaternion([1.0, 0, 0, 0])
    assert np.allclose(ident_axis, [0, 0, 1]) and ident_angle == 0.0
    # Rodrigues: R = I + sin θ K + (1 − cos θ) K²
    n, t = np.array([0.0, 0.6, 0.8]), 1.1
    K = np.array([[0, -n[2], n[1]], [n[2], 0, -n[0]], [-n[1], n[0], 0]])
    assert np.allclose(matrix_from_quaternion(quaternion_from_axis_angle(n, t)),
                       np.eye(3) + np.sin(t) * K + (1 - np.cos(t)) * K @ K)


def test_against_scipy_rotation():
    from scipy.spatial.transform import Rotation

    angles = RNG.uniform(-3, 3, size=(20, 3))
    # scipy's upper-case sequence is intrinsic: "ZYZ" = R_z(α) R_y(β) R_z(γ), the same product as ours
    ref = Rotation.from_euler("ZYZ", angles)
    assert np.allclose(matrix_from_euler(*angles.T), ref.as_matrix(), atol=1e-14)
    q = quaternion_from_euler(*angles.T)
    sq = ref.as_quat()  # scalar last
    assert all(_same_rotation(a, np.r_[b[3], b[:3]]) for a, b in zip(q, sq))


def test_against_quaternionic():
    quaternionic = pytest.importorskip("quaternionic")
    angles = RNG.uniform(-3, 3, size=(20, 3))
    ref = quaternionic.array.from_euler_angles(angles)
    assert np.allclose(quaternion_from_euler(*angles.T), np.asarray(ref), atol=1e-14)
    assert np.allclose(matrix_from_quaternion(np.asarray(ref)), ref.to_rotation_matrix, atol=1e-14)
    back = np.stack(euler_from_quaternion(np.asarray(ref)), -1)
    assert np.allclose(matrix_from_euler(*back.T), ref.to_rotation_matrix, atol=1e-12)


def test_e3nn_convention_facts():
    # e3nn's angles_to_matrix(α, β, γ) = R_y(α) R_x(β) R_y(γ) (e3nn o3/_rotation.py); its y axis is the polar one
    alpha, beta, gamma = 0.3, 1.2, -0.7
    assert np.allclose(matrix_from_euler(alpha, beta, gamma, convention="yxy"), _ry(alpha) @ _rx(beta) @ _ry(gamma))
    # the same rotation in both conventions: yxy angles of R are the zyz angles of P^T R P, P the cyclic (z→y, y→x)
    P = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=float)
    R = matrix_from_euler(alpha, beta, gamma, convention="yxy")
    assert np.allclose(euler_from_matrix(P.T @ R @ P), [alpha, beta, gamma])


def test_bad_input():
    with pytest.raises(ValueError, match="convention"):
        matrix_from_euler(0, 0, 0, convention="xyz")
    with pytest.raises(ValueError, match="zero quaternion"):
        matrix_from_quaternion([0, 0, 0, 0])
    with pytest.raises(ValueError, match="last dimension 4"):
        matrix_from_quaternion([1, 0, 0])
    with pytest.raises(ValueError, match="proper rotation"):
        quaternion_from_matrix(-np.eye(3))
    with pytest.raises(ValueError, match="NaN"):
        quaternion_from_euler(np.nan, 0, 0)
    with pytest.raises(ValueError, match="zero vector"):
        quaternion_from_axis_angle([0, 0, 0], 1.0)
    with pytest.raises(ValueError, match="broadcast"):
        quaternion_from_euler([1, 2], [1, 2, 3], 0)


@given(st.floats(-10, 10), st.floats(0, np.pi), st.floats(-10, 10))
def test_quaternion_euler_round_trip(a, b, g):
    q = quaternion_from_euler(a, b, g)
    assert np.allclose(matrix_from_quaternion(quaternion_from_euler(*euler_from_quaternion(q))),
                       matrix_from_quaternion(q), atol=1e-12)
