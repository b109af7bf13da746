"""Optional dependencies: import them where a feature needs them, or say which extra installs them.

>>> math = require("math", extra="none", feature="doc example")
>>> math.sqrt(4.0)
2.0
>>> try:
...     require("no_such_package_xyz", extra="strategies", feature="mathref.algebra.strategies")
... except MissingDependencyError as exc:
...     print(exc)
mathref.algebra.strategies needs the optional package 'no_such_package_xyz': pip install "mathref[strategies]"
"""

from __future__ import annotations

import importlib
import types

from .errors import MissingDependencyError

__all__ = ["require", "MissingDependencyError"]


def require(module: str, *, extra: str, feature: str) -> types.ModuleType:
    """Import ``module`` and return it, or raise :class:`MissingDependencyError` naming ``extra``.

    ``MissingDependencyError`` is a ``ModuleNotFoundError``, so code that already
    catches ``ImportError`` keeps working.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module != exc.name and not module.startswith(exc.name + "."):
            raise  # the module exists but one of ITS imports is missing: let that error speak
        raise MissingDependencyError(
            f'{feature} needs the optional package {module!r}: pip install "mathref[{extra}]"',
            name=module,
        ) from exc
