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
