"""The single switch between compiled (Numba) and plain-Python kernels.

This is the only module in mathref that imports numba.  Kernels are written
once, in the subset of Python that Numba understands, and decorated with
:func:`jit`.  Compilation is lazy (first call) and cached on disk
(``cache=True``); nothing is compiled at import time.

Setting ``NUMBA_DISABLE_JIT=1`` (Numba's own switch) or ``MATHREF_DISABLE_JIT=1``
makes :func:`jit` return the undecorated function, so the whole package runs as
plain Python.  Every decorated kernel exposes ``.py_func`` either way, which the
test-suite uses to compare the two paths on small inputs.
"""

from __future__ import annotations

import os

__all__ = ["jit", "prange", "JIT_ENABLED", "python_twin"]


def _flag(name: str) -> bool:
    return os.environ.get(name, "0").strip().lower() not in ("", "0", "false", "no")


JIT_ENABLED: bool = not (_flag("NUMBA_DISABLE_JIT") or _flag("MATHREF_DISABLE_JIT"))

if JIT_ENABLED:
    import numba as _numba

    prange = _numba.prange
else:  # pragma: no cover - exercised in the no-jit subprocess test
    prange = range


def jit(func=None, *, parallel: bool = False, fastmath: bool = False):
    """Decorate a kernel: ``numba.njit(cache=True)`` when the JIT is on, identity otherwise.

    Use bare (``@jit``) or with options (``@jit(parallel=True)``).  The returned
    object always has a ``py_func`` attribute holding the plain-Python original.

    Examples
    --------
    >>> from mathref.jit import jit
    >>> @jit
    ... def add_one(x):
    ...     return x + 1
    >>> add_one(1), add_one.py_func(1)
    (2, 2)
    """

    def decorate(f):
        if not JIT_ENABLED:
            f.py_func = f
            return f
        # functions without a source file (doctests, notebooks' exec) cannot be cached on disk
        cache = not f.__code__.co_filename.startswith("<")
        return _numba.njit(cache=cache, parallel=parallel, fastmath=fastmath)(f)

    if func is not None:
        return decorate(func)
    return decorate


def python_twin(kernel):
    """Return the plain-Python version of a kernel made by :func:`jit`.

    Examples
    --------
    >>> from mathref.jit import jit, python_twin
    >>> @jit
    ... def square(x):
    ...     return x * x
    >>> python_twin(square)(3)
    9
    """
    return kernel.py_func
