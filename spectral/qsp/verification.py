"""Independent check of QSP phases against a target: direct SU(2) products on a Chebyshev grid.

Float.  Nothing here depends on how the phases were found: the response is
evaluated point by point (no interpolation) and compared with the target's
Clenshaw values; unitarity of the products is checked on a subsample.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from mathref.display import html_table
from mathref.errors import InvalidArgumentError, SizeLimitError
from mathref.validation import check_fields

from ._inputs import as_nonneg_int
from .conventions import as_phases, check_convention, readout_part
from .polynomials import target_coefficients
from .response import qsp_response, qsp_unitary

__all__ = ["QSPVerification", "verify"]


@dataclass(frozen=True)
class QSPVerification:
    """Result of :func:`verify`.

    Attributes
    ----------
    max_error : float
        ``max |readout(x) - P(x)|`` over the grid.
    argmax : float
        Where it is attained.
    points : int
        Grid size.
    max_unitarity_defect : float
        ``max ||U^dagger U - I||`` over a subsample of the grid.
    convention : str
    elapsed : float
    """

    max_error: float
    argmax: float
    points: int
    max_unitarity_defect: float
    convention: str
    elapsed: float

    def _repr_html_(self) -> str:
        rows = [("max error", f"{self.max_error:.3g}"), ("at x", f"{self.argmax:.6g}"), ("points", self.points),
                ("max unitarity defect", f"{self.max_unitarity_defect:.3g}"), ("convention", self.convention),
                ("seconds", f"{self.elapsed:.3g}")]
        return html_table(["", "value"], rows, caption="QSP verification")

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


def verify(phases: ArrayLike, target: ArrayLike | object, *, convention: str = "Wx",
           points: int | None = None) -> QSPVerification:
    """Check phases against a target on a Chebyshev grid by direct SU(2) products.

    Independent of the solver: the response is evaluated point by point (no
    interpolation) at ``points`` Chebyshev points of the first kind (default
    ``4(d + 1)``, at least 64) and compared with the target's Clenshaw values.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.spectral import qsp_phases
    >>> c = np.array([0.0, 0.6])
    >>> v = verify(qsp_phases(c).phases, c)
    >>> v.max_error < 1e-14, v.max_unitarity_defect < 1e-14
    (True, True)
    """
    convention = check_convention(convention)
    t0 = time.perf_counter()
    coef = target_coefficients(target)
    ph = as_phases(phases)
    d = ph.size if convention == "reflection" else ph.size - 1
    n = as_nonneg_int(points, "points") if points is not None else max(64, 4 * (d + 1))
    if n < 1:
        raise InvalidArgumentError(f"points={points!r} must be >= 1")
    if n > 1 << 24:
        raise SizeLimitError(f"points={points!r} is above the limit 2^24 of the check grid", argument="points",
                             estimate=f"{16 * n:.1e} bytes per array")
    theta = (np.arange(n) + 0.5) * np.pi / n
    x = np.cos(theta)
    resp = qsp_response(ph, x, convention=convention)
    read = resp.imag if readout_part(convention) == "im" else resp.real
    err = np.abs(read - np.polynomial.chebyshev.chebval(x, coef))
    sub = x[:: max(1, n // 64)]
    U = qsp_unitary(ph, sub, convention=convention)
    defect = np.abs(np.einsum("nji,njk->nik", U.conj(), U) - np.eye(2)).max()
    i = int(np.argmax(err))
    return QSPVerification(float(err[i]), float(x[i]), n, float(defect), convention, time.perf_counter() - t0)
