"""The single switch between compiled (Numba) and plain-Python kernels.

This is the only module in mathref that imports numba, and it does so only when
a kernel is first called: importing mathref, or any of its packages, never
imports numba.  Kernels are written once, in the subset of Python that Numba
understands, and decorated with :func:`jit`.  Compilation is lazy (first call)
and cached on disk (``cache=True``); nothing is compiled at import time.

Setting ``NUMBA_DISABLE_JIT=1`` (Numba's own switch) or ``MATHREF_DISABLE_JIT=1``
makes :func:`jit` return the undecorated function, so the whole package runs as
plain Python.  Every decorated kernel exposes ``.py_func`` either way, which the
test-suite uses to compare the two paths on small inputs.

How the deferral works: with the JIT on, :func:`jit` returns a
:class:`LazyKernel`.  Its first call imports numba, and before compiling it
rebinds, in the kernel's module globals (and closure cells), every other
:class:`LazyKernel` the code refers to and the placeholder :data:`prange` to the
real Numba objects, because Numba's type inference only understands its own
dispatchers.  After that the kernel's module holds the Numba dispatcher itself,
so later calls from other kernels and from Python cost what they always did.
"""

from __future__ import annotations

import functools
import os
import threading
import types
from typing import Callable

from .errors import InvalidTypeError

__all__ = ["jit", "prange", "JIT_ENABLED", "LazyKernel", "python_twin", "numba_imported", "is_compiled"]


def _flag(name: str) -> bool:
    return os.environ.get(name, "0").strip().lower() not in ("", "0", "false", "no")


JIT_ENABLED: bool = not (_flag("NUMBA_DISABLE_JIT") or _flag("MATHREF_DISABLE_JIT"))

# One re-entrant lock for every first compilation: materialising a kernel
# materialises the kernels it calls, from the same thread.
_COMPILE_LOCK = threading.RLock()


def prange(*args: int) -> range:
    """``range`` in plain Python; inside a compiled kernel, Numba's parallel range.

    Examples
    --------
    >>> from mathref.jit import prange
    >>> list(prange(3))
    [0, 1, 2]
    """
    import numbers

    for value in args:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            from .errors import InvalidTypeError

            raise InvalidTypeError(f"prange arguments must be ints, got {value!r}")
    return range(*args)


def numba_imported() -> bool:
    """Whether numba has been imported in this process (by mathref or anyone else).

    Examples
    --------
    >>> isinstance(numba_imported(), bool)
    True
    """
    import sys

    return "numba" in sys.modules


def _check_kernel_source(func) -> None:
    if not isinstance(func, types.FunctionType):
        raise InvalidTypeError(f"func={func!r} must be a plain Python function to compile")


def _code_objects(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _numba_object(value, numba):
    """The Numba object that stands for ``value`` inside compiled code, or None."""
    if isinstance(value, LazyKernel):
        return value._materialise()
    if value is prange:
        return numba.prange
    return None


def _bind_for_numba(func, numba) -> None:
    """Rebind the lazy kernels and ``prange`` that ``func`` refers to, so Numba can type them."""
    names = {name for code in _code_objects(func.__code__) for name in code.co_names}
    module_globals = func.__globals__
    for name in names:
        value = module_globals.get(name)
        replacement = _numba_object(value, numba)
        if replacement is not None:
            module_globals[name] = replacement
        elif isinstance(value, types.ModuleType):
            # `module.kernel(...)` inside a kernel: Numba resolves the attribute at compile time
            for attr in names:
                replacement = _numba_object(getattr(value, attr, None), numba)
                if replacement is not None:
                    setattr(value, attr, replacement)
    for cell in func.__closure__ or ():
        try:
            contents = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        replacement = _numba_object(contents, numba)
        if replacement is not None:
            cell.cell_contents = replacement


class LazyKernel:
    """A kernel that imports numba and compiles on its first call.

    Calls, attribute access (``signatures``, ``inspect_types``, ...) and
    :func:`python_twin` behave as on the ``numba.njit`` dispatcher it becomes;
    ``py_func`` is the plain-Python original without compiling anything.

    Examples
    --------
    >>> from mathref.jit import LazyKernel, jit, JIT_ENABLED
    >>> @jit
    ... def twice(x):
    ...     return 2 * x
    >>> isinstance(twice, LazyKernel) == JIT_ENABLED
    True
    >>> twice(21), twice.py_func(21)
    (42, 42)
    """

    def __init__(self, func: Callable, options: dict) -> None:
        _check_kernel_source(func)
        if not isinstance(options, dict):
            raise InvalidTypeError(f"options={options!r} must be a dict of numba.njit options")
        self.py_func = func
        self._options = options
        self._dispatcher = None
        functools.update_wrapper(self, func)

    def _materialise(self):
        dispatcher = self._dispatcher
        if dispatcher is not None:
            return dispatcher
        with _COMPILE_LOCK:
            if self._dispatcher is None:
                import numba

                func = self.py_func
                _bind_for_numba(func, numba)
                dispatcher = numba.njit(**self._options)(func)
                module_globals = func.__globals__
                if module_globals.get(func.__name__) is self:
                    module_globals[func.__name__] = dispatcher
                self._dispatcher = dispatcher
        return self._dispatcher

    def __call__(self, *args, **kwargs):
        dispatcher = self._dispatcher
        if dispatcher is None:
            dispatcher = self._materialise()
        return dispatcher(*args, **kwargs)

    def __getattr__(self, name):
        # only reached for names the instance does not have: forward to the dispatcher
        if name.startswith("__") or name in ("_dispatcher", "_options", "py_func"):
            raise AttributeError(name)
        return getattr(self._materialise(), name)

    def __repr__(self) -> str:
        state = "compiled on first call" if self._dispatcher is None else "materialised"
        return f"<mathref kernel {self.__qualname__} ({state})>"

    def __reduce__(self):
        # pickled by reference, like a function: the module attribute is the kernel or its dispatcher
        return self.__qualname__


def jit(func: Callable | None = None, *, parallel: bool = False, fastmath: bool = False) -> Callable:
    """Decorate a kernel: ``numba.njit(cache=True)`` on first call when the JIT is on, identity otherwise.

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
        _check_kernel_source(f)
        if not JIT_ENABLED:
            f.py_func = f
            return f
        # functions without a source file (doctests, notebooks' exec) cannot be cached on disk
        cache = not f.__code__.co_filename.startswith("<")
        return LazyKernel(f, {"cache": cache, "parallel": parallel, "fastmath": fastmath})

    if func is not None:
        return decorate(func)
    return decorate


def is_compiled(kernel: Callable) -> bool:
    """Whether ``kernel`` has at least one compiled signature in this process (never compiles it).

    Callers that may run a kernel's pure-Python twin for small inputs ask this first: once the kernel is
    compiled (or loaded from the on-disk cache), the compiled path is the cheaper one for every call.
    Plain functions (``NUMBA_DISABLE_JIT=1``) count as not compiled.

    Examples
    --------
    >>> @jit
    ... def _twice(x):
    ...     return 2 * x
    >>> is_compiled(_twice)
    False
    """
    if isinstance(kernel, LazyKernel):
        dispatcher = kernel._dispatcher
        return dispatcher is not None and bool(getattr(dispatcher, "signatures", ()))
    return bool(getattr(kernel, "signatures", ()))


def python_twin(kernel: Callable) -> Callable:
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
    twin = getattr(kernel, "py_func", None)
    if twin is None:
        raise InvalidTypeError(f"kernel={kernel!r} is not a kernel made by mathref.jit.jit")
    return twin
