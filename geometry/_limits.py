"""Size guards shared by the geometry modules: refuse, with the estimate, what cannot be computed or held.

Every public function that takes a degree or a grid size checks it here before
allocating, so ``10**30`` gives a :class:`~mathref.errors.SizeLimitError`
naming the argument and the cost instead of a hang, a numpy ``MemoryError``
or an ``OverflowError``.  The ceilings are deliberately generous (a few GB,
about a minute); functions that hold a result in memory take ``max_bytes=``
where it makes sense.
"""

from __future__ import annotations

import math
import numbers

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

__all__ = ["MAX_BYTES", "check_bytes", "check_count"]

#: Default ceiling on the memory one call may allocate (arrays it returns or builds on the way).
MAX_BYTES = 2**31


def _limit(max_bytes) -> float:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, numbers.Real):
        raise InvalidTypeError(f"max_bytes={max_bytes!r} must be None or a number of bytes")
    value = float(max_bytes)
    if not (value > 0 and math.isfinite(value)):
        raise InvalidArgumentError(f"max_bytes={max_bytes!r} must be a finite number > 0")
    return value


def check_bytes(nbytes: float, *, argument: str, what: str, max_bytes: float | None = None) -> None:
    """Raise SizeLimitError when ``nbytes`` exceeds ``max_bytes`` (default :data:`MAX_BYTES`)."""
    limit = MAX_BYTES if max_bytes is None else _limit(max_bytes)
    if nbytes > limit:
        estimate = f"≈ {nbytes / 1e9:.3g} GB"
        raise SizeLimitError(
            f"{what} needs {estimate} of memory, above the limit {limit / 1e9:.3g} GB (argument {argument})",
            argument=argument,
            estimate=estimate,
        )


def check_count(
    count: float, limit: float, *, argument: str, what: str, unit: str, seconds: float | None = None
) -> None:


    """Raise SizeLimitError when ``count`` units of work exceed ``limit``; ``seconds`` adds a time estimate."""
    if count > limit:
        estimate = f"≈ {count:.3g} {unit}" + (f" (≈ {seconds:.3g} s)" if seconds is not None else "")
        raise SizeLimitError(
            f"{what} costs {estimate}, above the limit {limit:.3g} {unit} (argument {argument})",
            argument=argument,
            estimate=estimate,
        )
