"""The domain analysis: a lattice of facts about the values of a term, derived per operator.

A fact mask is an int whose bits say what holds for *every* value a term or an
e-class can take: ``REAL``, ``POSITIVE``, ``NONNEGATIVE``, ``NEGATIVE``,
``NONZERO``, ``INTEGER``.  More bits is more knowledge; joining two equal
values ORs their masks.  Symbols get their facts from their declared
assumptions, constants from their value, and every operator has one rule
(:data:`FACT_RULES`) that derives a node's facts from its children's.

Notes
-----
The rules are sound, not complete: a fact is only set when it follows from the
children's facts (and, for ``^``, a known rational exponent) for every value,
principal branches throughout.  Nothing is ever concluded from a floating-point
evaluation.
"""

from __future__ import annotations

__all__ = [
    "REAL",
    "POSITIVE",
    "NONNEGATIVE",
    "NEGATIVE",
    "NONZERO",
    "INTEGER",
    "FACT_RULES",
    "facts_of_constant",
    "make_facts",
]

REAL = 1
POSITIVE = 2
NONNEGATIVE = 4
NEGATIVE = 8
NONZERO = 16
INTEGER = 32

_POSITIVE_REAL = REAL | POSITIVE | NONNEGATIVE | NONZERO


def facts_of_constant(value) -> int:
    """Domain facts of an exact rational constant.

    >>> from fractions import Fraction
    >>> facts_of_constant(Fraction(-2)) == REAL | NEGATIVE | NONZERO | INTEGER
    True
    """
    f = REAL
    if value > 0:
        f |= POSITIVE | NONNEGATIVE | NONZERO
    elif value < 0:
        f |= NEGATIVE | NONZERO
    else:
        f |= NONNEGATIVE
    if value.denominator == 1:
        f |= INTEGER
    return f


# ---------------------------------------------------------------- one rule per operator
# Each rule is ``rule(payload, child_facts, child_consts) -> mask``; ``payload`` is the
# leaf payload (a constant, or a symbol's facts), the children come as tuples.


def _facts_of_number(payload, child_facts, child_consts) -> int:
    return facts_of_constant(payload)


def _facts_of_symbol(payload, child_facts, child_consts) -> int:
    return payload


def _facts_of_pi(payload, child_facts, child_consts) -> int:
    return _POSITIVE_REAL


def _facts_of_imaginary_unit(payload, child_facts, child_consts) -> int:
    return NONZERO


def _facts_of_sum(payload, child_facts, child_consts) -> int:
    a, b = child_facts
    f = 0
    if a & b & REAL:
        f |= REAL
        if a & b & INTEGER:
            f |= INTEGER
        if a & b & NONNEGATIVE:
            f |= NONNEGATIVE
            if (a | b) & POSITIVE:
                f |= POSITIVE | NONZERO
        if (a & NEGATIVE and b & (NEGATIVE | NONNEGATIVE) == NEGATIVE) or (b & NEGATIVE and a & NEGATIVE):
            f |= NEGATIVE | NONZERO
    return f


def _facts_of_product(payload, child_facts, child_consts) -> int:
    a, b = child_facts
    f = 0
    if a & b & NONZERO:
        f |= NONZERO
    if a & b & REAL:
        f |= REAL
        if a & b & INTEGER:
            f |= INTEGER
        if (a & b & POSITIVE) or (a & b & NEGATIVE):
            f |= POSITIVE | NONNEGATIVE
        elif (a & POSITIVE and b & NEGATIVE) or (a & NEGATIVE and b & POSITIVE):
            f |= NEGATIVE
        if a & b & NONNEGATIVE:
            f |= NONNEGATIVE
    return f


def _facts_of_integer_power(a: int, k: int) -> int:
    """Facts of ``x**k`` for an integer ``k``, given the facts ``a`` of ``x`` (NONZERO excluded)."""
    f = 0
    if a & REAL and (k >= 0 or a & NONZERO):
        f |= REAL
        if k >= 0 and a & INTEGER:
            f |= INTEGER
        if k % 2 == 0:
            f |= NONNEGATIVE
            if a & NONZERO or k == 0:
                f |= POSITIVE | NONZERO
        elif a & POSITIVE:
            f |= POSITIVE | NONNEGATIVE
        elif a & NEGATIVE:
            f |= NEGATIVE
        elif a & NONNEGATIVE:
            f |= NONNEGATIVE
    return f


def _facts_of_power(payload, child_facts, child_consts) -> int:
    a, b = child_facts
    e = child_consts[1]
    f = NONZERO if a & NONZERO else 0
    if e is not None and e.denominator == 1:
        return f | _facts_of_integer_power(a, e.numerator)
    if a & POSITIVE and b & REAL:
        return f | _POSITIVE_REAL
    if e is not None and e > 0 and a & NONNEGATIVE:
        return f | REAL | NONNEGATIVE
    return f


def _facts_of_exp(payload, child_facts, child_consts) -> int:
    return _POSITIVE_REAL if child_facts[0] & REAL else NONZERO


def _facts_of_log(payload, child_facts, child_consts) -> int:
    return REAL if child_facts[0] & POSITIVE else 0


def _facts_of_sine_or_cosine(payload, child_facts, child_consts) -> int:
    return REAL if child_facts[0] & REAL else 0


def _facts_of_tan(payload, child_facts, child_consts) -> int:
    return 0


def _facts_of_abs(payload, child_facts, child_consts) -> int:
    (a,) = child_facts
    f = REAL | NONNEGATIVE
    if a & NONZERO:
        f |= POSITIVE | NONZERO
    if a & INTEGER:
        f |= INTEGER
    return f


FACT_RULES = {
    "num": _facts_of_number,
    "sym": _facts_of_symbol,
    "pi": _facts_of_pi,
    "I": _facts_of_imaginary_unit,
    "+": _facts_of_sum,
    "*": _facts_of_product,
    "^": _facts_of_power,
    "exp": _facts_of_exp,
    "log": _facts_of_log,
    "sin": _facts_of_sine_or_cosine,
    "cos": _facts_of_sine_or_cosine,
    "tan": _facts_of_tan,
    "abs": _facts_of_abs,
}


def make_facts(op: str, payload, child_facts, child_consts) -> int:
    """Domain facts of a node from the facts of its children (sound, not complete).

    ``payload`` is the leaf payload (a constant or a symbol's facts); children
    are given as tuples of fact masks and constants (None when unknown).  The
    rule of each operator is :data:`FACT_RULES[op] <FACT_RULES>`; an operator
    without a rule gets no facts.

    >>> make_facts("exp", None, (REAL,), (None,)) & POSITIVE == POSITIVE
    True
    >>> make_facts("log", None, (0,), (None,))
    0
    """
    rule = FACT_RULES.get(op)
    return 0 if rule is None else rule(payload, child_facts, child_consts)
