"""The independent phase check: verify against a target by direct SU(2) products."""

from __future__ import annotations

import numpy as np
import pytest

from mathref.errors import InvalidArgumentError
from mathref.spectral import convert_phases, qsp_phases, verify
from mathref.spectral.qsp import CONVENTIONS


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_verify_accepts_solved_phases_in_every_convention(convention):
    c = np.array([0.0, 0.3, 0.0, 0.4])
    phases = qsp_phases(c, convention=convention).phases
    v = verify(phases, c, convention=convention)
    assert v.convention == convention and v.points == 64
    assert v.max_error < 1e-13 and v.max_unitarity_defect < 1e-13


def test_verify_finds_wrong_phases_and_where():
    c = np.array([0.0, 0.6])
    v = verify(np.zeros(2), c)  # T_1 instead of 0.6 T_1: error 0.4 |x|, largest at the ends
    assert abs(v.max_error - 0.4 * abs(v.argmax)) < 1e-14 and v.max_error > 0.39


def test_verify_zero_phases_are_chebyshev_T_in_the_reflection_convention():
    psi = convert_phases(np.zeros(6), "Wx", "reflection")
    c = np.zeros(6)
    c[5] = 1.0
    assert verify(psi, c, convention="reflection", points=100).max_error < 1e-13


def test_verify_rejects_bad_options():
    with pytest.raises(InvalidArgumentError, match="convention"):
        verify([0.0, 0.0], [0.0, 1.0], convention="Wy")
    with pytest.raises(InvalidArgumentError):
        verify([[0.0]], [0.0, 1.0])
