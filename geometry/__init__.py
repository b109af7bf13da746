"""Spherical harmonic bases, Wigner D matrices, spherical grids and Gaunt tensor products."""

__all__: list[str] = []

# --- spherical harmonic bases, Wigner D, grids, tensor products (issue 3) ---

# --- change of basis to the 2D Fourier basis (issue 3) ---
