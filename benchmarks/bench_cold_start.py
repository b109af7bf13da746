"""The first minutes (issue 17 §3): import times and the README tour on a cold and a warm Numba cache.

Usage::

    python benchmarks/bench_cold_start.py            # prints Markdown tables for RESULTS.md

Import times come from ``python -X importtime`` in fresh interpreters (the
package's own cumulative line, microseconds).  The tour is every ``python``
block of README.md (doctest prompts stripped), run in one fresh interpreter,
first with an empty ``NUMBA_CACHE_DIR`` (cold: every kernel the tour reaches is
compiled), then again with the cache that run left (warm).  The anchor is the
same tour with mathref's lazy loading defeated by importing every package's
every module up front (``--eager``), which is what the previous layout did.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mathref", "mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics")


def import_time_us(package: str, env=None) -> int:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {package}"], cwd=ROOT,
                          capture_output=True, text=True, env=env, check=True)
    for line in proc.stderr.splitlines():
        fields = [f.strip() for f in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == package:
            return int(fields[1])
    raise RuntimeError(package)


def tour_source() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    lines = []
    for block in blocks:
        if ">>>" in block:
            for line in block.splitlines():
                if line.startswith(">>> ") or line.startswith("... "):
                    lines.append(line[4:])
                elif line in (">>>", "..."):
                    lines.append("")
        else:
            lines.extend(block.splitlines())
        lines.append("")
    return "\n".join(lines)


EAGER = """
import importlib, pkgutil
for name in ("mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics"):
    pkg = importlib.import_module(name)
    for info in pkgutil.walk_packages(pkg.__path__, prefix=name + "."):
        if "strategies" not in info.name:
            importlib.import_module(info.name)
"""


def run_tour(cache_dir: str, *, eager: bool = False) -> float:
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    code = (EAGER if eager else "") + tour_source()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def main() -> None:
    print("| package | import time (ms) | budget |")
    print("|---|---:|---:|")
    for package in PACKAGES:
        best = min(import_time_us(package) for _ in range(3))
        print(f"| `{package}` | {best / 1000:.1f} | 300 |")
    print()
    print("| README tour | cold Numba cache (s) | warm (s) |")
    print("|---|---:|---:|")
    for label, eager in (("mathref (lazy imports)", False), ("every module imported up front", True)):
        with tempfile.TemporaryDirectory() as cache:
            cold = run_tour(cache, eager=eager)
            warm = min(run_tour(cache, eager=eager) for _ in range(2))
        print(f"| {label} | {cold:.1f} | {warm:.1f} |")


if __name__ == "__main__":
    main()
