"""Canonical texts of node and edge labels, the same on every run and platform.

Exact: numbers are compared by value (``1``, ``1.0`` and ``Fraction(2, 2)`` are
one label), and a label's text never depends on Python's ``hash()``, so colour
numbers and graph hashes built from these texts are reproducible.
"""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["label_text", "encode_labels"]


def label_text(value: object, *, strict: bool = True) -> str:
    """Canonical text of a node or edge label, the same on every run and platform.

    Numbers compare by exact value, so ``1``, ``1.0`` and ``Fraction(2, 2)``
    are the same label (as they are equal in Python); ``-0.0`` equals ``0``.
    Booleans, strings, ``None``, bytes, and tuples or frozensets of these are
    also accepted.  With ``strict=False`` any other object falls back to its
    type name and ``repr`` (fine for one refinement, not for stored hashes).

    Examples
    --------
    >>> label_text(1) == label_text(1.0) == label_text(Fraction(2, 2))
    True
    >>> label_text((1, "a"))
    'tuple[2]:5:num:15:str:a'
    """
    if not isinstance(strict, (bool, np.bool_)):
        raise InvalidTypeError(f"strict={strict!r} must be a bool")
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return f"bool:{bool(value)}"
    if isinstance(value, str):
        return "str:" + value
    if isinstance(value, bytes):
        return "bytes:" + value.hex()
    if isinstance(value, numbers.Integral):
        return f"num:{int(value)}"
    if isinstance(value, numbers.Rational):
        num, den = value.numerator, value.denominator
        num = num() if callable(num) else num
        den = den() if callable(den) else den
        q = Fraction(int(num), int(den))
        return f"num:{q.numerator}" if q.denominator == 1 else f"num:{q.numerator}/{q.denominator}"
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        x = float(value)
        if x != x:
            return "num:nan"
        if x in (float("inf"), float("-inf")):
            return "num:inf" if x > 0 else "num:-inf"
        return label_text(Fraction(x))
    if isinstance(value, tuple):
        parts = [label_text(v, strict=strict) for v in value]
        return f"tuple[{len(parts)}]:" + "".join(f"{len(p)}:{p}" for p in parts)
    if isinstance(value, frozenset):
        parts = sorted(label_text(v, strict=strict) for v in value)
        return f"set[{len(parts)}]:" + "".join(f"{len(p)}:{p}" for p in parts)
    if strict:
        raise InvalidTypeError(
            f"label {value!r} of type {type(value).__name__} has no stable canonical form; "
            "use numbers, strings, None, bytes, or tuples/frozensets of these"
        )
    return f"obj:{type(value).__qualname__}:{value!r}"


def encode_labels(values: Iterable[object], *, strict: bool) -> tuple[np.ndarray, tuple[str, ...]]:
    """Map label values to ranks of their canonical texts; return (int64 codes, sorted texts).

    Examples
    --------
    >>> codes, vocabulary = encode_labels(["b", "a", "b"], strict=True)
    >>> codes.tolist(), vocabulary
    ([1, 0, 1], ('str:a', 'str:b'))
    """
    if not isinstance(strict, (bool, np.bool_)):
        raise InvalidTypeError(f"strict={strict!r} must be a bool")
    try:
        values = list(values)
    except TypeError:
        raise InvalidTypeError(f"values must be an iterable of labels, got {type(values).__name__}") from None
    texts = [label_text(v, strict=strict) for v in values]
    vocab = sorted(set(texts))
    rank = {t: i for i, t in enumerate(vocab)}
    return np.fromiter((rank[t] for t in texts), dtype=np.int64, count=len(texts)), tuple(vocab)
