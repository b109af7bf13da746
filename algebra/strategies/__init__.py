"""Hypothesis strategies for algebra: coupling labels and chemical species.

Import these into your own test-suites::

    from mathref.algebra.strategies import coupling_labels

This package imports hypothesis; the runtime package ``algebra`` never does.
"""

from .coupling import *  # noqa: F401,F403
from .coupling import __all__ as _coupling_all
from .gaunt import *  # noqa: F401,F403,E402  (issue 3)
from .gaunt import __all__ as _gaunt_all  # noqa: E402

__all__ = list(_coupling_all) + list(_gaunt_all)
# chemistry strategies (issue 6) are added below
from .chemistry import *  # noqa: F401,F403,E402
from .chemistry import __all__ as _chemistry_all  # noqa: E402

__all__ += list(_chemistry_all)
