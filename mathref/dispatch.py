"""When a call runs its compiled kernel and when its plain-Python or numpy twin.

Compiling a kernel on a cold Numba cache costs one to three seconds; a call at
the sizes of a first session (one rotation at L = 8, a few points) costs
microseconds compiled and a few milliseconds in plain Python or numpy.  So a
call takes the twin while

* the kernel has not been compiled in this process (once it has, every call
  uses it: it is the faster path),
* the twin's estimated cost of this call is below :data:`SINGLE_CALL_SECONDS`
  (a bigger call would pay the compilation back at once), and
* the twins of this kernel have spent less than :data:`BUDGET_SECONDS` in this
  process (after that a loop of small calls is evidently under way, and
  compiling once is cheaper than continuing: the "ski rental" rule, which
  never spends more than about twice the better of the two choices).

Both paths give the same values (the twins are the kernels' own code, or
numpy transcriptions of it with the same operation order; the tests compare
them).  :func:`compiled_kernels` makes every call inside it use the kernels,
which is how the warm-up compiles them.

Every package that has small-call twins uses this one rule (the geometry
kernels, the circuit search of :mod:`mathref.algebra.intlinalg`), so that
the thresholds and the warm-up's override mean the same everywhere.
"""

from __future__ import annotations

import contextlib
import threading
import time
import types
from collections.abc import Callable, Iterator

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.jit import JIT_ENABLED, is_compiled

__all__ = ["Tier", "compiled_kernels", "python_module"]

#: a call whose twin would take longer than this compiles (or loads) the kernel instead
SINGLE_CALL_SECONDS = 0.25
#: total seconds a kernel's twins may spend in one process before the kernel is compiled
BUDGET_SECONDS = 0.5

_FORCE = threading.local()


@contextlib.contextmanager
def compiled_kernels() -> Iterator[None]:
    """Inside this block every :class:`Tier` chooses the compiled kernel (the warm-up uses it).

    Examples
    --------
    >>> with compiled_kernels():
    ...     pass
    """
    depth = getattr(_FORCE, "depth", 0)
    _FORCE.depth = depth + 1
    try:
        yield
    finally:
        _FORCE.depth = depth


class Tier:
    """The choice between a kernel (looked up by name in its module at each call) and its twin.

    Parameters
    ----------
    module : module
        The module that defines the kernel; the kernel is looked up at each
        call, so tests may replace it.
    name : str
        The kernel's name in ``module``.

    Examples
    --------
    >>> import types
    >>> from mathref.jit import jit
    >>> @jit
    ... def double(x):
    ...     return 2 * x
    >>> tier = Tier(types.SimpleNamespace(double=double), "double")
    >>> tier.use_kernel(1e-6) in (True, False)
    True
    >>> tier.run_twin(double.py_func, 21)
    42
    """

    def __init__(self, module: types.ModuleType, name: str) -> None:
        if not isinstance(name, str) or not name.isidentifier():
            raise InvalidTypeError(f"name={name!r} must be the kernel's name (an identifier string)")
        if not hasattr(module, name):
            raise InvalidArgumentError(f"module={module!r} has no kernel named {name!r}")
        self.module = module
        self.name = name
        self.spent = 0.0

    def use_kernel(self, estimate_seconds: float) -> bool:
        """True when this call should run the compiled kernel (see the module docstring)."""
        _check_seconds(estimate_seconds, "estimate_seconds")
        if not JIT_ENABLED or getattr(_FORCE, "depth", 0):
            return True
        if is_compiled(getattr(self.module, self.name)):
            return True
        return estimate_seconds > SINGLE_CALL_SECONDS or self.spent > BUDGET_SECONDS

    def run_twin(self, twin: Callable, *args: object) -> object:
        """Call the twin and add its time to this kernel's budget."""
        t0 = time.perf_counter()
        try:
            return twin(*args)
        finally:
            self.spent += time.perf_counter() - t0

    def charge(self, seconds: float) -> None:
        """Add twin time the caller measured itself (a generator's twin runs between its yields)."""
        _check_seconds(seconds, "seconds")
        self.spent += seconds


def _check_seconds(x: object, name: str) -> None:
    # a NaN estimate would compare False everywhere and silently pick the twin for any size
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not x >= 0:
        raise InvalidArgumentError(f"{name}={x!r} must be a number of seconds >= 0")


_MODULES: dict[str, types.SimpleNamespace] = {}
_MODULES_LOCK = threading.Lock()


def python_module(module: types.ModuleType) -> types.SimpleNamespace:
    """Plain-Python copies of every kernel of ``module``, calling each other's plain copies.

    A kernel's ``py_func`` alone still calls its helpers through the module
    globals, which hold compiled (or lazily compiling) kernels; these copies
    share one globals dictionary in which every kernel is replaced by its
    Python original, so nothing reached from them compiles.

    Examples
    --------
    >>> import math
    >>> python_module(math) is python_module(math)   # a module without kernels: an empty namespace
    True
    """
    if not isinstance(module, types.ModuleType):
        raise InvalidTypeError(f"module={module!r} must be a module")
    with _MODULES_LOCK:
        cached = _MODULES.get(module.__name__)
        if cached is not None:
            return cached
        shared = dict(vars(module))
        plain = {}
        for name, value in vars(module).items():
            func = getattr(value, "py_func", None)
            if isinstance(func, types.FunctionType):
                copy = types.FunctionType(func.__code__, shared, func.__name__, func.__defaults__, func.__closure__)
                plain[name] = copy
        shared.update(plain)
        space = types.SimpleNamespace(**plain)
        _MODULES[module.__name__] = space
        return space
