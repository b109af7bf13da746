"""Sphinx configuration: the documentation site built from the docstrings.

Build with ``python -m sphinx -W -b html docs docs/_build/html`` (CI does, with
warnings as errors).  The Markdown pages in ``docs/`` are read by MyST; the
executed notebooks in ``notebooks/`` are rendered as they are stored (never
re-executed here: the test suite executes them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import mathref

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

project = "mathref"
author = "the mathref developers"
copyright = "2026, the mathref developers"
release = mathref.__version__
version = mathref.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_nb",
]

# The notebooks are copied in (they live beside the code, not in docs/).
_NOTEBOOKS = HERE / "notebooks"
shutil.rmtree(_NOTEBOOKS, ignore_errors=True)
_NOTEBOOKS.mkdir()
for _nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
    shutil.copy2(_nb, _NOTEBOOKS / _nb.name)

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "README.md"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
suppress_warnings = [
    "myst.header",  # the notebooks start at level-2 headings in places
    "mystnb.unknown_mime_type",  # widget outputs that only a live kernel shows
    "ref.python",  # a word such as `shape` in a parameter type names attributes of several classes
]

autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True  # dataclass fields are documented once, by autodoc
nitpicky = False

html_theme = "alabaster"
html_title = f"mathref {release}"


# Docstrings are written to be read in a terminal first: |m| is an absolute value,
# j_ a subscript, x*y a product.  To reStructuredText those are substitutions,
# link targets and emphasis, so they are escaped here, outside inline literals and
# doctest blocks, before napoleon and autodoc read them.
import re  # noqa: E402

_LITERAL = re.compile(r"(``.*?``|`[^`]*`)")
_BARE = re.compile(
    r"(?<![\\|])\|(?!\|)"  # |m|: an absolute value, not a substitution
    r"|(?<=\w)_(?=[^\w{]|$)"  # J_+, j_ : a subscript, not a link target
    r"|(?<=[\w)\]])\*(?=[\w(\[])"  # x*y: a product, not emphasis
    r"|(?<=\s)\*(?=[\s),.;:]|$)"  # a lone * (the operator named in prose)
)


def _escape_plain_text(line: str) -> str:
    parts = _LITERAL.split(line)
    for i in range(0, len(parts), 2):  # even pieces lie outside the literals
        parts[i] = _BARE.sub(lambda m: "\\" + m.group(0), parts[i])
    return "".join(parts)


def _escape_docstring(app, what, name, obj, options, lines):
    in_doctest = False
    in_literal_block = False
    literal_indent = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped.startswith(">>>"):
            in_doctest = True
        elif in_doctest and not stripped:
            in_doctest = False
        if in_literal_block:
            if stripped and indent <= literal_indent:
                in_literal_block = False
            else:
                continue
        if in_doctest or stripped.startswith(".. ") or stripped.startswith(":"):
            continue
        lines[i] = _escape_plain_text(line)
        if stripped.endswith("::"):
            in_literal_block, literal_indent = True, indent


def setup(app):
    app.connect("autodoc-process-docstring", _escape_docstring, priority=400)
