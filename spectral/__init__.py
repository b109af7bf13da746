"""Chebyshev interpolation, Tucker and Chebyshev-Tucker tensors, QSP/QSVT polynomials and phases."""

__all__: list[str] = []

# --- Chebyshev interpolation, Tucker, Chebyshev-Tucker (issue 4) ---

# --- QSP / QSVT polynomials and phases (issue 5) ---
