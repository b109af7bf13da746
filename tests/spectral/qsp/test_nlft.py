"""Weiss' algorithm: the outer complementary polynomial of the NLFT method."""

from __future__ import annotations

import numpy as np

from mathref.spectral.qsp.nlft import _b_coefficients, _weiss_alpha


def test_weiss_gives_complementary_outer_polynomial():
    c = np.array([0.0, 0.4, 0.0, 0.3])
    beta = _b_coefficients(c)
    alpha, _ = _weiss_alpha(beta)
    z = np.exp(1j * np.linspace(0, 2 * np.pi, 50))
    a = np.polyval(alpha[::-1], z)
    b = np.polyval(beta[::-1], z)
    assert np.allclose(np.abs(a) ** 2 + np.abs(b) ** 2, 1.0, atol=1e-14)
    assert np.all(np.abs(np.roots(alpha[::-1])) > 1.0)  # a* has no zeros in the disk
