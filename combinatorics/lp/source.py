"""Where LP and MPS text comes from: a string of model text or the path of a file."""

from __future__ import annotations

import os

__all__ = ["read_source"]


def read_source(text_or_path) -> str:
    """The text of ``text_or_path``: the file's contents for a path (or a one-line str naming a file), else the str.

    Examples
    --------
    >>> read_source("Minimize\\n obj: x\\nEnd").splitlines()[0]
    'Minimize'
    """
    if isinstance(text_or_path, os.PathLike):
        with open(text_or_path, encoding="utf-8") as fh:
            return fh.read()
    if not isinstance(text_or_path, str):
        raise TypeError(f"text_or_path must be a str or a path, got {type(text_or_path).__name__}")
    if "\n" not in text_or_path and os.path.isfile(text_or_path):
        with open(text_or_path, encoding="utf-8") as fh:
            return fh.read()
    return text_or_path
