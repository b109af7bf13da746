"""The bounded, thread-safe, registered caches of the chemistry package (one place to get them).

Uses :func:`mathref.caches.lru` (bounded ``functools.lru_cache`` registered with
``mathref.clear_caches``) when the ground floor provides it; otherwise a plain bounded
``functools.lru_cache`` (CPython's is thread-safe).  Cached values must be immutable.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["bounded_cache"]


def bounded_cache(*, maxsize: int, name: str):
    """Decorator: a bounded LRU cache named ``name`` (registered with ``mathref.caches`` when present)."""
    try:
        from mathref import caches
    except ImportError:  # ground floor without the cache registry
        caches = None
    if caches is not None and hasattr(caches, "lru"):
        return caches.lru(maxsize=maxsize, name=name)
    return lru_cache(maxsize=maxsize)
