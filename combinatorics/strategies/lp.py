"""Hypothesis strategies for LP/MILP models that LP and MPS files hold exactly, for round-trip tests.

Examples
--------
>>> from hypothesis import given, settings
>>> from mathref.combinatorics import read_mps
>>> from mathref.combinatorics.strategies.lp import writable_lp_models
>>> @settings(max_examples=10, deadline=None)
... @given(writable_lp_models(max_variables=4))
... def test_mps_round_trip(m):
...     assert read_mps(m.to_mps()) == m
>>> test_mps_round_trip()
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError

from ..lp import INF, VARIABLE_TYPES, LPModel

__all__ = ["writable_lp_models"]


def _decimals(max_abs, places, nonzero=False):
    """Terminating decimals with ``places`` digits after the point in [-max_abs, max_abs]."""
    scale = 10 ** places
    ints = st.integers(-max_abs * scale, max_abs * scale)
    if nonzero:
        ints = ints.filter(lambda k: k != 0)
    return ints.map(lambda k: Fraction(k, scale))


@st.composite
def _models(draw, max_variables, max_constraints, types, ranged, constant, max_abs, places, empty_rows):
    num = _decimals(max_abs, places)
    nonzero = _decimals(max_abs, places, nonzero=True)
    positive = nonzero.map(abs)
    n = draw(st.integers(1, max_variables))
    m = draw(st.integers(0, max_constraints))
    rows = []
    for _ in range(m):
        cols = draw(st.lists(st.integers(0, n - 1), unique=True, min_size=0 if empty_rows else 1, max_size=n))
        rows.append(tuple(sorted((j, draw(nonzero)) for j in cols)))
    senses, rhs, range_lower = [], [], []
    for _ in range(m):
        b = draw(num)
        kind = draw(st.sampled_from(["<=", ">=", "==", "range"] if ranged else ["<=", ">=", "=="]))
        if kind == "range":
            senses.append("<=")
            rhs.append(b)
            range_lower.append(b - draw(positive))
        else:
            senses.append(kind)
            rhs.append(b)
            range_lower.append(None)
    integrality = tuple(draw(st.sampled_from(types)) for _ in range(n))
    lower, upper = [], []
    for t in integrality:
        if t in (2, 3):  # semi-continuous / semi-integer: 0 or [lo, hi] with 0 <= lo < hi finite
            lo = draw(num.map(abs))
            lower.append(lo)
            upper.append(lo + draw(positive))
            continue
        lo = draw(st.one_of(st.just(Fraction(0)), st.just(-INF), num))
        hi = draw(st.one_of(st.just(INF), positive.map(lambda w, lo=lo: (Fraction(0) if lo == -INF else lo) + w)))
        if lo != -INF and hi != INF and draw(st.booleans()):
            hi = lo  # a fixed variable
        lower.append(lo)
        upper.append(hi)
    objective = tuple(draw(num) for _ in range(n))
    c0 = draw(num) if constant else Fraction(0)
    sense = draw(st.sampled_from(["min", "max"]))
    return LPModel(sense, objective, tuple(rows), tuple(senses), tuple(rhs), tuple(lower), tuple(upper), integrality,
                   tuple(f"x{j}" for j in range(n)), tuple(f"c{i}" for i in range(m)), c0, "", tuple(range_lower))


def writable_lp_models(*, max_variables: int = 6, max_constraints: int = 5,
                       variable_types: Sequence[int] = (0, 1, 2, 3), ranged_rows: bool = True,
                       objective_constant: bool = True, max_abs: int = 10, places: int = 2,
                       empty_rows: bool = True) -> st.SearchStrategy[LPModel]:
    """Small LP/MILP models whose numbers are terminating decimals, so LP and MPS text holds them exactly.

    Parameters
    ----------
    max_variables, max_constraints : int
    variable_types : sequence of int
        Integrality codes to draw from (0 continuous, 1 integer, 2 semi-continuous, 3 semi-integer).
        Semi variables get finite bounds 0 <= lower < upper (what HiGHS can solve).
    ranged_rows, objective_constant, empty_rows : bool
        Whether to draw ranged rows, a nonzero objective constant, rows without variables.
    max_abs : int
        Bound on the magnitude of the numbers.
    places : int
        Decimal places of the numbers.

    Examples
    --------
    >>> m = writable_lp_models(max_variables=3, variable_types=(0, 2)).example()
    >>> 1 <= m.n_variables <= 3 and set(m.integrality) <= {0, 2}
    True
    """
    if not (isinstance(max_variables, int) and isinstance(max_constraints, int) and max_variables >= 1
            and max_constraints >= 0):
        raise InvalidArgumentError(f"need max_variables >= 1 and max_constraints >= 0, got {max_variables}, "
                                   f"{max_constraints}")
    types = tuple(variable_types)
    if not types or any(t not in VARIABLE_TYPES for t in types):
        raise InvalidArgumentError(f"variable_types={variable_types!r} must be a non-empty subset of {{0, 1, 2, 3}}")
    if not (isinstance(max_abs, int) and max_abs >= 1 and isinstance(places, int) and 0 <= places <= 12):
        raise InvalidArgumentError(f"need an int max_abs >= 1 and 0 <= places <= 12, got {max_abs}, {places}")
    return _models(max_variables, max_constraints, types, bool(ranged_rows), bool(objective_constant), max_abs,
                   places, bool(empty_rows))
