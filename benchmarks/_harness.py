"""Timing helpers shared by the benchmark scripts.

Pattern every script follows: build the workload once, time mathref and the
anchor on it in the same process, report first-call time (which includes Numba
compilation) separately from the best warm time, and print a Markdown table of
ratios ready to paste into RESULTS.md.  Absolute times on a shared machine are
noisy; ratios measured in one run are what we compare.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from dataclasses import dataclass, field


def best_time(fn, *, repeat: int = 5, number: int = 1, budget: float = 20.0) -> float:
    """Best wall time of ``number`` calls of ``fn()``, over up to ``repeat`` trials (seconds per call)."""
    best = float("inf")
    start = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t0) / number)
        if time.perf_counter() - start > budget:
            break
    return best


def first_call(fn) -> float:
    """Wall time of a single (cold) call, compilation included."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def try_import(name: str):
    """Import an anchor if the bench extra installed it, else return None."""
    try:
        return importlib.import_module(name)
    except Exception as exc:  # anchors may fail to import for reasons of their own
        print(f"# anchor {name!r} unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None


def fmt_time(t: float | None) -> str:
    if t is None:
        return "—"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.2f} ms"
    if t >= 1e-6:
        return f"{t * 1e6:.2f} µs"
    return f"{t * 1e9:.0f} ns"


@dataclass
class Table:
    """A Markdown table of workloads with a ratio column."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "|".join("---" for _ in self.columns) + "|"
        body = ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join([head, rule, *body])


def ratio(anchor: float | None, ours: float | None) -> str:
    """``anchor / ours`` formatted as a speed-up (">1" means mathref is faster)."""
    if anchor is None or ours is None or ours == 0:
        return "—"
    return f"{anchor / ours:.2f}×"


def environment() -> str:
    """One line describing the machine and versions, printed above each table."""
    import numpy

    try:
        import numba

        nb = numba.__version__
    except Exception:
        nb = "absent"
    jit = "off" if os.environ.get("NUMBA_DISABLE_JIT") == "1" else "on"
    return (
        f"python {platform.python_version()}, numpy {numpy.__version__}, numba {nb} (jit {jit}), "
        f"{os.cpu_count()} cpus, {platform.machine()}"
    )
