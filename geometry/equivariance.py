"""A helper to check in users' own tests that a map of real-SH features is rotation-equivariant.

The check is numerical (float): random rotations and random inputs, compared
with a relative tolerance.  A pass is evidence, not proof; a failure carries the
rotation and the error that exposed it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from ._checks import as_nonneg_int, as_positive_float, as_rng
from ._limits import check_count
from .wigner_d import rotate_real_sh

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import ArrayLike

__all__ = ["EquivarianceReport", "assert_equivariant"]


@dataclass(frozen=True)
class EquivarianceReport:
    """Outcome of :func:`assert_equivariant` (returned when the check passes).

    Attributes
    ----------
    max_error : float
        Largest max-norm of fn(R x) - R fn(x), relative to the max-norm of fn(x).
    trials : int
    rotations : tuple of (alpha, beta, gamma)
        The ZYZ Euler angles tried.
    parity_checked : bool
    """

    max_error: float
    trials: int
    rotations: tuple
    parity_checked: bool

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


def _random_rotation(rng) -> tuple[float, float, float]:
    # Haar measure on SO(3) in ZYZ angles: α, γ uniform, cos β uniform
    alpha = float(rng.uniform(0, 2 * math.pi))
    beta = float(math.acos(rng.uniform(-1, 1)))
    gamma = float(rng.uniform(0, 2 * math.pi))
    return (alpha, beta, gamma)


def _parity(x: np.ndarray) -> np.ndarray:
    lmax = math.isqrt(x.shape[-1]) - 1
    signs = np.concatenate([np.full(2 * l + 1, (-1.0) ** l) for l in range(lmax + 1)])
    return x * signs


def assert_equivariant(fn: Callable[..., ArrayLike], lmax_in: int | list[int] | tuple[int, ...], *, batch: int = 4,
                       trials: int = 3, rtol: float = 1e-10, parity: bool = False,
                       rng: int | np.random.Generator | None = None) -> EquivarianceReport:

    """Assert that ``fn`` commutes with rotations of real-SH feature arrays (float check).

    ``fn(*xs)`` must take one array per entry of ``lmax_in`` (shape
    (batch, (L_i+1)²), standard real basis) and return one array of shape
    (batch, (L+1)²).  For random Haar rotations R it checks
    fn(D(R) x_1, ..., D(R) x_k) = D(R) fn(x_1, ..., x_k) to relative tolerance
    ``rtol`` (max-norm), and with ``parity=True`` also the inversion r → -r
    (degree-l parts pick up (-1)^l).

    Parameters
    ----------
    fn : callable
    lmax_in : int or sequence of int
        Degree of each argument.
    batch, trials : int
    rtol : float
    parity : bool
    rng : None, int or numpy.random.Generator

    Returns
    -------
    EquivarianceReport

    Raises
    ------
    AssertionError
        With the failing rotation and error.

    Examples
    --------
    >>> from mathref.geometry import gaunt_tensor_product
    >>> report = assert_equivariant(lambda a, b: gaunt_tensor_product(a, b, 3), [2, 2], rng=0, parity=True)
    >>> report.max_error < 1e-12
    True
    """
    if not callable(fn):
        raise InvalidTypeError("fn must be callable")
    if isinstance(lmax_in, (list, tuple)):
        lmaxes = [as_nonneg_int(v, "lmax_in") for v in lmax_in]
    else:
        lmaxes = [as_nonneg_int(lmax_in, "lmax_in")]
    if not lmaxes:
        raise InvalidArgumentError("lmax_in must name at least one input degree")
    batch = as_nonneg_int(batch, "batch")
    trials = as_nonneg_int(trials, "trials")
    rtol = as_positive_float(rtol, "rtol")
    gen = as_rng(rng)
    # a check, not a workload: refuse inputs past 2**20 numbers a trial, and more than ≈ 10 s of trials
    # (each costs ≈ 1 ms of Python plus one D^l per degree and input, O(L³), plus the rotations themselves)
    entries = max(batch, 1) * sum(float(L + 1) ** 2 for L in lmaxes)
    check_count(entries, 2**20, argument="batch", what=f"random inputs of batch {batch} at degrees {lmaxes}",
                unit="numbers")
    work = max(trials, 1) * (1e5 + sum(float(L + 1) ** 3 for L in lmaxes) + 10 * entries)
    check_count(work, 1e9, argument="trials", what=f"{trials} trial rotation(s) at degrees {lmaxes}", unit="steps",
                seconds=work / 1e8)
    worst = 0.0
    tried = []
    for _ in range(max(trials, 1)):
        xs = [gen.normal(size=(batch, (L + 1) ** 2)) for L in lmaxes]
        base = np.asarray(fn(*xs), dtype=float)
        scale = max(float(np.abs(base).max()), 1e-300)
        angles = _random_rotation(gen)
        tried.append(angles)
        rotated_in = np.asarray(fn(*[rotate_real_sh(x, *angles) for x in xs]), dtype=float)
        err = float(np.abs(rotated_in - rotate_real_sh(base, *angles)).max()) / scale
        worst = max(worst, err)
        if err > rtol:
            raise AssertionError(
                f"not equivariant: relative error {err:.3e} > rtol={rtol:g} for the rotation "
                f"(alpha, beta, gamma) = {angles}"
            )
        if parity:
            err = float(np.abs(np.asarray(fn(*[_parity(x) for x in xs]), dtype=float) - _parity(base)).max()) / scale
            worst = max(worst, err)
            if err > rtol:
                raise AssertionError(f"not parity-equivariant: relative error {err:.3e} > rtol={rtol:g}")
    return EquivarianceReport(worst, max(trials, 1), tuple(tried), bool(parity))
