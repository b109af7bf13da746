"""The LP/MILP model type: optimise c.x + c0 subject to linear rows and variable bounds.

Exact where the input is exact: numbers given as ints, Fractions or decimal
text are kept as :class:`fractions.Fraction`, floats stay floats, infinite
bounds are ``float('inf')``.  Variables are continuous, integer,
semi-continuous or semi-integer (the codes 0-3 of scipy's ``milp`` and of
HiGHS); rows are ``<=``, ``>=``, ``==`` or ranged (``lo <= a.x <= hi``).  The
model writes itself in the LP and MPS formats (:meth:`LPModel.to_lp`,
:meth:`LPModel.to_mps`, exact for terminating decimals) and hands itself to
scipy's MILP solver.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import as_rng

from .numbers import INF, as_number, format_number

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import ArrayLike

__all__ = ["INF", "SENSES", "VARIABLE_TYPES", "CONTINUOUS", "INTEGER", "SEMI_CONTINUOUS", "SEMI_INTEGER", "LPModel",
           "normalise_sense", "normalise_objective_sense"]

#: Constraint senses, in the order used for labels and counts.
SENSES = ("<=", ">=", "==")

#: Variable types: the integrality codes of :func:`scipy.optimize.milp` and HiGHS.
CONTINUOUS, INTEGER, SEMI_CONTINUOUS, SEMI_INTEGER = 0, 1, 2, 3
VARIABLE_TYPES = {CONTINUOUS: "continuous", INTEGER: "integer", SEMI_CONTINUOUS: "semi-continuous",
                  SEMI_INTEGER: "semi-integer"}

# names the LP writer can emit unchanged: the LP reader's name token, minus the format's keywords
_LP_NAME = re.compile(r"""[A-Za-z_!"#$%&()/,;?@'`{}|~][A-Za-z0-9_!"#$%&()/,.;?@'`{}|~\[\]]*\Z""")
_LP_KEYWORDS = frozenset({"free", "inf", "infinity", "st", "end", "bounds", "bound", "min", "max", "minimize",
                          "maximize", "minimise", "maximise", "minimum", "maximum", "general", "generals", "gen",
                          "integer", "integers", "binary", "binaries", "bin", "semi", "semis", "sos", "subject",
                          "such", "s.t.", "st."})

_SENSE_SPELLINGS = {"<=": "<=", "=<": "<=", "<": "<=", "L": "<=", "l": "<=",
                    ">=": ">=", "=>": ">=", ">": ">=", "G": ">=", "g": ">=",
                    "=": "==", "==": "==", "E": "==", "e": "=="}
_OBJECTIVE_SPELLINGS = {"min": "min", "minimize": "min", "minimise": "min", "minimum": "min",
                        "max": "max", "maximize": "max", "maximise": "max", "maximum": "max"}


def normalise_sense(s: str) -> str:
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


def normalise_objective_sense(s: str) -> str:
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


@dataclass(frozen=True)
class LPModel:
    """A linear or mixed-integer linear model: optimise c.x + c0 subject to rows (sense) rhs and bounds.

    Numbers are :class:`fractions.Fraction` when given exactly (ints,
    Fractions, decimal text) and ``float`` otherwise; infinite bounds are
    ``float('inf')`` / ``-inf``.

    Equality is value equality, field by field (``m == copy.deepcopy(m)``);
    numbers compare by value, so ``1``, ``1.0`` and ``Fraction(1)`` are equal,
    and the hash is the hash of the fields, consistent with that equality
    (Python hashes equal numbers equally).  Equality is *not* equivalence up
    to renaming and reordering: that is :func:`models_equivalent`.

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
        Variable types, the codes of :func:`scipy.optimize.milp` and HiGHS:
        0 continuous, 1 integer (binary = integer in [0, 1]), 2 semi-continuous
        (``x = 0`` or ``lower <= x <= upper``), 3 semi-integer (the same, integer).
    variable_names, constraint_names : tuple of str
    objective_constant : number
    name : str
    range_lower : tuple
        For each row, ``None`` or the lower end ``lo`` of a ranged row
        ``lo <= a.x <= rhs``; a ranged row has sense ``"<="`` and
        ``lo < rhs`` (both finite).  Defaults to no ranged rows.

    Examples
    --------
    >>> m = LPModel.from_arrays([1, 2], [[1, 1]], ["<="], [4], integrality=[0, 1])
    >>> m.n_variables, m.n_constraints, m.rows
    (2, 1, (((0, Fraction(1, 1)), (1, Fraction(1, 1))),))
    >>> import copy; m == copy.deepcopy(m), hash(m) == hash(copy.deepcopy(m))
    (True, True)
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
    range_lower: tuple = ()

    def __post_init__(self):
        for f in ("objective", "rows", "senses", "rhs"):
            if not isinstance(getattr(self, f), (tuple, list)):
                raise InvalidTypeError(f"{f} must be a tuple, got {type(getattr(self, f)).__name__} (build models "
                                       "with LPModel.from_arrays or the readers)")
        n = len(self.objective)
        m = len(self.rows)
        if self.sense not in ("min", "max"):
            raise InvalidArgumentError(f"sense={self.sense!r} must be 'min' or 'max'")
        if not self.range_lower and m:
            object.__setattr__(self, "range_lower", (None,) * m)  # frozen: the one normalisation done here
        for field, length in (("lower", n), ("upper", n), ("integrality", n), ("variable_names", n),
                              ("senses", m), ("rhs", m), ("constraint_names", m), ("range_lower", m)):
            if len(getattr(self, field)) != length:
                raise InvalidArgumentError(f"{field} must have {length} entries, got {len(getattr(self, field))}")
        for s in self.senses:
            if s not in SENSES:
                raise InvalidArgumentError(f"constraint sense {s!r} must be one of {SENSES}")
        for j, t in enumerate(self.integrality):
            if isinstance(t, bool) or t not in VARIABLE_TYPES:
                raise InvalidArgumentError(f"integrality[{j}]={t!r} must be one of {sorted(VARIABLE_TYPES)} "
                                           f"({', '.join(VARIABLE_TYPES.values())})")
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
        for i, lo in enumerate(self.range_lower):
            if lo is None:
                continue
            if self.senses[i] != "<=":
                raise InvalidArgumentError(f"ranged row {i} must have sense '<=' (lo <= a.x <= rhs), "
                                           f"got {self.senses[i]!r}")
            if not (isinstance(lo, (numbers.Real, Fraction)) and math.isfinite(lo) and math.isfinite(self.rhs[i])
                    and lo < self.rhs[i]):
                raise InvalidArgumentError(f"range_lower[{i}]={lo!r} must be finite and below rhs[{i}]="
                                           f"{self.rhs[i]!r} (an equal pair is an '==' row)")
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

    @property
    def row_bounds(self) -> tuple:
        """``(lo, hi)`` of every row ``lo <= a.x <= hi`` (one side infinite for ``<=`` and ``>=`` rows).

        Examples
        --------
        >>> LPModel.from_arrays([1], [[1], [1]], ["<=", "=="], [4, 2], range_lower=[-1, None]).row_bounds
        ((Fraction(-1, 1), Fraction(4, 1)), (Fraction(2, 1), Fraction(2, 1)))
        """
        out = []
        for s, b, lo in zip(self.senses, self.rhs, self.range_lower):
            if s == "==":
                out.append((b, b))
            elif s == ">=":
                out.append((b, INF))
            else:
                out.append((-INF if lo is None else lo, b))
        return tuple(out)

    # -- construction -------------------------------------------------------
    @classmethod
    def from_arrays(cls, c: ArrayLike, A: ArrayLike, senses: Sequence[str] | str, rhs: ArrayLike, *,
                    lower: ArrayLike = 0, upper: ArrayLike = INF, integrality: ArrayLike | None = None,
                    sense: str = "min",
                    variable_names: Sequence[str] | None = None, constraint_names: Sequence[str] | None = None,
                    objective_constant: Fraction | float | int = 0, name: str = "",
                    range_lower: Sequence[Fraction | float | int | None] | None = None) -> LPModel:
        """Build a model from a dense or scipy-sparse matrix and per-row/per-variable sequences.

        Integers and Fractions stay exact; floats (including numpy float arrays)
        stay floats.  Scalars for ``lower``/``upper`` apply to every variable.
        ``integrality`` takes the codes 0-3 (see :class:`LPModel`); ``range_lower``
        gives the lower ends of ranged ``<=`` rows (None for a plain row).

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
        if integrality is None:
            integ = (0,) * n
        else:
            integ = tuple(int(v) if isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, bool)
                          else int(bool(v)) if isinstance(v, (bool, np.bool_)) else v for v in integrality)
        vnames = tuple(f"x{j}" for j in range(n)) if variable_names is None else tuple(map(str, variable_names))
        cnames = tuple(f"c{i}" for i in range(m)) if constraint_names is None else tuple(map(str, constraint_names))
        ranges = (None,) * m if range_lower is None else tuple(
            None if v is None else as_number(v, f"range_lower[{i}]") for i, v in enumerate(range_lower))
        return cls(normalise_objective_sense(sense), objective, tuple(rows), senses, rhs, lo, hi, integ, vnames,
                   cnames, as_number(objective_constant, "objective_constant"), str(name), ranges)

    def permuted(self, variable_perm: ArrayLike | None = None, constraint_perm: ArrayLike | None = None, *,
                 rename: bool = False, rng: int | np.random.Generator | None = None) -> "LPModel":
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
                       pv(self.upper), pv(self.integrality), vnames, cnames, self.objective_constant, self.name,
                       pc(self.range_lower))

    def replace(self, **changes: object) -> "LPModel":
        """A copy with some fields replaced (validated again).

        Examples
        --------
        >>> m = LPModel.from_arrays([1], [[1]], ["<="], [4])
        >>> m.replace(senses=(">=",)).senses
        ('>=',)
        """
        if "rows" in changes and "range_lower" not in changes and len(changes["rows"]) != self.n_constraints:
            changes["range_lower"] = ()  # a new set of rows: no ranges unless given
        return dataclasses.replace(self, **changes)

    def as_float(self) -> "LPModel":
        """The same model with every number rounded to the nearest float (what a solver holds).

        Examples
        --------
        >>> LPModel.from_arrays([Fraction(1, 3)], [[1]], ["<="], [4]).as_float().objective
        (0.3333333333333333,)
        """
        def f(seq):
            return tuple(float(v) for v in seq)

        rows = tuple(tuple((j, float(a)) for j, a in row) for row in self.rows)
        ranges = tuple(None if v is None else float(v) for v in self.range_lower)
        return LPModel(self.sense, f(self.objective), rows, self.senses, f(self.rhs), f(self.lower), f(self.upper),
                       self.integrality, self.variable_names, self.constraint_names, float(self.objective_constant),
                       self.name, ranges)

    # -- conversions ----------------------------------------------------------
    def _check_names(self, file_format):
        """Names the writers can emit: LP names (no keywords) for LP, names without blanks for MPS."""
        for what, names in (("variable", self.variable_names), ("constraint", self.constraint_names)):
            for nm in names:
                if file_format == "LP":
                    ok = _LP_NAME.match(nm) is not None and nm.lower() not in _LP_KEYWORDS
                else:
                    ok = bool(nm) and not any(ch.isspace() for ch in nm) and not nm.startswith(("*", "$"))
                if not ok:
                    raise InvalidArgumentError(f"{what} name {nm!r} cannot be written in the {file_format} format "
                                               "(rename it, e.g. with permuted(..., rename=True))")

    def to_lp(self) -> str:
        """The model in the (CPLEX) LP file format (exact for integers and terminating decimals).

        Every variable is listed in the objective (zeros included, so reading
        back keeps the order) and gets an explicit bound line; integer
        variables go to ``General``, semi-continuous and semi-integer ones to
        ``Semi-continuous`` (semi-integer ones to both, as CPLEX and HiGHS
        read them).  A ranged row is written ``name: lo <= expr <= hi``, which
        the CPLEX-format readers (and :func:`read_lp`) accept but HiGHS 1.16's
        LP reader does not: use :meth:`to_mps` (``RANGES``) for HiGHS.
        Numbers that are not terminating decimals are written as the nearest
        float (``repr``), so they read back rounded.

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
        self._check_names("LP")

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
        lines.append(" obj: " + expr(list(enumerate(self.objective)), self.objective_constant))
        lines.append("Subject To")
        for name, row, s, b, lo in zip(self.constraint_names, self.rows, self.senses, self.rhs, self.range_lower):
            op = "=" if s == "==" else s
            # an empty row still needs a variable on the left; its zero coefficient is dropped on reading
            left = expr(row) if row else "0 " + self.variable_names[0]
            lead = "" if lo is None else f"{format_number(lo)} <= "
            lines.append(f" {name}: {lead}{left} {op} {format_number(b)}")
        lines.append("Bounds")
        for name, lo, hi in zip(self.variable_names, self.lower, self.upper):
            if lo == -INF and hi == INF:
                lines.append(f" {name} free")
            else:
                lines.append(f" {format_number(lo)} <= {name} <= {format_number(hi)}")
        ints = [nm for nm, t in zip(self.variable_names, self.integrality) if t in (INTEGER, SEMI_INTEGER)]
        if ints:
            lines.append("General")
            lines.append(" " + " ".join(ints))
        semis = [nm for nm, t in zip(self.variable_names, self.integrality) if t in (SEMI_CONTINUOUS, SEMI_INTEGER)]
        if semis:
            lines.append("Semi-continuous")
            lines.append(" " + " ".join(semis))
        lines.append("End")
        return "\n".join(lines)

    def to_mps(self) -> str:
        """The model in the free MPS format (exact for integers and terminating decimals).

        ``OBJSENSE`` for a max model; integer columns between ``'MARKER'``
        lines *and* with explicit bound lines (so readers that give unbounded
        marker integers [0, 1], the MPSX convention, read the same bounds);
        ranged rows as ``L`` rows with a ``RANGES`` entry; the objective
        constant as minus the right-hand side of the objective row;
        semi-continuous columns with an ``SC`` bound, semi-integer ones with
        HiGHS's ``SI`` bound.  Names must not contain blanks.

        Examples
        --------
        >>> print(LPModel.from_arrays([1, -2], [[1, 1]], ["<="], [4], integrality=[0, 1], range_lower=[1]).to_mps())
        NAME
        ROWS
         N  obj
         L  c0
        COLUMNS
            x0  obj  1
            x0  c0  1
            MARKER  'MARKER'  'INTORG'
            x1  obj  -2
            x1  c0  1
            MARKER  'MARKER'  'INTEND'
        RHS
            RHS  c0  4
        RANGES
            RNG  c0  3
        BOUNDS
         LO  BND  x1  0
         PL  BND  x1
        ENDATA
        """
        self._check_names("MPS")
        used = set(self.constraint_names) | set(self.variable_names)
        obj = "obj"
        k = 0
        while obj in used:
            k += 1
            obj = f"obj_{k}"
        lines = [f"NAME {self.name}".rstrip() if " " not in self.name else "NAME"]
        if self.sense == "max":
            lines += ["OBJSENSE", "    MAX"]
        lines += ["ROWS", f" N  {obj}"]
        code = {"<=": "L", ">=": "G", "==": "E"}
        lines += [f" {code[s]}  {nm}" for nm, s in zip(self.constraint_names, self.senses)]
        columns = [[] for _ in range(self.n_variables)]
        for i, row in enumerate(self.rows):
            for j, a in row:
                columns[j].append((self.constraint_names[i], a))
        lines.append("COLUMNS")
        in_marker = False
        for j, nm in enumerate(self.variable_names):
            integer = self.integrality[j] == INTEGER
            if integer != in_marker:
                lines.append("    MARKER  'MARKER'  " + ("'INTORG'" if integer else "'INTEND'"))
                in_marker = integer
            entries = ([(obj, self.objective[j])] if self.objective[j] != 0 or not columns[j] else []) + columns[j]
            for r, a in entries:
                lines.append(f"    {nm}  {r}  {format_number(a)}")
        if in_marker:
            lines.append("    MARKER  'MARKER'  'INTEND'")
        rhs = [(nm, b) for nm, b in zip(self.constraint_names, self.rhs) if b != 0]
        if self.objective_constant != 0:
            rhs.append((obj, -self.objective_constant))
        if rhs:
            lines.append("RHS")
            lines += [f"    RHS  {r}  {format_number(b)}" for r, b in rhs]
        ranges = [(nm, b - lo) for nm, b, lo in zip(self.constraint_names, self.rhs, self.range_lower)
                  if lo is not None]
        if ranges:
            lines.append("RANGES")
            lines += [f"    RNG  {r}  {format_number(w)}" for r, w in ranges]
        bounds = []
        for j, nm in enumerate(self.variable_names):
            bounds += [f" {kind}  BND  {nm}" + ("" if v is None else f"  {format_number(v)}")
                       for kind, v in _mps_bounds(self.lower[j], self.upper[j], self.integrality[j])]
        if bounds:
            lines.append("BOUNDS")
            lines += bounds
        lines.append("ENDATA")
        return "\n".join(lines)

    def to_scipy(self) -> dict:
        """Keyword arguments for :func:`scipy.optimize.milp` (floats; a max model is negated to min).

        Ranged rows become two-sided rows; the integrality codes (including
        semi-continuous 2 and semi-integer 3) pass through unchanged.  HiGHS
        cannot solve a semi-continuous variable with a negative lower bound, so
        such a model raises :class:`~mathref.errors.InvalidArgumentError`.

        Examples
        --------
        >>> kw = LPModel.from_arrays([1, 1], [[1, 1]], [">="], [2]).to_scipy()
        >>> sorted(kw)
        ['bounds', 'c', 'constraints', 'integrality']
        """
        from scipy.optimize import Bounds, LinearConstraint
        from scipy.sparse import csr_matrix

        for j, t in enumerate(self.integrality):
            if t in (SEMI_CONTINUOUS, SEMI_INTEGER) and self.lower[j] < 0:
                raise InvalidArgumentError(f"variable {self.variable_names[j]!r} is {VARIABLE_TYPES[t]} with a "
                                           f"negative lower bound {self.lower[j]}, which HiGHS cannot solve")
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
        bounds = self.row_bounds
        lo = np.array([float(b[0]) for b in bounds])
        hi = np.array([float(b[1]) for b in bounds])
        kw = {"c": c, "integrality": np.array(self.integrality, dtype=np.int64),
              "bounds": Bounds([float(v) for v in self.lower], [float(v) for v in self.upper])}
        kw["constraints"] = [LinearConstraint(A, lo, hi)] if m else []
        return kw

    def solve(self) -> tuple[int, float | None, np.ndarray | None]:
        """Solve with :func:`scipy.optimize.milp` (HiGHS); returns ``(status, optimal value or None, x)``.

        Floating point: the optimum is HiGHS's, in the model's own sense.
        ``status`` is scipy's (0 optimal, 1 limit reached, 2 infeasible,
        3 unbounded, 4 other); only status 0 carries a value.

        Examples
        --------
        >>> status, value, x = LPModel.from_arrays([1, 1], [[1, 1]], [">="], [2], integrality=[1, 1]).solve()
        >>> status, round(value, 9)
        (0, 2.0)
        """
        from scipy.optimize import milp

        if self.n_variables == 0:  # scipy's milp needs a variable: decide the empty rows 0 in [lo, hi] here
            if all(lo <= 0 <= hi for lo, hi in self.row_bounds):
                return 0, float(self.objective_constant), np.zeros(0)
            return 2, None, None
        res = milp(**self.to_scipy())
        if res.status != 0 or res.x is None:
            return int(res.status), None, None
        sign = -1.0 if self.sense == "max" else 1.0
        return 0, sign * float(res.fun) + float(self.objective_constant), np.asarray(res.x)


def _mps_bounds(lo, hi, kind):
    """MPS bound lines ``[(type, value or None)]`` that give a column exactly ``[lo, hi]`` and its type."""
    if kind in (SEMI_CONTINUOUS, SEMI_INTEGER):
        out = [] if lo == 0 else [("MI", None)] if lo == -INF else [("LO", lo)]
        return out + [("SC" if kind == SEMI_CONTINUOUS else "SI", hi)]
    integer = kind == INTEGER
    if lo == -INF and hi == INF:
        return [("FR", None)]
    if lo == hi:
        return [("FX", lo)]
    out = []
    if lo == -INF:
        out.append(("MI", None))
    elif lo != 0 or integer or hi < 0:
        # explicit lower bounds: marker integers default to [0, 1], and some readers make UP < 0 imply MI
        out.append(("LO", lo))
    if hi != INF:
        out.append(("UP", hi))
    elif integer:
        out.append(("PL", None))
    return out
