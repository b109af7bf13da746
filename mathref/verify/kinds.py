"""What a verification kind is, and how the packages publish theirs.

A kind knows three things about one family of reference values: how to name an
entry (its label columns), how to compute the exact value of any entry (rounded
once to a double), and which other conventions a user's table might be in.  The
comparison engine in :mod:`mathref.verify.engine` knows nothing about the
mathematics.

Each package publishes its kinds as a ``VERIFY_KINDS`` sequence in its own
``verify`` module (``spectral.verify_kinds``, since ``spectral.verify`` is a
function), built on that package's public functions, and names it in the
``mathref.verify`` entry-point group of ``pyproject.toml`` (as ``mathref tables``
finds ``TABLE_KINDS``), so this ground-floor package never imports the packages
above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["Entries", "Convention", "VerifyKind", "ENTRY_POINT_GROUP", "load_kinds", "get_kind"]

ENTRY_POINT_GROUP = "mathref.verify"


@dataclass(frozen=True, eq=False)
class Entries:
    """The entries of a table under test, in a kind's label order.

    Attributes
    ----------
    labels : numpy.ndarray
        float64 array ``(n, k)``; half-integers are exact in binary.
    values : numpy.ndarray
        float64 or complex128 array ``(n,)`` of the user's values.
    context : dict
        Kind-specific data the reference needs (QSP: the targets and phases).
    complete : bool
        True when the entries cover their whole range by construction (a dense
        array, a callable sampled by mathref), so no entry can be missing.

    Examples
    --------
    >>> e = Entries(np.zeros((1, 2)), np.ones(1))
    >>> len(e)
    1
    """

    labels: np.ndarray
    values: np.ndarray
    context: dict = field(default_factory=dict)
    complete: bool = False

    def __post_init__(self):
        labels, values = np.asarray(self.labels), np.asarray(self.values)
        if labels.dtype == object or values.dtype == object or not (
                np.issubdtype(labels.dtype, np.number) and np.issubdtype(values.dtype, np.number)):
            raise InvalidTypeError("Entries: labels and values must be numeric arrays")
        if labels.ndim != 2 or values.ndim != 1 or labels.shape[0] != values.shape[0]:
            raise InvalidArgumentError(f"Entries: labels must be (n, k) and values (n,), got {labels.shape} and "
                                       f"{values.shape}")
        if not isinstance(self.context, dict):
            raise InvalidTypeError("Entries: context must be a dict")
        object.__setattr__(self, "labels", labels.astype(float, copy=False))
        object.__setattr__(self, "values", values if np.iscomplexobj(values) else values.astype(float, copy=False))

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def with_(self, **changes: object) -> "Entries":
        """A copy with some fields replaced."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Convention:
    """Another convention a table might be written in.

    ``to_ours(entries)`` maps entries written in this convention to ours (new
    labels and/or values); if the result matches the exact values, the table is
    "in convention ``name``".

    Examples
    --------
    >>> flip = Convention("negated", "every value times -1", lambda e: e.with_(values=-e.values))
    >>> flip.to_ours(Entries(np.zeros((1, 1)), np.ones(1))).values
    array([-1.])
    """

    name: str
    description: str
    to_ours: Callable[[Entries], Entries]

    def __post_init__(self):
        if not isinstance(self.name, str) or not isinstance(self.description, str) or not callable(self.to_ours):
            raise InvalidTypeError("Convention(name: str, description: str, to_ours: callable)")


def _positional_call(func: Callable[..., object], row: Sequence[object]) -> object:
    return func(*row)


@dataclass(frozen=True)
class VerifyKind:
    """One kind of reference value that ``mathref verify`` can check.

    Attributes
    ----------
    name : str
        The word used on the command line (``cg``, ``3j``, ``sh``, ...).
    description : str
        One line for ``mathref verify --help``.
    labels : tuple of str
        Label column names, in our argument order.
    reference : callable
        ``reference(labels, context) -> (expected, valid)``: the exact values
        rounded to doubles (0.0 for selection-rule zeros) and a boolean mask of
        well-formed labels.
    sample : callable
        ``sample(options) -> labels``: where a user's callable is queried.
    expected_nonzeros : callable or None
        ``expected_nonzeros(labels, options) -> labels`` of every nonzero entry in
        the range the table covers, for the missing-entry check; None: no check.
    conventions : tuple of Convention
        Candidates tried when the table does not match ours.
    m_of : dict
        For dense layouts: projection label -> the label it is measured from
        (``{"m1": "j1"}``: axis index i means m1 = i - j1).
    from_input : callable or None
        ``from_input(raw, options) -> Entries`` for kinds whose input is not a
        label -> value table (QSP phases); None for ordinary kinds.
    rtol, atol : float
        Default tolerances of the kind.
    call : callable
        ``call(func, label_row)``: how a user's callable is called at one entry.
    value_columns : tuple of tuple of str
        Column names that hold the values, tried in order (real, or real + imag).
    """

    name: str
    description: str
    labels: tuple
    reference: Callable
    sample: Callable
    expected_nonzeros: Callable | None = None
    conventions: tuple = ()
    m_of: dict = field(default_factory=dict)
    from_input: Callable | None = None
    rtol: float = 1e-12
    atol: float = 1e-14
    call: Callable = _positional_call
    value_columns: tuple = (("value",), ("real", "imag"))

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name or not isinstance(self.description, str):
            raise InvalidTypeError("VerifyKind: name and description must be strings")
        if not isinstance(self.labels, tuple) or not all(isinstance(x, str) for x in self.labels) or not self.labels:
            raise InvalidTypeError("VerifyKind: labels must be a non-empty tuple of str")
        if not callable(self.reference) or not callable(self.sample) or not callable(self.call):
            raise InvalidTypeError("VerifyKind: reference, sample and call must be callable")
        if not all(isinstance(c, Convention) for c in self.conventions):
            raise InvalidTypeError("VerifyKind: conventions must be Convention objects")


def load_kinds() -> dict[str, VerifyKind]:
    """Every verification kind an installed package publishes, by name.

    Examples
    --------
    >>> {"cg", "3j", "6j", "9j", "gaunt", "real_gaunt", "sh", "real_sh", "wigner_d", "qsp"} <= set(load_kinds())
    True
    """
    from importlib.metadata import entry_points

    kinds: dict[str, VerifyKind] = {}
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        for kind in point.load():
            if kind.name in kinds:
                raise RuntimeError(f"verify kind {kind.name!r} is published twice (entry point {point.name!r})")
            kinds[kind.name] = kind
    return kinds


_ALIASES = {"clebsch_gordan": "cg", "wigner_3j": "3j", "wigner_6j": "6j", "wigner_9j": "9j",
            "sph_harm": "sh", "real_sph_harm": "real_sh", "wigner_D": "wigner_d"}


def get_kind(kind: str | VerifyKind) -> VerifyKind:
    """A kind by name (or the kind itself).

    Examples
    --------
    >>> get_kind("wigner_3j").name
    '3j'
    """
    if isinstance(kind, VerifyKind):
        return kind
    if not isinstance(kind, str):
        raise InvalidTypeError(f"kind must be a kind name (str), got {type(kind).__name__}")
    kinds = load_kinds()
    name = _ALIASES.get(kind, kind)
    if name not in kinds:
        raise InvalidArgumentError(f"kind={kind!r} is not a verify kind; choose from {', '.join(sorted(kinds))}")
    return kinds[name]
