"""Quantum singular value transformation on small dense matrices (numpy, for checking).

Float: products of dense unitaries, accurate to about ``d * n * 1e-16`` for degree d
and size n.  Meant for tests, notebooks and teaching, not for large matrices.
"""

from __future__ import annotations

import numpy as np

from mathref.errors import InvalidArgumentError

from .conventions import as_phases, check_convention, phases_from_wx, phases_to_wx
from .response import qsp_response

__all__ = ["unitary_dilation", "qsvt_apply", "singular_value_transform"]


def _as_contraction(A) -> np.ndarray:
    try:
        M = np.array(A, dtype=np.complex128)
    except (TypeError, ValueError):
        raise TypeError("A must be a numeric matrix") from None
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.size == 0:
        raise InvalidArgumentError(f"A must be a non-empty square matrix, got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise InvalidArgumentError("A contains NaN or infinite values")
    if np.linalg.norm(M, 2) > 1 + 1e-12:
        raise InvalidArgumentError(f"A must have operator norm <= 1 to be block-encoded, got {np.linalg.norm(M, 2)!r}")
    return M


def unitary_dilation(A) -> np.ndarray:
    """The unitary ``[[A, sqrt(I - A A^H)], [sqrt(I - A^H A), -A^H]]`` block-encoding A.

    Examples
    --------
    >>> import numpy as np
    >>> U = unitary_dilation(np.array([[0.5, 0.1], [0.0, -0.3]]))
    >>> np.allclose(U @ U.conj().T, np.eye(4))
    True
    """
    M = _as_contraction(A)
    W, s, Vh = np.linalg.svd(M)
    s = np.minimum(s, 1.0)
    c = np.sqrt((1.0 - s) * (1.0 + s))
    left = (W * c) @ W.conj().T
    right = (Vh.conj().T * c) @ Vh
    return np.block([[M, left], [right, -M.conj().T]])


def qsvt_apply(phases, A, *, convention: str = "Wx") -> np.ndarray:
    """The top-left block of the QSVT circuit built from ``phases`` and the dilation of A.

    With reflection-convention phases psi_1..psi_d the circuit is
    ``e^{i psi_1 (2 Pi - I)} U e^{i psi_2 (2 Pi - I)} U^H ...`` (U and U^H alternate,
    Gilyén et al. 2019, Def. 15), and its block equals ``P^{(SV)}(A)``: ``W P(Sigma) V^H``
    for odd d, ``V P(Sigma) V^H`` for even d, where P is the complex response
    :func:`spectral.qsp.qsp_response` of the same phases.  Phases in other conventions are
    converted first.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.spectral import qsp_phases
    >>> A = np.array([[0.5, 0.2], [0.1, -0.4]])
    >>> phi = qsp_phases(np.array([0.0, 0.8])).phases
    >>> np.allclose(qsvt_apply(phi, A).real, 0.8 * A)   # P(x) = 0.8 x: real part
    True
    """
    convention = check_convention(convention)
    ph = as_phases(phases)
    psi = ph if convention == "reflection" else phases_from_wx(phases_to_wx(ph, convention), "reflection")
    U = unitary_dilation(A)
    n = U.shape[0] // 2
    Uh = U.conj().T
    d = psi.size
    out = np.eye(2 * n, dtype=np.complex128)
    proj = np.concatenate([np.ones(n), -np.ones(n)])
    for k in range(d):
        out = out * np.exp(1j * psi[k] * proj)[None, :]
        # the factor next to the right end is U; they alternate towards the left
        out = out @ (U if (d - 1 - k) % 2 == 0 else Uh)
    return out[:n, :n]


def singular_value_transform(phases, A, *, convention: str = "Wx") -> np.ndarray:
    """``P^{(SV)}(A)`` computed from an SVD and the scalar response (the reference for :func:`qsvt_apply`).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[0.5, 0.2], [0.1, -0.4]])
    >>> phi = [0.3, -0.2, 0.1, 0.4]
    >>> np.allclose(singular_value_transform(phi, A), qsvt_apply(phi, A))
    True
    """
    convention = check_convention(convention)
    ph = as_phases(phases)
    M = _as_contraction(A)
    W, s, Vh = np.linalg.svd(M)
    p = qsp_response(ph, np.minimum(s, 1.0), convention=convention)
    d = ph.size if convention == "reflection" else ph.size - 1
    if d % 2:
        return (W * p) @ Vh
    return (Vh.conj().T * p) @ Vh
