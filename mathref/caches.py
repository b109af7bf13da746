"""One registry for every cache the library keeps, with bounds and a way to empty them.

Exact coupling coefficients, factorial splits, Gaunt tensors and compiled
patterns are cached so that repeated work is cheap.  A reference library that
runs for days in a notebook or a web service must not let those caches grow
without bound, and a user must be able to give the memory back.  Every
module-level cache in mathref is therefore either made with :func:`lru`
(a bounded :func:`functools.lru_cache` that registers itself) or registered by
hand with :func:`register`; :func:`clear_caches` empties all of them and
:func:`cache_info` reports their sizes.

Thread safety: :func:`functools.lru_cache` keeps its own bookkeeping consistent
under threads (two threads may both compute a missing value; both get an equal
result, one of them is kept).  Values put in a cache must therefore be
immutable, or copied on the way out, and their computation must not depend on
shared mutable state.  The registry itself is guarded by a lock.

>>> import mathref.caches as caches
>>> @caches.lru(maxsize=128, name="doc.square")
... def square(n):
...     return n * n
>>> square(12), caches.cache_info()["doc.square"]["currsize"]
(144, 1)
>>> caches.clear_caches()
>>> caches.cache_info()["doc.square"]["currsize"]
0
>>> caches.unregister("doc.square")
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, TypeVar

from .errors import InvalidArgumentError

F = TypeVar("F", bound=Callable)

__all__ = ["lru", "register", "unregister", "clear_caches", "cache_info", "DEFAULT_MAXSIZE"]

#: Entries kept by a cache made with :func:`lru` when no ``maxsize`` is given.
DEFAULT_MAXSIZE = 4096

_LOCK = threading.Lock()
_REGISTRY: dict[str, tuple[Callable[[], None], Callable[[], dict] | None]] = {}


def register(name: str, clear: Callable[[], None], info: Callable[[], dict] | None = None) -> None:
    """Register a cache under ``name`` so that :func:`clear_caches` can empty it.

    Parameters
    ----------
    name : str
        A dotted name saying where the cache lives, e.g. ``"algebra.wigner_3j"``.
        Registering a name again replaces the earlier entry (a reloaded module).
    clear : callable
        Called with no arguments to empty the cache.
    info : callable, optional
        Returns a dict describing the cache (at least ``currsize`` and
        ``maxsize`` when it has them).

    >>> store = {}
    >>> register("doc.store", store.clear, lambda: {"currsize": len(store), "maxsize": None})
    >>> store["a"] = 1; clear_caches(); store
    {}
    >>> unregister("doc.store")
    """
    if not isinstance(name, str) or not name:
        raise InvalidArgumentError(f"name={name!r} must be a non-empty string")
    if not callable(clear):
        raise InvalidArgumentError(f"clear={clear!r} must be callable")
    if info is not None and not callable(info):
        raise InvalidArgumentError(f"info={info!r} must be callable or None")
    with _LOCK:
        _REGISTRY[name] = (clear, info)


def unregister(name: str) -> None:
    """Forget the cache registered as ``name`` (no error if there is none).

    >>> unregister("no.such.cache")
    """
    if not isinstance(name, str):
        from .errors import InvalidTypeError

        raise InvalidTypeError(f"name={name!r} must be a str (a cache's registered name)")
    with _LOCK:
        _REGISTRY.pop(name, None)


def clear_caches() -> None:
    """Empty every registered cache.

    Values computed afterwards are the same; only the time to compute them again
    is spent.

    >>> clear_caches()
    """
    with _LOCK:
        entries = list(_REGISTRY.values())
    for clear, _ in entries:
        clear()


def cache_info() -> dict[str, dict]:
    """A dict ``name -> description`` of every registered cache.

    >>> isinstance(cache_info(), dict)
    True
    """
    with _LOCK:
        items = list(_REGISTRY.items())
    out = {}
    for name, (_, info) in items:
        out[name] = dict(info()) if info is not None else {}
    return out


def lru(maxsize: int = DEFAULT_MAXSIZE, name: str | None = None, typed: bool = False) -> Callable[[F], F]:
    """A bounded :func:`functools.lru_cache` that registers itself.

    Parameters
    ----------
    maxsize : int
        Most entries kept (least recently used go first); must be positive, an
        unbounded cache is what this module exists to prevent.
    name : str, optional
        Registry name; defaults to ``module.qualname`` of the function.
    typed : bool
        As for :func:`functools.lru_cache`.

    >>> @lru(maxsize=2, name="doc.cube")
    ... def cube(n):
    ...     return n ** 3
    >>> [cube(i) for i in range(4)], cube.cache_info().currsize
    ([0, 1, 8, 27], 2)
    >>> unregister("doc.cube")
    """
    if isinstance(maxsize, bool) or not isinstance(maxsize, int) or maxsize < 1:
        raise InvalidArgumentError(f"maxsize={maxsize!r} must be a positive int (caches are bounded)")

    def decorate(fn):
        cached = functools.lru_cache(maxsize=maxsize, typed=typed)(fn)
        key = name or f"{fn.__module__}.{fn.__qualname__}"

        def info() -> dict:
            ci = cached.cache_info()
            return {"hits": ci.hits, "misses": ci.misses, "maxsize": ci.maxsize, "currsize": ci.currsize}

        register(key, cached.cache_clear, info)
        return cached

    return decorate
