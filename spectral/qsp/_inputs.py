"""Input checks shared by the layers of :mod:`spectral.qsp` (numbers only: no text, no empty phase lists).

numpy converts ``"0.5"`` to the float 0.5 without complaint; a string is never a valid
phase list, target or signal, so it is refused before any conversion.
"""

from __future__ import annotations

import numpy as np


def reject_text(x, name: str) -> None:
    """Raise ``TypeError`` naming ``name`` when x is a string, bytes, or an array of them.

    Examples
    --------
    >>> reject_text([0.5], "phases")
    >>> reject_text("0.5", "phases")
    Traceback (most recent call last):
    ...
    TypeError: phases must be numbers, not text ('0.5')
    """
    if isinstance(x, (str, bytes)) or (isinstance(x, np.ndarray) and x.dtype.kind in "USV"):
        raise TypeError(f"{name} must be numbers, not text ({x!r})")
    if isinstance(x, (list, tuple)) and any(isinstance(v, (str, bytes)) for v in x):
        raise TypeError(f"{name} must be numbers, not text ({x!r})")
