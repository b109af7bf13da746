"""Chebyshev interpolation, Tucker and Chebyshev-Tucker tensors, QSP/QSVT polynomials and phases.

Layout: :mod:`~spectral.chebyshev` (1-D and tensor-product Chebyshev series),
:mod:`~spectral.tucker` (HOSVD, HOOI, reduced HOSVD), :mod:`~spectral.cheb_tucker`
(the mesh-free Chebyshev-Tucker format, built on the two before it),
:mod:`~spectral.potentials` (radial kernels and many-particle potentials in that
format) and the subpackage :mod:`~spectral.qsp` (QSP/QSVT target polynomials,
conventions, phase solvers, exact phases).  Hypothesis strategies are in
:mod:`~spectral.strategies`, the ``qsp`` reference-table kind in
:mod:`~spectral.tables`, the Numba warm-up in :mod:`~spectral.warmup`.
"""

from typing import TYPE_CHECKING

from mathref.lazy import attach

# The re-exports load on first use (mathref.lazy): importing the package stays cheap,
# and type checkers read the names here.
if TYPE_CHECKING:
    from .cheb_tucker import ChebyshevTucker, ChebyshevTuckerReport, PointwiseError
    from .chebyshev import (
        ChebyshevFit,
        PoorResolutionWarning,
        chebyshev_chop,
        chebyshev_coefficients,
        chebyshev_coefficients_nd,
        chebyshev_derivative,
        chebyshev_evaluate,
        chebyshev_evaluate_nd,
        chebyshev_fit,
        chebyshev_grid,
        chebyshev_integral,
        chebyshev_integral_nd,
        chebyshev_interpolate_nd,
        chebyshev_points,
        chebyshev_values,
        chebyshev_values_nd,
        clenshaw_curtis_weights,
    )
    from .potentials import (
        GaussianSum,
        MultiParticlePotential,
        PeriodicPotential,
        newton,
        newton_long_range,
        newton_long_range_gaussian_sum,
        newton_short_range,
        radial_field,
        runge,
        slater,
        yukawa,
    )
    from .qsp import (
        MINIMAX_KINDS,
        QSPPhases,
        QSPTarget,
        QSPVerification,
        amplitude_amplification_target,
        block_encoded_transform,
        chebyshev_target,
        completion_phases,
        complex_qsp_phases,
        convert_phases,
        cos_target,
        degree_error_tradeoff,
        erf_target,
        exact_qsp_phases,
        exact_qsp_unitary,
        exp_decay_target,
        exp_target,
        full_phases,
        inverse_target,
        minimax_target,
        monomial_target,
        qsp_phases,
        qsp_response,
        qsp_unitary,
        qsvt_apply,
        qsvt_circuit,
        rectangle_target,
        reduced_phases,
        remez_parity,
        sign_target,
        sin_target,
        singular_value_transform,
        threshold_target,
        unitary_dilation,
        verify,
    )
    from .tucker import (
        HOOIResult,
        TruncationReport,
        TuckerTensor,
        cp_to_tucker,
        hooi,
        hosvd,
        mode_product,
        rhosvd,
        truncation_rank,
        tucker_reconstruct,
        unfolding_singular_values,
    )


__all__ = [
    # Chebyshev interpolation (spectral.chebyshev)
    "PoorResolutionWarning",
    "chebyshev_points",
    "chebyshev_coefficients",
    "chebyshev_values",
    "chebyshev_evaluate",
    "chebyshev_derivative",
    "chebyshev_integral",
    "clenshaw_curtis_weights",
    "chebyshev_chop",
    "ChebyshevFit",
    "chebyshev_fit",
    "chebyshev_grid",
    "chebyshev_coefficients_nd",
    "chebyshev_values_nd",
    "chebyshev_evaluate_nd",
    "chebyshev_integral_nd",
    "chebyshev_interpolate_nd",
    # Tucker decompositions (spectral.tucker)
    "TuckerTensor",
    "TruncationReport",
    "HOOIResult",
    "mode_product",
    "unfolding_singular_values",
    "truncation_rank",
    "hosvd",
    "hooi",
    "cp_to_tucker",
    "rhosvd",
    "tucker_reconstruct",
    # Chebyshev-Tucker format (spectral.cheb_tucker)
    "ChebyshevTucker",
    "ChebyshevTuckerReport",
    "PointwiseError",
    # kernels and potentials (spectral.potentials)
    "newton",
    "newton_long_range",
    "newton_short_range",
    "slater",
    "yukawa",
    "runge",
    "radial_field",
    "GaussianSum",
    "newton_long_range_gaussian_sum",
    "MultiParticlePotential",
    "PeriodicPotential",
    # QSP / QSVT phases (spectral.qsp)
    "QSPPhases",
    "QSPVerification",
    "convert_phases",
    "exact_qsp_phases",
    "exact_qsp_unitary",
    "qsp_phases",
    "qsp_response",
    "qsp_unitary",
    "verify",
    # QSP target polynomials (spectral.qsp.targets)
    "QSPTarget",
    "amplitude_amplification_target",
    "chebyshev_target",
    "cos_target",
    "degree_error_tradeoff",
    "erf_target",
    "exp_decay_target",
    "exp_target",
    "inverse_target",
    "monomial_target",
    "rectangle_target",
    "sign_target",
    "sin_target",
    "threshold_target",
    # QSVT (spectral.qsp.qsvt)
    "qsvt_apply",
    "singular_value_transform",
    "unitary_dilation",
]

# QSP conventions, completion, minimax design and QSVT circuits (issue 13)
__all__ += [
    "complex_qsp_phases",
    "completion_phases",
    "reduced_phases",
    "full_phases",
    "minimax_target",
    "MINIMAX_KINDS",
    "remez_parity",
    "qsvt_circuit",
    "block_encoded_transform",
]

__getattr__, __dir__ = attach(__name__, __file__)
