"""Models to and from HiGHS (``highspy``), the reference reader and solver the round-trip tests compare with.

Floating point: HiGHS holds doubles, so a model read back from HiGHS has
float numbers; compare it with an exact model through
:meth:`LPModel.as_float`.  ``highspy`` is optional: :func:`model_from_highs`
only reads attributes of the object it is given, :func:`model_to_highs`
imports ``highspy`` when called.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError

from .model import LPModel

if TYPE_CHECKING:
    import highspy

__all__ = ["model_from_highs", "model_to_highs"]


def _row(lo, hi, name):
    """(sense, rhs, range lower end) of a HiGHS row lo <= a.x <= hi."""
    if lo == hi:
        return "==", hi, None
    if math.isinf(lo) and math.isinf(hi):
        raise InvalidArgumentError(f"row {name!r} is free (-inf, inf): an LPModel has no free rows")
    if math.isinf(lo):
        return "<=", hi, None
    if math.isinf(hi):
        return ">=", lo, None
    return "<=", hi, lo


def model_from_highs(highs: object) -> LPModel:
    """The model held by a ``highspy.Highs`` object (or a ``highspy.HighsLp``), with float numbers.

    Rows ``lo <= a.x <= hi`` become ``==`` (lo = hi), ``<=``, ``>=`` or ranged
    rows; unnamed columns and rows get HiGHS's writer names ``c0, ...`` and
    ``r0, ...``; integrality codes are HiGHS's (the same as :class:`LPModel`'s).

    Examples
    --------
    >>> import pytest; highspy = pytest.importorskip("highspy")
    >>> m = LPModel.from_arrays([1, 2], [[1, 1]], ["<="], [4], integrality=[0, 3], upper=[5, 6])
    >>> model_from_highs(model_to_highs(m)) == m.as_float()
    True
    """
    if not (hasattr(highs, "getLp") or hasattr(highs, "num_col_")):
        raise InvalidTypeError(f"highs must be a highspy.Highs or highspy.HighsLp, got {type(highs).__name__}")
    lp = highs.getLp() if hasattr(highs, "getLp") else highs
    n, m = int(lp.num_col_), int(lp.num_row_)
    cost = [float(v) for v in lp.col_cost_]
    lower = [float(v) for v in lp.col_lower_]
    upper = [float(v) for v in lp.col_upper_]
    integ = [int(t) for t in lp.integrality_] if len(lp.integrality_) else [0] * n
    vnames = list(lp.col_names_) if len(lp.col_names_) == n else [f"c{j}" for j in range(n)]
    cnames = list(lp.row_names_) if len(lp.row_names_) == m else [f"r{i}" for i in range(m)]
    a = lp.a_matrix_
    start, index, value = np.asarray(a.start_), np.asarray(a.index_), np.asarray(a.value_, dtype=float)
    rows = [dict() for _ in range(m)]
    colwise = int(a.format_) == 1  # HiGHS MatrixFormat: kColwise = 1, kRowwise = 2
    for outer in range(n if colwise else m):
        for k in range(int(start[outer]), int(start[outer + 1])):
            i, j = (int(index[k]), outer) if colwise else (outer, int(index[k]))
            if value[k] != 0:
                rows[i][j] = rows[i].get(j, 0.0) + float(value[k])
    senses, rhs, ranges = [], [], []
    for i in range(m):
        s, b, lo = _row(float(lp.row_lower_[i]), float(lp.row_upper_[i]), cnames[i])
        senses.append(s)
        rhs.append(b)
        ranges.append(lo)
    sense = "max" if int(lp.sense_) == -1 else "min"  # HiGHS ObjSense: kMinimize = 1, kMaximize = -1
    return LPModel(sense, tuple(cost), tuple(tuple(sorted(r.items())) for r in rows), tuple(senses), tuple(rhs),
                   tuple(lower), tuple(upper), tuple(integ), tuple(vnames), tuple(cnames), float(lp.offset_),
                   str(getattr(lp, "model_name_", "") or ""), tuple(ranges))


def model_to_highs(model: LPModel) -> highspy.Highs:
    """A ``highspy.Highs`` object holding ``model`` (floats), with HiGHS's output switched off.

    Needs the optional package ``highspy``.

    Examples
    --------
    >>> import pytest; highspy = pytest.importorskip("highspy")
    >>> h = model_to_highs(LPModel.from_arrays([1, 1], [[1, 1]], [">="], [2]))
    >>> h.run() == highspy.HighsStatus.kOk, h.getInfo().objective_function_value
    (True, 2.0)
    """
    if not isinstance(model, LPModel):
        raise InvalidTypeError(f"model must be an LPModel, got {type(model).__name__}")
    try:
        import highspy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("model_to_highs needs the optional package highspy (pip install highspy)") from exc
    n, m = model.n_variables, model.n_constraints
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_ = np.array([float(v) for v in model.objective])
    lp.col_lower_ = np.array([float(v) for v in model.lower])
    lp.col_upper_ = np.array([float(v) for v in model.upper])
    bounds = model.row_bounds
    lp.row_lower_ = np.array([float(lo) for lo, _ in bounds])
    lp.row_upper_ = np.array([float(hi) for _, hi in bounds])
    lp.offset_ = float(model.objective_constant)
    lp.sense_ = highspy.ObjSense.kMaximize if model.sense == "max" else highspy.ObjSense.kMinimize
    columns = [[] for _ in range(n)]
    for i, row in enumerate(model.rows):
        for j, a in row:
            columns[j].append((i, float(a)))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.cumsum([0] + [len(c) for c in columns]).astype(np.int32)
    lp.a_matrix_.index_ = np.array([i for c in columns for i, _ in c], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([a for c in columns for _, a in c], dtype=float)
    lp.integrality_ = [highspy.HighsVarType(int(t)) for t in model.integrality]
    lp.col_names_ = list(model.variable_names)
    lp.row_names_ = list(model.constraint_names)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    status = h.passModel(lp)
    if status == highspy.HighsStatus.kError:
        raise InvalidArgumentError(f"HiGHS rejected the model: {status}")
    return h
