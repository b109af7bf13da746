"""The domain analysis: a lattice of facts about the values of a term, derived per operator.

A fact mask is an int whose bits say what holds for *every* value a term or an
e-class can take: ``REAL``, ``POSITIVE``, ``NONNEGATIVE``, ``NEGATIVE``,
``NONZERO``, ``INTEGER``, ``EVEN``, ``ODD``, ``NONPOSITIVE`` (a value that is
both nonnegative and nonpositive is zero).  More bits is more knowledge; joining two equal
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

from collections.abc import Sequence
from fractions import Fraction

__all__ = [
    "REAL",
    "POSITIVE",
    "NONNEGATIVE",
    "NEGATIVE",
    "NONZERO",
    "INTEGER",
    "EVEN",
    "ODD",
    "NONPOSITIVE",
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
EVEN = 64
ODD = 128
NONPOSITIVE = 256

_POSITIVE_REAL = REAL | POSITIVE | NONNEGATIVE | NONZERO


def facts_of_constant(value: int | Fraction) -> int:
    """Domain facts of an exact rational constant.

    >>> from fractions import Fraction
    >>> facts_of_constant(Fraction(-2)) == REAL | NEGATIVE | NONZERO | INTEGER | EVEN | NONPOSITIVE
    True
    """
    from ._validate import check_rational

    return _facts_of_constant(check_rational(value, "value"))


def _facts_of_constant(value: Fraction) -> int:
    """:func:`facts_of_constant` of a checked rational (the e-graph's hot path)."""
    f = REAL
    if value > 0:
        f |= POSITIVE | NONNEGATIVE | NONZERO
    elif value < 0:
        f |= NEGATIVE | NONZERO | NONPOSITIVE
    else:
        f |= NONNEGATIVE | NONPOSITIVE
    if value.denominator == 1:
        f |= INTEGER | (ODD if value.numerator % 2 else EVEN)
    return f


# ---------------------------------------------------------------- one rule per operator
# Each rule is ``rule(payload, child_facts, child_consts) -> mask``; ``payload`` is the
# leaf payload (a constant, or a symbol's facts), the children come as tuples.


def _facts_of_number(payload, child_facts, child_consts) -> int:
    return _facts_of_constant(payload)


def _facts_of_symbol(payload, child_facts, child_consts) -> int:
    return payload


def _facts_of_pi(payload, child_facts, child_consts) -> int:
    return _POSITIVE_REAL


def _facts_of_imaginary_unit(payload, child_facts, child_consts) -> int:
    return NONZERO


def _parity_of_sum(a: int, b: int) -> int:
    if (a & b & EVEN) or (a & b & ODD):
        return EVEN
    if (a & EVEN and b & ODD) or (a & ODD and b & EVEN):
        return ODD
    return 0


def _parity_of_product(a: int, b: int) -> int:
    if (a & EVEN and b & INTEGER) or (b & EVEN and a & INTEGER):
        return EVEN
    if a & b & ODD:
        return ODD
    return 0


def _facts_of_sum(payload, child_facts, child_consts) -> int:
    a, b = child_facts
    f = _parity_of_sum(a, b)
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
        if a & b & NONPOSITIVE:
            f |= NONPOSITIVE
            if (a | b) & NEGATIVE:
                f |= NEGATIVE | NONZERO
    return f


def _facts_of_product(payload, child_facts, child_consts) -> int:
    a, b = child_facts
    if any(c == 0 for c in child_consts if c is not None):
        # 0 * x is 0 wherever x is defined (definedness is tracked apart): the facts of 0, as the class that
        # x * 0 joins after the zero rule, so an explanation's replay derives what the e-graph knew
        return _facts_of_constant(Fraction(0))
    f = _parity_of_product(a, b)
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
        if a & b & NONNEGATIVE or a & b & NONPOSITIVE:
            f |= NONNEGATIVE
        if (a & NONNEGATIVE and b & NONPOSITIVE) or (a & NONPOSITIVE and b & NONNEGATIVE):
            f |= NONPOSITIVE
    return f


def _facts_of_square(a: int) -> int:
    """Extra facts of ``x * x`` (both factors the same value) given the facts ``a`` of x: a real square is >= 0.

    The product rule alone sees two children's facts, not that they are one value, so ``r * r`` for a real r
    would carry no sign while its equal ``r**2`` does; the e-graph (children in one class) and the term
    analysis that re-checks explanations (children equal as terms) both add this.
    """
    return NONNEGATIVE if a & REAL else 0


def _facts_of_integer_power(a: int, k: int) -> int:
    """Facts of ``x**k`` for an integer ``k``, given the facts ``a`` of ``x`` (NONZERO excluded)."""
    f = 0
    if a & REAL and (k >= 0 or a & NONZERO):
        f |= REAL
        if k >= 0 and a & INTEGER:
            f |= INTEGER
            if k == 0 or a & ODD:
                f |= ODD
            elif a & EVEN:
                f |= EVEN
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


def _facts_of_odd_monotone(payload, child_facts, child_consts) -> int:
    # sinh, tanh, asinh, atan: real and sign-preserving on the reals (zero only at zero)
    (a,) = child_facts
    if not a & REAL:
        return 0
    return a & (REAL | POSITIVE | NONNEGATIVE | NEGATIVE | NONZERO)


def _facts_of_cosh(payload, child_facts, child_consts) -> int:
    return _POSITIVE_REAL if child_facts[0] & REAL else 0


def _facts_of_sign(payload, child_facts, child_consts) -> int:
    (a,) = child_facts
    f = a & NONZERO
    if a & REAL:
        f |= REAL | INTEGER | (a & (POSITIVE | NONNEGATIVE | NEGATIVE))
        if a & NONZERO:
            f |= ODD
    return f


def _no_facts(payload, child_facts, child_consts) -> int:
    # asin, acos, acosh, atanh: real only on part of the real line; nothing holds for every value
    return 0


def _facts_of_abs(payload, child_facts, child_consts) -> int:
    (a,) = child_facts
    f = REAL | NONNEGATIVE
    if a & NONZERO:
        f |= POSITIVE | NONZERO
    if a & INTEGER:
        f |= INTEGER | (a & (EVEN | ODD))
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
    "sign": _facts_of_sign,
    "sinh": _facts_of_odd_monotone,
    "tanh": _facts_of_odd_monotone,
    "asinh": _facts_of_odd_monotone,
    "atan": _facts_of_odd_monotone,
    "cosh": _facts_of_cosh,
    "asin": _no_facts,
    "acos": _no_facts,
    "acosh": _no_facts,
    "atanh": _no_facts,
}


def make_facts(op: str, payload: object, child_facts: Sequence[int], child_consts: Sequence[Fraction | None]) -> int:
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
    from ._validate import check_fact_inputs

    op, payload, child_facts, child_consts = check_fact_inputs(op, payload, child_facts, child_consts)
    return _make_facts(op, payload, child_facts, child_consts)


def _make_facts(op: str, payload: object, child_facts: Sequence[int],
                child_consts: Sequence[Fraction | None]) -> int:
    """:func:`make_facts` on checked arguments (the e-graph's hot path)."""
    rule = FACT_RULES.get(op)
    return 0 if rule is None else rule(payload, child_facts, child_consts)
