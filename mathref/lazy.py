"""Lazy re-exports for the four packages (in the spirit of Scientific Python's SPEC 1).

Importing ``mathref.geometry`` should cost milliseconds, not the seconds that
numba, sympy and scipy take to import.  Each package ``__init__`` therefore lists
its re-exports as ordinary ``from .module import name`` statements inside an
``if TYPE_CHECKING:`` block — type checkers, IDEs and the layout test read them
there — and calls :func:`attach`, which reads those same statements from the
file's source and loads each name from its module on first attribute access.
One list of names, two readers: the re-exports cannot drift apart.

Submodules load on first access too (``mathref.algebra.angular`` works right
after ``import mathref.algebra``).  Where a re-export shares its name with the
submodule that defines it (``mathref.geometry.sph_harm`` the function, from
``mathref.geometry.sph_harm`` the module), the re-export wins, as it did with
eager imports: the import system's binding of the submodule on its package is
redirected to the function.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Callable

from .errors import InvalidArgumentError, InvalidTypeError

__all__ = ["attach", "lazy_names"]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def lazy_names(package: str, init_file: str) -> dict[str, tuple[str, str]]:
    """The re-exports declared in ``init_file``'s ``if TYPE_CHECKING:`` block: name -> (module, attribute).

    Examples
    --------
    >>> import mathref.geometry as g
    >>> lazy_names("mathref.geometry", g.__file__)["sph_harm"]
    ('mathref.geometry.sph_harm', 'sph_harm')
    """
    path = Path(init_file) if isinstance(init_file, (str, Path)) else None
    if path is None or path.name not in ("__init__.py", "__init__.pyi") or not path.is_file():
        raise InvalidArgumentError(f"init_file={init_file!r} must be the path of a package's __init__.py")
    if not isinstance(package, str) or not package:
        raise InvalidTypeError(f"package={package!r} must be a dotted package name")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    table: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and _is_type_checking(node.test)):
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.ImportFrom):
                module = importlib.util.resolve_name("." * stmt.level + (stmt.module or ""), package)
                for alias in stmt.names:
                    table[alias.asname or alias.name] = (module, alias.name)
    return table


def attach(package: str, init_file: str) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Module-level ``__getattr__`` and ``__dir__`` that load the declared re-exports on first use.

    Use as ``__getattr__, __dir__ = attach(__name__, __file__)`` at the end of a
    package ``__init__``.  A loaded name is stored in the package's namespace, so
    the lookup happens once.

    Examples
    --------
    >>> import sys, mathref.spectral
    >>> callable(mathref.spectral.chebyshev_points)
    True
    >>> "chebyshev_points" in dir(mathref.spectral)
    True
    """
    table = lazy_names(package, init_file)

    def __getattr__(name: str):
        namespace = sys.modules[package].__dict__
        if name in table:
            module, attribute = table[name]
            owner = importlib.import_module(module)
            try:
                value = getattr(owner, attribute)
            except AttributeError:  # `from . import submodule`
                value = importlib.import_module(f"{module}.{attribute}")
        elif not name.startswith("__") and importlib.util.find_spec(f"{package}.{name}") is not None:
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(sys.modules[package].__dict__) | set(table))

    class LazyPackage(types.ModuleType):
        def __setattr__(self, name, value):
            # the import system binds a finished submodule on its package; keep a same-named re-export instead
            if name in table and isinstance(value, types.ModuleType) and value.__name__ == f"{package}.{name}":
                module, attribute = table[name]
                if module == value.__name__:
                    value = getattr(value, attribute)
            super().__setattr__(name, value)

    sys.modules[package].__class__ = LazyPackage
    return __getattr__, __dir__
