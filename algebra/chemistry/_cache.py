"""The bounded, thread-safe, registered caches of the chemistry package (one place to get them).

Every module-level cache of :mod:`mathref.algebra.chemistry` is made here with
:func:`mathref.caches.lru`: a bounded ``functools.lru_cache`` registered under its name, so that
``mathref.caches.clear_caches()`` empties it and ``mathref.caches.cache_info()`` reports it.
Cached values must be immutable (:class:`~mathref.algebra.chemistry.formula.Formula` is).
"""

from __future__ import annotations

from mathref import caches

__all__ = ["bounded_cache"]


def bounded_cache(*, maxsize: int, name: str):
    """Decorator: a bounded LRU cache registered with :mod:`mathref.caches` as ``name``.

    >>> @bounded_cache(maxsize=8, name="doc.chemistry.double")
    ... def double(n):
    ...     return 2 * n
    >>> double(21), caches.cache_info()["doc.chemistry.double"]["maxsize"]
    (42, 8)
    >>> caches.unregister("doc.chemistry.double")
    """
    return caches.lru(maxsize=maxsize, name=name)
