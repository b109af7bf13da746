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
