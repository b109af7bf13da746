"""Chebyshev interpolation, Tucker and Chebyshev-Tucker tensors, QSP/QSVT polynomials and phases."""

__all__: list[str] = []

# --- Chebyshev interpolation, Tucker, Chebyshev-Tucker (issue 4) ---
from . import cheb_tucker as _cheb_tucker, chebyshev as _chebyshev, potentials as _potentials, tucker as _tucker  # noqa: E402
from .cheb_tucker import *  # noqa: E402,F401,F403
from .chebyshev import *  # noqa: E402,F401,F403
from .potentials import *  # noqa: E402,F401,F403
from .tucker import *  # noqa: E402,F401,F403

__all__ += [*_chebyshev.__all__, *_tucker.__all__, *_cheb_tucker.__all__, *_potentials.__all__]

# --- QSP / QSVT polynomials and phases (issue 5) ---
from .qsp import (  # noqa: E402
    QSPPhases, QSPVerification, convert_phases, exact_qsp_phases, exact_qsp_unitary, qsp_phases, qsp_response,
    qsp_unitary, verify,
)
from .qsp_targets import (  # noqa: E402
    QSPTarget, amplitude_amplification_target, chebyshev_target, cos_target, degree_error_tradeoff, erf_target,
    exp_decay_target, exp_target, inverse_target, monomial_target, rectangle_target, sign_target, sin_target,
    threshold_target,
)
from .qsvt import qsvt_apply, singular_value_transform, unitary_dilation  # noqa: E402

__all__ += [
    "QSPPhases", "QSPVerification", "convert_phases", "exact_qsp_phases", "exact_qsp_unitary", "qsp_phases",
    "qsp_response", "qsp_unitary", "verify", "QSPTarget", "amplitude_amplification_target", "chebyshev_target",
    "cos_target", "degree_error_tradeoff", "erf_target", "exp_decay_target", "exp_target", "inverse_target",
    "monomial_target", "rectangle_target", "sign_target", "sin_target", "threshold_target", "qsvt_apply",
    "singular_value_transform", "unitary_dilation",
]
