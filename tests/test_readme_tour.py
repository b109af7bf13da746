"""The README's tour runs: its plain code blocks (not doctested) execute without error in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def plain_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b for b in re.findall(r"```python\n(.*?)```", text, flags=re.S) if ">>>" not in b]


def test_plain_readme_blocks_run():
    blocks = plain_python_blocks()
    assert blocks, "the README has no plain python blocks"
    proc = subprocess.run([sys.executable, "-c", "\n\n".join(blocks)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
