"""SU(2) generators J_x, J_y, J_z, J_± for every spin j, float and exact (sympy).

Basis |j m⟩ with m = -j, …, j in increasing order (the rows and columns of
:func:`~mathref.geometry.wigner_D`).  Hermitian, physicists' normalisation:
[J_x, J_y] = i J_z (and cyclic), J² = j(j+1), J_± = J_x ± i J_y,
J_± |j m⟩ = sqrt(j(j+1) − m(m±1)) |j m±1⟩ (Condon–Shortley: real, ≥ 0), and
D^j(α, β, γ) = e^{−iαJ_z} e^{−iβJ_y} e^{−iγJ_z}.

e3nn's ``su2_generators(j)`` returns the anti-Hermitian triple
(X₀, X₁, X₂) = (−iJ_y, iJ_z, iJ_x) in the same m order (its "raising" matrix is
−J_+), which obeys [X₀, X₁] = X₂, [X₁, X₂] = X₀; :func:`e3nn_su2_generators`
builds it from these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from mathref.equality import values_equal
from mathref.errors import InvalidArgumentError, InvalidTypeError

from ._checks import format_half, two_times_nonneg

if TYPE_CHECKING:
    from fractions import Fraction

    import sympy

    # a non-negative integer or half-integer spin
    HalfInteger = int | float | Fraction | sympy.Rational

__all__ = ["SU2Generators", "su2_generators", "su2_generators_exact", "e3nn_su2_generators"]

# dense (2j+1)² complex matrices, five of them: refuse past ≈ 0.8 GB
_MAX_DIM = 4001


class SU2Generators(NamedTuple):
    """The five generator matrices of one spin j (numpy arrays or sympy matrices).

    Compares by value (``==`` gives one bool: same shapes and entries), pickles
    and deep-copies like any tuple; unhashable, as the arrays it holds are.

    Examples
    --------
    >>> import pickle
    >>> J = su2_generators(1)
    >>> pickle.loads(pickle.dumps(J)) == J, J == su2_generators(0.5)
    (True, False)
    """

    jx: object
    jy: object
    jz: object
    jplus: object
    jminus: object

    def __eq__(self, other) -> bool:
        if not isinstance(other, SU2Generators):
            return NotImplemented
        return all(values_equal(a, b) for a, b in zip(self, other))

    def __ne__(self, other) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None  # value equality over mutable arrays


_new_generators = SU2Generators.__new__


def _checked_generators(cls: type[SU2Generators], *args: object, **kwargs: object) -> SU2Generators:
    # a NamedTuple body may not define __new__: the five fields must be square matrices of one size
    self = _new_generators(cls, *args, **kwargs)
    shapes = {getattr(m, "shape", None) for m in self}
    shape = next(iter(shapes))
    if len(shapes) != 1 or not (isinstance(shape, tuple) and len(shape) == 2 and shape[0] == shape[1]):
        raise InvalidTypeError("SU2Generators takes five square matrices of one size (numpy arrays or sympy matrices)")
    return self


SU2Generators.__new__ = _checked_generators


def _dimension(j) -> tuple[int, int]:
    two_j = two_times_nonneg(j, "j")
    if two_j + 1 > _MAX_DIM:
        raise InvalidArgumentError(
            f"j={format_half(two_j)} gives five dense {two_j + 1}² matrices "
            f"(≈ {5 * 16 * (two_j + 1) ** 2 / 1e9:.2g} GB); the limit is 2j+1 <= {_MAX_DIM}"
        )
    return two_j, two_j + 1


def su2_generators(j: HalfInteger) -> SU2Generators:
    """J_x, J_y, J_z, J_+, J_- of spin j as complex128 (2j+1, 2j+1) arrays (float; entries correctly rounded).

    Examples
    --------
    >>> import numpy as np
    >>> J = su2_generators(0.5)
    >>> np.allclose(J.jz, np.diag([-0.5, 0.5])), np.allclose(2 * J.jx, [[0, 1], [1, 0]])
    (True, True)
    >>> np.allclose(J.jx @ J.jy - J.jy @ J.jx, 1j * J.jz)
    True
    """
    two_j, n = _dimension(j)
    m = np.arange(n) - two_j / 2.0
    jval = two_j / 2.0
    # J_+ |m> = sqrt(j(j+1) - m(m+1)) |m+1>: the sub-diagonal in increasing-m order; (j-m)(j+m+1) is exact in floats
    up = np.sqrt((jval - m[:-1]) * (jval + m[:-1] + 1.0))
    jplus = np.diag(up, -1).astype(np.complex128)
    jminus = jplus.T.copy()
    jx = (jplus + jminus) / 2
    jy = (jplus - jminus) / 2j
    jz = np.diag(m).astype(np.complex128)
    return SU2Generators(jx, jy, jz, jplus, jminus)


def su2_generators_exact(j: HalfInteger) -> SU2Generators:
    """J_x, J_y, J_z, J_+, J_- of spin j as exact sympy matrices (entries ± sqrt(integer)/2, times i for J_y).

    Examples
    --------
    >>> J = su2_generators_exact(1)
    >>> J.jplus
    Matrix([
    [      0,       0, 0],
    [sqrt(2),       0, 0],
    [      0, sqrt(2), 0]])
    >>> import sympy
    >>> sympy.simplify(J.jx * J.jy - J.jy * J.jx - sympy.I * J.jz).is_zero_matrix
    True
    """
    import sympy

    two_j, n = _dimension(j)
    if n > 401:
        raise InvalidArgumentError(
            f"j={format_half(two_j)}: exact generators are built for 2j+1 <= 401 (sympy matrices)"
        )
    half = sympy.Rational(1, 2)
    jplus = sympy.zeros(n, n)
    for k in range(n - 1):
        two_m = 2 * k - two_j
        # (j - m)(j + m + 1) = (2j - 2m)(2j + 2m + 2)/4
        jplus[k + 1, k] = sympy.sqrt(sympy.Integer((two_j - two_m) * (two_j + two_m + 2))) * half
    jminus = jplus.T
    jz = sympy.diag(*[sympy.Rational(2 * k - two_j, 2) for k in range(n)])
    jx = (jplus + jminus) * half
    jy = (jplus - jminus) * (-sympy.I * half)
    return SU2Generators(jx, jy, jz, jplus, jminus)


def e3nn_su2_generators(j: HalfInteger) -> np.ndarray:

    """e3nn's ``su2_generators(j)`` layout: the stack (−iJ_y, iJ_z, iJ_x), shape (3, 2j+1, 2j+1) (float).

    Examples
    --------
    >>> import numpy as np
    >>> X = e3nn_su2_generators(1)
    >>> np.allclose(X[0] @ X[1] - X[1] @ X[0], X[2])
    True
    """
    J = su2_generators(j)
    return np.stack([-1j * J.jy, 1j * J.jz, 1j * J.jx])
