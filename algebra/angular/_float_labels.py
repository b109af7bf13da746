"""Label checks and the shared factorial table of the float coupling paths (3j/CG, 6j, 9j).

One rule for labels on every path: a label is an int (Python or numpy, of
any width, signed or unsigned), a float that is exactly an integer or a
half-integer, a Fraction or sympy Rational, or a 0-d array of one of these;
``j``'s are non-negative; ``j - m`` is an integer; bools, strings and
non-numbers raise ``TypeError``; everything else that breaks a rule raises
:class:`~mathref.errors.InvalidLabelError` naming the argument.  The float
paths add one more rule, ``|label| <= 10000`` (:data:`MAX_TWO_J`), checked on the
original values *before* any cast, so that an unsigned or oversized integer
can never wrap around into a small label.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathref import caches
from mathref.errors import InvalidLabelError, InvalidTypeError
from mathref.validation import format_half

from . import _coupling_kernels as _k
from ._guards import two_times, two_times_nonneg

__all__ = [
    "MAX_TWO_J",
    "factorial_dd",
    "clear_factorial_dd",
    "factorial_dd_info",
    "scalar_doubled",
    "scalar_labels",
    "doubled_array",
    "broadcast_doubled",
    "check_parity_arrays",
    "BINOMIAL_ROWS",
    "binomial_table",
]

#: Largest doubled angular momentum accepted by the float paths (j <= 10000).
MAX_TWO_J = 20000

# (hi, lo, ex) of n! for n < len(hi), published whole (one tuple assignment), grown under a lock
_FACTORIALS: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
_FACTORIALS_LOCK = threading.Lock()
#: The table never grows past this many entries (4 j_max + a few covers every 9j with j <= 10000).
FACTORIAL_DD_LIMIT = 2 * 2 * MAX_TWO_J + 16


def factorial_dd(nmax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exponent-scaled double-double factorials ``n! = (hi + lo) * 2**ex`` for at least ``n <= nmax``.

    Thread-safe: a larger table is built under a lock and published in one
    assignment; arrays handed out are never written again.
    """
    global _FACTORIALS
    table = _FACTORIALS
    if table is not None and table[0].shape[0] > nmax:
        return table
    with _FACTORIALS_LOCK:
        table = _FACTORIALS
        if table is None or table[0].shape[0] <= nmax:
            old = 0 if table is None else table[0].shape[0]
            size = min(max(nmax + 1, 2 * old, 256), max(FACTORIAL_DD_LIMIT, nmax + 1))
            hi = np.empty(size, np.float64)
            lo = np.empty(size, np.float64)
            ex = np.empty(size, np.int64)
            _k.factorial_dd_table(size - 1, hi, lo, ex)
            # left writable (the kernels are compiled for writable arrays) but never written again
            table = _FACTORIALS = (hi, lo, ex)
    return table


def clear_factorial_dd() -> None:
    """Drop the float factorial table (it is rebuilt on the next float call)."""
    global _FACTORIALS
    with _FACTORIALS_LOCK:
        _FACTORIALS = None


def factorial_dd_info() -> dict[str, int]:
    """Size of the float factorial table, for ``mathref.caches``."""
    table = _FACTORIALS
    return {"entries": 0 if table is None else int(table[0].shape[0]), "limit": FACTORIAL_DD_LIMIT}


caches.register("algebra.angular.factorial_dd", clear_factorial_dd, factorial_dd_info)


#: Rows of the exact binomial table of the small-label 6j / 9j kernels (binomials C(n, k), n < 128).
BINOMIAL_ROWS = 128
_BINOMIALS: np.ndarray | None = None


def binomial_table() -> np.ndarray:
    """``C(n, k)`` for ``n, k < BINOMIAL_ROWS`` as float64, ``inf`` where the binomial is not below ``2**53``.

    Below ``2**53`` a double holds the integer exactly, so the small-label
    kernels can multiply table entries without rounding; ``inf`` makes them
    take the general path.  Built once (128 x 128, 128 kB), never written again.
    """
    global _BINOMIALS
    table = _BINOMIALS
    if table is None:
        table = np.zeros((BINOMIAL_ROWS, BINOMIAL_ROWS), np.float64)
        for n in range(BINOMIAL_ROWS):
            row = [math.comb(n, k) for k in range(n + 1)]
            table[n, : n + 1] = [float(c) if c < 2**53 else math.inf for c in row]
        _BINOMIALS = table
    return table


def _unwrap(x: object) -> object:
    """0-d arrays and numpy scalars become Python numbers (the one rule for scalars)."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, np.generic) and not isinstance(x, np.bool_):
        x = x.item()
    return x


def scalar_doubled(x: object, name: str) -> int:
    """``2*x`` for one non-negative label of a float table, with the float path's size limit."""
    tx = type(x)
    if tx is int and 0 <= x <= MAX_TWO_J // 2:  # the common case, without Fraction arithmetic
        return 2 * x
    if tx is float and 0.0 <= x <= MAX_TWO_J / 2 and (2.0 * x).is_integer():
        return int(2.0 * x)
    x = _unwrap(x)
    t = two_times_nonneg(x, name)
    if t > MAX_TWO_J:
        raise InvalidLabelError(f"{name}={x!r} exceeds the float path's limit j <= {MAX_TWO_J // 2}")
    return t


