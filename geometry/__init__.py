"""Spherical harmonic bases, Wigner D matrices, spherical grids and Gaunt tensor products.

Modules, from the bottom up (each imports only those before it):
``real_basis`` (complex ↔ real change of basis, a leaf), ``sph_harm`` (+ kernels),
``rotations`` (conversions, a leaf), ``su2`` (generators, a leaf), ``wigner_d`` (+ kernels),
``wigner_d_exact`` (sympy), ``spin_weighted``, ``real_forms`` (sympy's and e3nn's real forms),
``grids``, ``fourier_basis``, ``tensor_product``, ``equivariance``; ``strategies``
(hypothesis, not imported here), ``tables`` (the CLI's table kinds) and ``warmup``.
"""

from typing import TYPE_CHECKING

from mathref.lazy import attach

# The re-exports load on first use (mathref.lazy): importing the package stays cheap,
# and type checkers read the names here.
if TYPE_CHECKING:
    from .equivariance import assert_equivariant
    from .fourier_basis import (
        ExactComplex,
        evaluate_fourier,
        fourier_to_sh,
        sh_fourier_coefficients_exact,
        sh_to_fourier,
        sh_to_fourier_coefficients,
    )
    from .grids import SphericalGrid, gauss_legendre_grid, integrate, sh_forward_transform, sh_inverse_transform
    from .real_basis import complex_to_real_matrix
    from .real_forms import convert_real_basis, real_basis_matrix
    from .rotations import (
        EULER_CONVENTIONS,
        axis_angle_from_quaternion,
        euler_from_matrix,
        euler_from_quaternion,
        matrix_from_euler,
        matrix_from_quaternion,
        quaternion_from_axis_angle,
        quaternion_from_euler,
        quaternion_from_matrix,
    )
    from .sph_harm import (
        normalization_factors,
        real_sph_harm,
        sph_harm,
        sph_harm_all,
        sph_harm_symbolic,
        sph_index,
    )
    from .spin_weighted import spin_weighted_sph_harm, spin_weighted_sph_harm_all
    from .su2 import SU2Generators, e3nn_su2_generators, su2_generators, su2_generators_exact
    from .tensor_product import (
        GAUNT_METHODS,
        clebsch_gordan_tensor_product,
        full_tensor_product_paths,
        gaunt_tensor_product,
        real_coupling_tensor,
        real_gaunt_tensor_quadrature,
        tensor_product_paths,
    )
    from .wigner_d import (
        MAX_RESULT_BYTES,
        WIGNER_D_METHODS,
        euler_angles,
        real_wigner_D,
        real_wigner_D_from_matrix,
        rotate_real_sh,
        rotation_matrix,
        wigner_D,
        wigner_D_all,
        wigner_D_from_quaternion,
        wigner_D_index,
        wigner_small_d,
    )
    from .wigner_d_exact import wigner_D_exact, wigner_small_d_exact, wigner_small_d_matrix_exact


__all__ = [
    # spherical harmonics and their real forms
    "complex_to_real_matrix",
    "convert_real_basis",
    "normalization_factors",
    "real_basis_matrix",
    "real_sph_harm",
    "sph_harm",
    "sph_harm_all",
    "sph_harm_symbolic",
    "sph_index",
    "spin_weighted_sph_harm",
    "spin_weighted_sph_harm_all",
    # spherical grids and transforms
    "SphericalGrid",
    "gauss_legendre_grid",
    "integrate",
    "sh_forward_transform",
    "sh_inverse_transform",
    # rotations
    "euler_angles",
    "real_wigner_D",
    "real_wigner_D_from_matrix",
    "rotate_real_sh",
    "rotation_matrix",
    "wigner_D",
    "wigner_D_all",
    "wigner_D_from_quaternion",
    "wigner_D_index",
    "wigner_small_d",
    "wigner_D_exact",
    "wigner_small_d_exact",
    "wigner_small_d_matrix_exact",
    "MAX_RESULT_BYTES",
    "WIGNER_D_METHODS",
    # rotation conversions and SU(2)
    "EULER_CONVENTIONS",
    "axis_angle_from_quaternion",
    "euler_from_matrix",
    "euler_from_quaternion",
    "matrix_from_euler",
    "matrix_from_quaternion",
    "quaternion_from_axis_angle",
    "quaternion_from_euler",
    "quaternion_from_matrix",
    "SU2Generators",
    "e3nn_su2_generators",
    "su2_generators",
    "su2_generators_exact",
    # tensor products and equivariance
    "assert_equivariant",
    "GAUNT_METHODS",
    "clebsch_gordan_tensor_product",
    "full_tensor_product_paths",
    "gaunt_tensor_product",
    "real_coupling_tensor",
    "real_gaunt_tensor_quadrature",
    "tensor_product_paths",
    # change of basis to the 2D Fourier basis
    "ExactComplex",
    "sh_fourier_coefficients_exact",
    "sh_to_fourier_coefficients",
    "sh_to_fourier",
    "fourier_to_sh",
    "evaluate_fourier",
]

__getattr__, __dir__ = attach(__name__, __file__)
