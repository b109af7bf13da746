"""Quantum singular value transformation on small dense matrices (numpy, for checking).

Float: products of dense unitaries, accurate to about ``d * n * 1e-16`` for degree d
and size n.  Meant for tests, notebooks and teaching, not for large matrices.

Two entry points: from a matrix A (:func:`qsvt_apply` builds the unitary dilation first)
and from a block encoding, a unitary U whose top-left ``rows x cols`` block is A
(:func:`qsvt_circuit` returns the whole circuit unitary, :func:`block_encoded_transform`
its block ``P^{(SV)}(A)``).  U may be a dense matrix or a
:class:`scipy.sparse.linalg.LinearOperator` (``matvec`` applies U, ``rmatvec`` U^H), the
callable form of a block encoding; the circuit is then a LinearOperator too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from ._inputs import as_nonneg_int
from .conventions import as_phases, check_convention, phases_from_wx, phases_to_wx
from .response import qsp_response

if TYPE_CHECKING:
    from scipy.sparse.linalg import LinearOperator

__all__ = ["unitary_dilation", "qsvt_apply", "singular_value_transform", "qsvt_circuit",
           "block_encoded_transform"]

#: Largest dimension of a dense block encoding accepted (the circuit is built densely).
MAX_DENSE_DIMENSION = 4096


def _as_contraction(A) -> np.ndarray:
    try:
        M = np.array(A, dtype=np.complex128)
    except (TypeError, ValueError):
        raise InvalidTypeError("A must be a numeric matrix") from None
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.size == 0:
        raise InvalidArgumentError(f"A must be a non-empty square matrix, got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise InvalidArgumentError("A contains NaN or infinite values")
    if np.linalg.norm(M, 2) > 1 + 1e-12:
        raise InvalidArgumentError(f"A must have operator norm <= 1 to be block-encoded, got {np.linalg.norm(M, 2)!r}")
    return M


def unitary_dilation(A: ArrayLike) -> np.ndarray:
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


def qsvt_apply(phases: ArrayLike, A: ArrayLike, *, convention: str = "Wx") -> np.ndarray:
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


def singular_value_transform(phases: ArrayLike, A: ArrayLike, *, convention: str = "Wx") -> np.ndarray:
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


# ----------------------------------------------------------------------------- from a block encoding


def _reflection_phases(phases, convention: str) -> np.ndarray:
    convention = check_convention(convention)
    ph = as_phases(phases)
    return ph if convention == "reflection" else phases_from_wx(phases_to_wx(ph, convention), "reflection")


def _block_shape(N: int, rows, cols) -> tuple[int, int]:
    r = as_nonneg_int(rows, "rows")
    c = r if cols is None else as_nonneg_int(cols, "cols")
    if not (1 <= r <= N and 1 <= c <= N):
        raise InvalidArgumentError(f"rows={rows!r}, cols={cols!r} must lie in [1, {N}] (the size of U)")
    return r, c


def _as_encoding(U):
    """A dense unitary (checked to 1e-10) or a square LinearOperator; returns (kind, object, N)."""
    from scipy.sparse.linalg import LinearOperator

    if isinstance(U, LinearOperator):
        if len(U.shape) != 2 or U.shape[0] != U.shape[1] or U.shape[0] == 0:
            raise InvalidArgumentError(f"U must be a non-empty square operator, got shape {U.shape}")
        return "operator", U, int(U.shape[0])
    if isinstance(U, (str, bytes)) or U is None:
        raise InvalidTypeError(f"U={U!r} must be a unitary matrix or a scipy LinearOperator")
    try:
        M = np.array(U, dtype=np.complex128)
    except (TypeError, ValueError):
        raise InvalidTypeError("U must be a numeric matrix or a scipy LinearOperator") from None
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.size == 0:
        raise InvalidArgumentError(f"U must be a non-empty square matrix, got shape {M.shape}")
    if M.shape[0] > MAX_DENSE_DIMENSION:
        raise SizeLimitError(f"U has dimension {M.shape[0]}, above the dense limit {MAX_DENSE_DIMENSION}; "
                             "pass a LinearOperator", argument="U", estimate=f"{16 * M.shape[0] ** 2:.1e} bytes")
    if not np.all(np.isfinite(M)):
        raise InvalidArgumentError("U contains NaN or infinite values")
    dev = float(np.max(np.abs(M.conj().T @ M - np.eye(M.shape[0]))))
    if dev > 1e-10:
        raise InvalidArgumentError(f"U must be unitary (max |U^H U - I| = {dev:.2e} > 1e-10)")
    return "dense", M, M.shape[0]


def _circuit_ops(psi, rows: int, cols: int):
    """The circuit (Gilyen et al. 2019, Def. 15) as operations in the order they act (right factor first).

    Reading the product right to left: U, then ``e^{i psi_d (2 Pi~ - I)}``, then U^H, then
    ``e^{i psi_{d-1} (2 Pi - I)}``, ...; the phase after U acts on the row projector
    ``Pi~`` (the first ``rows`` coordinates), the phase after U^H on the column projector
    ``Pi`` (the first ``cols``).
    """
    ops = []
    d = psi.size
    for j in range(d):
        k = d - 1 - j
        if j % 2 == 0:
            ops += [("U", None), ("phase", (float(psi[k]), rows))]
        else:
            ops += [("Uh", None), ("phase", (float(psi[k]), cols))]
    return ops


def _adjoint_ops(ops):
    swap = {"U": "Uh", "Uh": "U"}
    return [(swap[k], None) if k in swap else (k, (-a[0], a[1])) for k, a in reversed(ops)]


def _run_ops(ops, apply_u, apply_uh, N, V):
    out = np.array(V, dtype=np.complex128)
    idx = np.arange(N)
    for kind, arg in ops:
        if kind == "U":
            out = apply_u(out)
        elif kind == "Uh":
            out = apply_uh(out)
        else:
            angle, m = arg
            out = np.exp(1j * angle * np.where(idx < m, 1.0, -1.0))[:, None] * out
    return out


def _appliers(kind, obj):
    if kind == "dense":
        Uh = obj.conj().T
        return (lambda V: obj @ V), (lambda V: Uh @ V)
    return (lambda V: np.asarray(obj.matmat(V))), (lambda V: np.asarray(obj.rmatmat(V)))


def qsvt_circuit(phases: ArrayLike, U: ArrayLike | Callable, *, rows: int, cols: int | None = None,
                 convention: str = "Wx") -> np.ndarray | LinearOperator:
    """The QSVT circuit unitary ``U_Phi`` built from ``phases`` and a block encoding U of A = ``U[:rows, :cols]``.

    For odd degree d, ``U_Phi = e^{i psi_1 (2 Pi~ - I)} U e^{i psi_2 (2 Pi - I)} U^H ... U`` and its
    block ``U_Phi[:rows, :cols]`` is ``P^{(SV)}(A) = W P(Sigma) V^H``; for even d the
    product starts with ``e^{i psi_1 (2 Pi - I)} U^H`` and ``U_Phi[:cols, :cols] = V P(Sigma) V^H``
    (Gilyén, Su, Low, Wiebe 2019, Def. 15 and Thm 17), where ``A = W Sigma V^H``, ``Pi~`` and ``Pi``
    project on the first ``rows`` and ``cols`` coordinates, psi are the reflection-convention
    phases (others are converted) and P is :func:`spectral.qsp.qsp_response` of the same phases.

    Parameters
    ----------
    phases : array_like
    U : (N, N) unitary array or scipy.sparse.linalg.LinearOperator
        A LinearOperator is applied through ``matmat`` (U) and ``rmatmat`` (U^H) and the
        result is a LinearOperator (nothing dense of size N x N is formed).
    rows, cols : int
        The encoded block is ``U[:rows, :cols]`` (``cols`` defaults to ``rows``).
    convention : str

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.spectral.qsp import qsp_phases, unitary_dilation
    >>> A = np.array([[0.5, 0.2], [0.1, -0.4]])
    >>> phi = qsp_phases(np.array([0.0, 0.8])).phases
    >>> C = qsvt_circuit(phi, unitary_dilation(A), rows=2)
    >>> np.allclose(C[:2, :2].real, 0.8 * A), np.allclose(C @ C.conj().T, np.eye(4))
    (True, True)
    """
    psi = _reflection_phases(phases, convention)
    kind, obj, N = _as_encoding(U)
    r, c = _block_shape(N, rows, cols)
    apply_u, apply_uh = _appliers(kind, obj)
    ops = _circuit_ops(psi, r, c)
    if kind == "dense":
        return _run_ops(ops, apply_u, apply_uh, N, np.eye(N))
    from scipy.sparse.linalg import LinearOperator

    adjoint = _adjoint_ops(ops)

    def matmat(V):
        return _run_ops(ops, apply_u, apply_uh, N, np.asarray(V, dtype=np.complex128).reshape(N, -1))

    def rmatmat(V):
        # U_Phi^H: the factors in reverse order, each conjugated
        return _run_ops(adjoint, apply_u, apply_uh, N, np.asarray(V, dtype=np.complex128).reshape(N, -1))

    return LinearOperator((N, N), matvec=lambda v: matmat(v).ravel(), rmatvec=lambda v: rmatmat(v).ravel(),
                          matmat=matmat, rmatmat=rmatmat, dtype=np.complex128)


def block_encoded_transform(phases: ArrayLike, U: ArrayLike | Callable, *, rows: int, cols: int | None = None,
                            convention: str = "Wx") -> np.ndarray:
    """``P^{(SV)}(A)`` read off the QSVT circuit of a block encoding U of ``A = U[:rows, :cols]``.

    The ``rows x cols`` block of :func:`qsvt_circuit` for odd degree, the ``cols x cols``
    block for even degree; for a LinearOperator U only those columns are computed.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.spectral.qsp import unitary_dilation
    >>> A = np.array([[0.5, 0.2], [0.1, -0.4]])
    >>> phi = [0.3, -0.2, 0.1, 0.4]
    >>> np.allclose(block_encoded_transform(phi, unitary_dilation(A), rows=2), singular_value_transform(phi, A))
    True
    """
    psi = _reflection_phases(phases, convention)
    kind, obj, N = _as_encoding(U)
    r, c = _block_shape(N, rows, cols)
    apply_u, apply_uh = _appliers(kind, obj)
    E = np.eye(N, c, dtype=np.complex128)
    out = _run_ops(_circuit_ops(psi, r, c), apply_u, apply_uh, N, E)
    return out[:r, :] if psi.size % 2 else out[:c, :]
