"""The LP/MILP model type: optimise c.x + c0 subject to linear rows and variable bounds.

Exact where the input is exact: numbers given as ints, Fractions or decimal
text are kept as :class:`fractions.Fraction`, floats stay floats, infinite
bounds are ``float('inf')``.  The model writes itself in the LP format
(:meth:`LPModel.to_lp`, exact for terminating decimals) and hands itself to
scipy's MILP solver.
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.validation import as_rng

from .numbers import INF, as_number, format_number

__all__ = ["INF", "SENSES", "LPModel", "normalise_sense", "normalise_objective_sense"]

#: Constraint senses, in the order used for labels and counts.
SENSES = ("<=", ">=", "==")

_SENSE_SPELLINGS = {"<=": "<=", "=<": "<=", "<": "<=", "L": "<=", "l": "<=",
                    ">=": ">=", "=>": ">=", ">": ">=", "G": ">=", "g": ">=",
                    "=": "==", "==": "==", "E": "==", "e": "=="}
_OBJECTIVE_SPELLINGS = {"min": "min", "minimize": "min", "minimise": "min", "minimum": "min",
                        "max": "max", "maximize": "max", "maximise": "max", "maximum": "max"}


def normalise_sense(s) -> str:
    """A constraint sense in any usual spelling (``=<``, ``<``, ``L``, ``=``, ``E``, ...) as ``<=``, ``>=`` or ``==``.

    Examples
    --------
    >>> normalise_sense("=<"), normalise_sense("G"), normalise_sense("=")
    ('<=', '>=', '==')
    """
    t = str(s).strip()
    if t not in _SENSE_SPELLINGS:
        raise InvalidArgumentError(f"constraint sense {s!r} must be one of <=, >=, ==")
    return _SENSE_SPELLINGS[t]


def normalise_objective_sense(s) -> str:
    """``"min"`` or ``"max"`` from any usual spelling (``Minimize``, ``maximise``, ``MAX``, ...).

    Examples
    --------
    >>> normalise_objective_sense("Maximize"), normalise_objective_sense("MIN")
    ('max', 'min')
    """
    t = str(s).strip().lower()
    if t not in _OBJECTIVE_SPELLINGS:
        raise InvalidArgumentError(f"sense={s!r} must be 'min' or 'max'")
    return _OBJECTIVE_SPELLINGS[t]


@dataclass(frozen=True, eq=False)
class LPModel:
    """A linear or mixed-integer linear model: optimise c.x + c0 subject to rows (sense) rhs and bounds.

    Numbers are :class:`fractions.Fraction` when given exactly (ints,
    Fractions, decimal text) and ``float`` otherwise; infinite bounds are
    ``float('inf')`` / ``-inf``.

    Attributes
    ----------
    sense : {"min", "max"}
    objective : tuple
        Objective coefficient of each variable.
    rows : tuple of tuples
        For each constraint, ``((variable index, coefficient), ...)`` with no zeros.
    senses : tuple of {"<=", ">=", "=="}
    rhs : tuple
    lower, upper : tuple
        Bounds of each variable.
    integrality : tuple of int
        1 for integer variables, 0 for continuous ones (binary = integer in [0, 1]).
    variable_names, constraint_names : tuple of str
    objective_constant : number
    name : str

    Examples
    --------
    >>> m = LPModel.from_arrays([1, 2], [[1, 1]], ["<="], [4], integrality=[0, 1])
    >>> m.n_variables, m.n_constraints, m.rows
    (2, 1, (((0, Fraction(1, 1)), (1, Fraction(1, 1))),))
    """

    sense: str
    objective: tuple
    rows: tuple
    senses: tuple
    rhs: tuple
    lower: tuple
    upper: tuple
    integrality: tuple
    variable_names: tuple
    constraint_names: tuple
    objective_constant: object = Fraction(0)
    name: str = ""

    def __post_init__(self):
        n = len(self.objective)
        m = len(self.rows)
        if self.sense not in ("min", "max"):
            raise InvalidArgumentError(f"sense={self.sense!r} must be 'min' or 'max'")
        for field, length in (("lower", n), ("upper", n), ("integrality", n), ("variable_names", n),
                              ("senses", m), ("rhs", m), ("constraint_names", m)):
            if len(getattr(self, field)) != length:
                raise InvalidArgumentError(f"{field} must have {length} entries, got {len(getattr(self, field))}")
        for s in self.senses:
            if s not in SENSES:
                raise InvalidArgumentError(f"constraint sense {s!r} must be one of {SENSES}")
        for i, row in enumerate(self.rows):
            seen = set()
            for j, a in row:
                if not 0 <= j < n:
                    raise InvalidArgumentError(f"row {i} refers to variable {j}, outside range({n})")
                if j in seen:
                    raise InvalidArgumentError(f"row {i} lists variable {j} twice")
                seen.add(j)
                if a == 0:
                    raise InvalidArgumentError(f"row {i} stores an explicit zero for variable {j}")
        if len(set(self.variable_names)) != n:
            raise InvalidArgumentError("variable_names must be distinct")

    # -- sizes --------------------------------------------------------------
    @property
    def n_variables(self) -> int:
        return len(self.objective)

    @property
    def n_constraints(self) -> int:
        return len(self.rows)

    @property
    def nnz(self) -> int:
        return sum(len(r) for r in self.rows)

    # -- construction -------------------------------------------------------
    @classmethod
    def from_arrays(cls, c, A, senses, rhs, *, lower=0, upper=INF, integrality=None, sense="min",
                    variable_names=None, constraint_names=None, objective_constant=0, name=""):
        """Build a model from a dense or scipy-sparse matrix and per-row/per-variable sequences.

        Integers and Fractions stay exact; floats (including numpy float arrays)
        stay floats.  Scalars for ``lower``/``upper`` apply to every variable.

        Examples
        --------
        >>> m = LPModel.from_arrays([1.0, 0.0], [[2.0, 0.0]], [">="], [1.0], sense="max")
        >>> m.rows, m.upper
        ((((0, 2.0),),), (inf, inf))
        """
        c = list(c)
        n = len(c)
        objective = tuple(as_number(v, f"c[{j}]") for j, v in enumerate(c))
        rows = []
        try:
            import scipy.sparse as sp

            is_sparse = sp.issparse(A)
        except ImportError:  # pragma: no cover
            is_sparse = False
        if is_sparse:
            A = A.tocsr()
            if A.shape[1] != n:
                raise InvalidArgumentError(f"A has {A.shape[1]} columns but c has {n} entries")
            for i in range(A.shape[0]):
                lo, hi = A.indptr[i], A.indptr[i + 1]
                pairs = sorted((int(j), as_number(v, f"A[{i},{j}]")) for j, v in zip(A.indices[lo:hi], A.data[lo:hi]))
                rows.append(tuple((j, v) for j, v in pairs if v != 0))
        else:
            for i, row in enumerate(A):
                row = list(row.tolist() if isinstance(row, np.ndarray) else row)
                if len(row) != n:
                    raise InvalidArgumentError(f"row {i} of A has {len(row)} entries, expected {n}")
                rows.append(tuple((j, as_number(v, f"A[{i},{j}]")) for j, v in enumerate(row) if v != 0))
        m = len(rows)
        senses = tuple(normalise_sense(s) for s in senses)
        rhs = tuple(as_number(v, f"rhs[{i}]") for i, v in enumerate(rhs))

        def per_var(x, what):
            if isinstance(x, (numbers.Real, str)) and not isinstance(x, bool):
                return (as_number(x, what),) * n
            return tuple(as_number(v, f"{what}[{j}]") for j, v in enumerate(x))

        lo = per_var(lower, "lower")
        hi = per_var(upper, "upper")
        integ = (0,) * n if integrality is None else tuple(int(bool(v)) for v in integrality)
        vnames = tuple(f"x{j}" for j in range(n)) if variable_names is None else tuple(map(str, variable_names))
        cnames = tuple(f"c{i}" for i in range(m)) if constraint_names is None else tuple(map(str, constraint_names))
        return cls(normalise_objective_sense(sense), objective, tuple(rows), senses, rhs, lo, hi, integ, vnames,
                   cnames, as_number(objective_constant, "objective_constant"), name)

    def permuted(self, variable_perm=None, constraint_perm=None, *, rename: bool = False, rng=None) -> "LPModel":
        """The same model with variables and constraints reordered (and optionally renamed).

        Variable ``j`` moves to position ``variable_perm[j]`` and constraint
        ``i`` to ``constraint_perm[i]``; a permutation left as None is drawn
        from ``rng`` (None, int or Generator).  Terms inside each row are kept
        sorted by variable index.  ``rename=True`` gives fresh names
        ``v0, v1, ...`` and ``r0, r1, ...``.

        Examples
        --------
        >>> m = LPModel.from_arrays([1, 2], [[1, 3]], ["<="], [4])
        >>> p = m.permuted([1, 0], [0])
        >>> p.objective, p.rows, p.variable_names
        ((Fraction(2, 1), Fraction(1, 1)), (((0, Fraction(3, 1)), (1, Fraction(1, 1))),), ('x1', 'x0'))
        """
        n, m = self.n_variables, self.n_constraints
        gen = as_rng(rng)
        vp = gen.permutation(n) if variable_perm is None else np.asarray(variable_perm, dtype=np.int64)
        cp = gen.permutation(m) if constraint_perm is None else np.asarray(constraint_perm, dtype=np.int64)
        if vp.shape != (n,) or not np.array_equal(np.sort(vp), np.arange(n)):
            raise InvalidArgumentError(f"variable_perm must be a permutation of range({n})")
        if cp.shape != (m,) or not np.array_equal(np.sort(cp), np.arange(m)):
            raise InvalidArgumentError(f"constraint_perm must be a permutation of range({m})")
        vinv = np.argsort(vp)
        cinv = np.argsort(cp)

        def pv(seq):
            return tuple(seq[int(vinv[k])] for k in range(n))

        def pc(seq):
            return tuple(seq[int(cinv[k])] for k in range(m))

        rows = pc(tuple(tuple(sorted((int(vp[j]), a) for j, a in row)) for row in self.rows))
        vnames = tuple(f"v{k}" for k in range(n)) if rename else pv(self.variable_names)
        cnames = tuple(f"r{k}" for k in range(m)) if rename else pc(self.constraint_names)
        return LPModel(self.sense, pv(self.objective), rows, pc(self.senses), pc(self.rhs), pv(self.lower),
                       pv(self.upper), pv(self.integrality), vnames, cnames, self.objective_constant, self.name)

    def replace(self, **changes) -> "LPModel":
        """A copy with some fields replaced (validated again).

        Examples
        --------
        >>> m = LPModel.from_arrays([1], [[1]], ["<="], [4])
        >>> m.replace(senses=(">=",)).senses
        ('>=',)
        """
        return dataclasses.replace(self, **changes)

    # -- conversions ----------------------------------------------------------
    def to_lp(self) -> str:
        """The model in the LP file format (exact for integers and terminating decimals).

        Examples
        --------
        >>> print(LPModel.from_arrays([1, -2], [[1, 1]], ["<="], [4], integrality=[0, 1]).to_lp())
        Minimize
         obj: x0 - 2 x1
        Subject To
         c0: x0 + x1 <= 4
        Bounds
         0 <= x0 <= inf
         0 <= x1 <= inf
        General
         x1
        End
        """
        def expr(terms, const=None):
            parts = []
            for j, a in terms:
                name = self.variable_names[j]
                neg = a < 0
                mag = -a if neg else a
                coef = "" if mag == 1 else format_number(mag) + " "
                parts.append(("- " if neg else "+ ") + coef + name)
            if const is not None and const != 0:
                parts.append(("- " if const < 0 else "+ ") + format_number(abs(const)))
            if not parts:
                return "0"
            s = " ".join(parts)
            return s[2:] if s.startswith("+ ") else "-" + s[1:].lstrip() if s.startswith("- ") else s

        lines = ["Maximize" if self.sense == "max" else "Minimize"]
        # every variable appears in the objective (zeros included) so that reading back keeps the order
        lines.append(" obj: " + expr(list(enumerate(self.objective)), self.objective_constant))
        lines.append("Subject To")
        for name, row, s, b in zip(self.constraint_names, self.rows, self.senses, self.rhs):
            op = "=" if s == "==" else s
            # an empty row still needs a variable on the left; its zero coefficient is dropped on reading
            lines.append(f" {name}: {expr(row) if row else '0 ' + self.variable_names[0]} {op} {format_number(b)}")
        lines.append("Bounds")
        for name, lo, hi in zip(self.variable_names, self.lower, self.upper):
            if lo == -INF and hi == INF:
                lines.append(f" {name} free")
            else:
                lines.append(f" {format_number(lo)} <= {name} <= {format_number(hi)}")
        ints = [nm for nm, t in zip(self.variable_names, self.integrality) if t]
        if ints:
            lines.append("General")
            lines.append(" " + " ".join(ints))
        lines.append("End")
        return "\n".join(lines)

    def to_scipy(self) -> dict:
        """Keyword arguments for :func:`scipy.optimize.milp` (floats; a max model is negated to min).

        Examples
        --------
        >>> kw = LPModel.from_arrays([1, 1], [[1, 1]], [">="], [2]).to_scipy()
        >>> sorted(kw)
        ['bounds', 'c', 'constraints', 'integrality']
        """
        from scipy.optimize import Bounds, LinearConstraint
        from scipy.sparse import csr_matrix

        n, m = self.n_variables, self.n_constraints
        sign = -1.0 if self.sense == "max" else 1.0
        c = sign * np.array([float(v) for v in self.objective])
        data, ri, ci = [], [], []
        for i, row in enumerate(self.rows):
            for j, a in row:
                ri.append(i)
                ci.append(j)
                data.append(float(a))
        A = csr_matrix((data, (ri, ci)), shape=(m, n))
        b = np.array([float(v) for v in self.rhs])
        lo = np.where([s == "<=" for s in self.senses], -np.inf, b)
        hi = np.where([s == ">=" for s in self.senses], np.inf, b)
        kw = {"c": c, "integrality": np.array(self.integrality, dtype=np.int64),
              "bounds": Bounds([float(v) for v in self.lower], [float(v) for v in self.upper])}
        kw["constraints"] = [LinearConstraint(A, lo, hi)] if m else []
        return kw

    def solve(self):
        """Solve with :func:`scipy.optimize.milp` (HiGHS); returns ``(status, optimal value or None, x)``.

        Floating point: the optimum is HiGHS's, in the model's own sense.

        Examples
        --------
        >>> status, value, x = LPModel.from_arrays([1, 1], [[1, 1]], [">="], [2], integrality=[1, 1]).solve()
        >>> status, round(value, 9)
        (0, 2.0)
        """
        from scipy.optimize import milp

        res = milp(**self.to_scipy())
        if res.status != 0 or res.x is None:
            return int(res.status), None, None
        sign = -1.0 if self.sense == "max" else 1.0
        return 0, sign * float(res.fun) + float(self.objective_constant), np.asarray(res.x)
