"""Quantum signal processing and QSVT: target polynomials, phase conventions, phase factors, checks.

Layers, each importing only those above it in this list:

* :mod:`~spectral.qsp.polynomials` -- real Chebyshev series as targets (parity, sup-norm estimate);
* :mod:`~spectral.qsp.targets` -- target builders (Jacobi-Anger, 1/x, sign, windows, erf, ...);
* :mod:`~spectral.qsp.conventions` -- Wx, reflection, symmetric and Wz phases and their conversions;
* :mod:`~spectral.qsp.response` -- the SU(2) products ``<0|U(x)|0>`` and ``U(x)``;
* :mod:`~spectral.qsp.certificates` -- double-double Chebyshev series and proved bounds (below targets);
* :mod:`~spectral.qsp.nlft` -- Weiss' algorithm and the inverse nonlinear Fourier transform;
* :mod:`~spectral.qsp.completion` -- phases by completion for |P| = 1, complex and Laurent targets;
* :mod:`~spectral.qsp.solvers` -- :func:`qsp_phases` (NLFT, Newton, fixed-point iteration);
* :mod:`~spectral.qsp.verification` -- an independent check of phases against a target;
* :mod:`~spectral.qsp.exact` -- exact phases and products (sympy);
* :mod:`~spectral.qsp.minimax` -- minimax (Remez) targets with proved errors;
* :mod:`~spectral.qsp.qsvt` -- QSVT on small dense matrices and block encodings.

The compiled loops are in :mod:`spectral.qsp._qsp_kernels`.
"""

from .completion import completion_phases
from .conventions import CONVENTIONS, convert_phases, full_phases, reduced_phases
from .exact import exact_qsp_phases, exact_qsp_unitary
from .minimax import MINIMAX_KINDS, minimax_target, remez_parity
from .qsvt import block_encoded_transform, qsvt_apply, qsvt_circuit, singular_value_transform, unitary_dilation
from .response import qsp_response, qsp_unitary
from .solvers import METHODS, QSPPhases, complex_qsp_phases, qsp_phases
from .targets import (
    QSPTarget,
    amplitude_amplification_target,
    chebyshev_target,
    cos_target,
    degree_error_tradeoff,
    erf_target,
    exp_decay_target,
    exp_target,
    inverse_target,
    monomial_target,
    rectangle_target,
    sign_target,
    sin_target,
    threshold_target,
)
from .verification import QSPVerification, verify

__all__ = [
    # phases and conventions
    "CONVENTIONS",
    "METHODS",
    "QSPPhases",
    "QSPVerification",
    "qsp_phases",
    "complex_qsp_phases",
    "completion_phases",
    "reduced_phases",
    "full_phases",
    "qsp_response",
    "qsp_unitary",
    "convert_phases",
    "verify",
    "exact_qsp_phases",
    "exact_qsp_unitary",
    # target polynomials
    "QSPTarget",
    "cos_target",
    "sin_target",
    "exp_target",
    "inverse_target",
    "sign_target",
    "threshold_target",
    "rectangle_target",
    "erf_target",
    "exp_decay_target",
    "amplitude_amplification_target",
    "chebyshev_target",
    "monomial_target",
    "degree_error_tradeoff",
    "MINIMAX_KINDS",
    "minimax_target",
    "remez_parity",
    # QSVT
    "unitary_dilation",
    "qsvt_apply",
    "singular_value_transform",
    "qsvt_circuit",
    "block_encoded_transform",
]
