"""Compile every Numba kernel once, before the first real call needs it.

A cold Numba cache makes the first call of each kernel pay its compilation
(seconds per kernel).  Each package publishes a ``warmup()`` function in the
``mathref.warmup`` entry-point group that reaches each of its kernels with the
smallest inputs; :func:`warmup_all` runs them all, so a test session or a
notebook pays that cost once, up front, and can say how much it was.  With
``cache=True`` the compiled code lands in ``__pycache__`` and later processes
only load it.  ``mathref warmup`` on the command line does the same with a
progress line per package.
"""

from __future__ import annotations

import sys
import time
from typing import NamedTuple, TextIO

__all__ = ["ENTRY_POINT_GROUP", "WarmupReport", "warmup_all"]

ENTRY_POINT_GROUP = "mathref.warmup"


class WarmupReport(NamedTuple):
    """What :func:`warmup_all` did: per package, the kernels touched and the seconds spent."""

    packages: tuple[tuple[str, tuple[str, ...], float], ...]

    @property
    def kernels(self) -> int:
        """How many kernels were reached."""
        return sum(len(names) for _, names, _ in self.packages)

    @property
    def seconds(self) -> float:
        """Total wall time."""
        return sum(t for _, _, t in self.packages)

    def summary(self) -> str:
        """One line, e.g. ``numba warmup: 41 kernels in 12.3 s (algebra 6.1 s, ...)``."""
        parts = ", ".join(f"{name} {t:.1f} s" for name, _, t in self.packages)
        return f"numba warmup: {self.kernels} kernels in {self.seconds:.1f} s ({parts})"


def warmup_all(*, stream: TextIO | None = None) -> WarmupReport:
    """Run every installed package's ``warmup()``; print a line per package to ``stream`` if given.

    Examples
    --------
    >>> report = warmup_all()
    >>> report.kernels > 0 and {name for name, _, _ in report.packages} >= {"algebra", "geometry"}
    True
    """
    from importlib.metadata import entry_points

    done = []
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        if stream is not None:
            stream.write(f"warming up {point.name} ...")
            stream.flush()
        start = time.perf_counter()
        names = tuple(point.load()())
        seconds = time.perf_counter() - start
        done.append((point.name, names, seconds))
        if stream is not None:
            stream.write(f" {len(names)} kernels in {seconds:.1f} s\n")
    return WarmupReport(tuple(done))


if __name__ == "__main__":  # pragma: no cover
    print(warmup_all(stream=sys.stdout).summary())