def scalar_labels(
    args: Sequence[object], names: Sequence[str], nonneg: Sequence[bool]
) -> list[int] | None:
    """Doubled labels when every argument is a scalar number (0-d arrays included), else None (the array path)."""
    out = []
    for x, name, nn in zip(args, names, nonneg):
        tx = type(x)
        if tx is not int and tx is not float:
            # numpy scalars and 0-d arrays: the commonest labels after ints and floats
            if isinstance(x, float):  # np.float64 is a float subclass
                x = float(x)
            elif isinstance(x, np.integer):
                x = int(x)
            else:
                x = _unwrap(x)
            tx = type(x)
        if tx is int:
            t = 2 * x
        elif tx is float and (2.0 * x).is_integer() and abs(x) <= MAX_TWO_J:
            t = int(2.0 * x)
        else:
            if isinstance(x, (np.ndarray, list, tuple, str, bytes, bool, np.bool_)):
                return None
            t = two_times(x, name)
        if nn and t < 0:
            raise InvalidLabelError(f"{name}={format_half(t)} is negative; angular momenta must be >= 0")
        if abs(t) > MAX_TWO_J:
            raise InvalidLabelError(
                f"{name}={format_half(t)} exceeds the float path's limit |label| <= {MAX_TWO_J // 2}"
            )
        out.append(t)
    return out


def _too_large(name: str, value: object) -> InvalidLabelError:
    return InvalidLabelError(
        f"{name} contains {value!r}, beyond the float path's limit |label| <= {MAX_TWO_J // 2}"
    )


def doubled_array(x: ArrayLike, name: str, *, nonneg: bool) -> np.ndarray:
    """``2*x`` as an int64 array, checking half-integrality, size (before any cast) and sign for j's."""
    arr = np.asarray(x)
    kind = arr.dtype.kind
    lim = MAX_TWO_J // 2
    if kind == "b":
        raise InvalidTypeError(f"{name} has boolean dtype, expected integer or half-integer labels")
    if kind in "iu":
        # compare in the array's own dtype: a cast first would wrap uint64 >= 2**63 (and abs(int64 min))
        if arr.size and (arr.max() > lim or (kind == "i" and arr.min() < -lim)):
            big = arr > lim
            if kind == "i":
                big |= arr < -lim
            if np.any(big):
                raise _too_large(name, arr[big].flat[0].item())
        twice = 2 * arr.astype(np.int64)
    elif kind == "f":
        twice_f = 2.0 * arr.astype(np.float64, copy=False)
        # fast path: one cast and one comparison (NaN, inf, non-half-integers and huge values
        # all fail it); the checks below then name the first offending value
        with np.errstate(invalid="ignore"):
            twice = twice_f.astype(np.int64)
        if arr.size and np.array_equal(twice, twice_f) and -MAX_TWO_J <= twice.min() and twice.max() <= MAX_TWO_J:
            if nonneg and twice.min() < 0:
                value = twice[twice < 0].flat[0]
                raise InvalidLabelError(f"{name} contains {format_half(int(value))}; angular momenta must be >= 0")
            return twice
        bad = ~np.isfinite(twice_f) | (twice_f != np.round(twice_f))
        if np.any(bad):
            value = arr[bad].flat[0]
            raise InvalidLabelError(f"{name} contains {value!r}, which is not an integer or half-integer")
        if arr.size and np.max(np.abs(twice_f)) > MAX_TWO_J:
            raise _too_large(name, arr.flat[int(np.argmax(np.abs(twice_f)))].item())
        twice = twice_f.astype(np.int64)
    elif kind == "O":
        flat = []
        for v in arr.flat:
            t = two_times(_unwrap(v), name)
            if abs(t) > MAX_TWO_J:
                raise _too_large(name, v)
            flat.append(t)
        twice = np.array(flat, dtype=np.int64).reshape(arr.shape) if flat else np.zeros(arr.shape, np.int64)
    else:
        raise InvalidTypeError(f"{name} has dtype {arr.dtype}, expected integer or half-integer labels")
    if nonneg and twice.size and np.min(twice) < 0:
        value = twice[twice < 0].flat[0]
        raise InvalidLabelError(f"{name} contains {format_half(int(value))}; angular momenta must be >= 0")
    return twice


def broadcast_doubled(
    args: Sequence[ArrayLike], names: Sequence[str], nonneg: Sequence[bool]
) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Doubled, broadcast, flat, contiguous int64 copies of label arrays, and the broadcast shape."""
    doubled = [doubled_array(a, n, nonneg=nn) for a, n, nn in zip(args, names, nonneg)]
    shape = doubled[0].shape
    if all(d.shape == shape for d in doubled):
        # fresh contiguous int64 arrays of one shape already (doubled_array never returns the input)
        return [d.reshape(-1) for d in doubled], shape
    try:
        doubled = np.broadcast_arrays(*doubled)
    except ValueError:
        shapes = ", ".join(f"{n}{np.shape(d)}" for n, d in zip(names, doubled))
        raise InvalidLabelError(f"label arrays do not broadcast together: {shapes}") from None
    # copies: broadcast views are read-only, and Numba would compile a separate read-only variant
    return [np.array(d, dtype=np.int64).reshape(-1) for d in doubled], doubled[0].shape


def check_parity_arrays(tj: np.ndarray, tm: np.ndarray, jname: str, mname: str) -> None:
    """Require ``j - m`` integer element-wise, naming the first offending index."""
    bad = (tj - tm) % 2 != 0
    if np.any(bad):
        idx = np.argwhere(bad)[0]
        a, b = int(tj[tuple(idx)]), int(tm[tuple(idx)])
        raise InvalidLabelError(
            f"{jname}={format_half(a)} and {mname}={format_half(b)} (at index {tuple(int(i) for i in idx)}) "
            f"differ in parity: {jname}-{mname} must be an integer"
        )
