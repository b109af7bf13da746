"""Spherical harmonic bases, Wigner D matrices, spherical grids and Gaunt tensor products."""

__all__: list[str] = []

# --- spherical harmonic bases, Wigner D, grids, tensor products (issue 3) ---
from .grids import SphericalGrid, gauss_legendre_grid, integrate, sh_forward_transform, sh_inverse_transform
from .sph_harm import (
    complex_to_real_matrix,
    convert_real_basis,
    normalization_factors,
    real_basis_matrix,
    real_sph_harm,
    sph_harm,
    sph_harm_all,
    sph_harm_symbolic,
    sph_index,
)
from .wigner_d import (
    euler_angles,
    real_wigner_D,
    real_wigner_D_from_matrix,
    rotate_real_sh,
    rotation_matrix,
    wigner_D,
    wigner_small_d,
)

__all__ += [
    "complex_to_real_matrix",
    "convert_real_basis",
    "normalization_factors",
    "real_basis_matrix",
    "real_sph_harm",
    "sph_harm",
    "sph_harm_all",
    "sph_harm_symbolic",
    "sph_index",
    "SphericalGrid",
    "gauss_legendre_grid",
    "integrate",
    "sh_forward_transform",
    "sh_inverse_transform",
    "euler_angles",
    "real_wigner_D",
    "real_wigner_D_from_matrix",
    "rotate_real_sh",
    "rotation_matrix",
    "wigner_D",
    "wigner_small_d",
]
from .equivariance import assert_equivariant  # noqa: E402
from .tensor_product import (  # noqa: E402
    GAUNT_METHODS,
    clebsch_gordan_tensor_product,
    full_tensor_product_paths,
    gaunt_tensor_product,
    real_coupling_tensor,
    real_gaunt_tensor_quadrature,
    tensor_product_paths,
)

__all__ += [
    "assert_equivariant",
    "GAUNT_METHODS",
    "clebsch_gordan_tensor_product",
    "full_tensor_product_paths",
    "gaunt_tensor_product",
    "real_coupling_tensor",
    "real_gaunt_tensor_quadrature",
    "tensor_product_paths",
]

# --- change of basis to the 2D Fourier basis (issue 3) ---
from .fourier_basis import (
    ExactComplex,
    evaluate_fourier,
    fourier_to_sh,
    sh_fourier_coefficients_exact,
    sh_to_fourier,
    sh_to_fourier_coefficients,
)

__all__ += [
    "ExactComplex",
    "sh_fourier_coefficients_exact",
    "sh_to_fourier_coefficients",
    "sh_to_fourier",
    "fourier_to_sh",
    "evaluate_fourier",
]
