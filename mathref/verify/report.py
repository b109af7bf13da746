"""The result of a verification: counts, worst entries, the convention found, a verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..equality import values_equal
from ..validation import check_fields

__all__ = ["EntryProblem", "VerificationReport"]


def _fmt_label(x: float) -> str:
    if x == int(x):
        return str(int(x))
    if 2 * x == int(2 * x):
        return f"{int(2 * x)}/2"
    return f"{x:.6g}"


def _fmt_value(v) -> str:
    if v is None:
        return "none"
    if isinstance(v, complex):
        return f"{v.real:.17g}{v.imag:+.17g}j"
    return f"{v:.17g}"


@dataclass(frozen=True, eq=False)
class EntryProblem:
    """One entry that failed, as listed among the worst.

    Attributes
    ----------
    labels : tuple of float
    value, expected : float, complex or None
        The user's value and the exact value rounded to a double (None when
        the entry is missing or the label is not well formed).
    ulps, relative, absolute : float
        Error in units in the last place of the exact value, relative and absolute.
    problem : str
        ``"sign"``, ``"nonzero where exact is 0"``, ``"NaN"``, ``"inf"``,
        ``"missing"``, ``"invalid label"``, ``"raised ..."`` or ``"tolerance"``.

    Examples
    --------
    >>> p = EntryProblem((1, 0), -0.5, 0.5, float("inf"), 2.0, 1.0, "sign")
    >>> p.problem
    'sign'
    """

    labels: tuple
    value: object
    expected: object
    ulps: float
    relative: float
    absolute: float
    problem: str

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def _fields(self):
        return (self.labels, self.value, self.expected, self.ulps, self.relative, self.absolute, self.problem)

    def __eq__(self, other):
        if not isinstance(other, EntryProblem):
            return NotImplemented
        # NaN is a value here (a user's NaN entry): equal to itself, so reports compare by value after pickling
        return values_equal(self._fields(), other._fields())

    def __hash__(self):
        return hash((self.labels, self.problem))

    def describe(self, names: Sequence[str]) -> str:
        """One line: labels, values, errors and the problem."""
        lab = ", ".join(f"{n}={_fmt_label(x)}" for n, x in zip(names, self.labels))
        return (f"({lab}): got {_fmt_value(self.value)}, exact {_fmt_value(self.expected)}"
                f"  [{self.problem}; {self.ulps:.3g} ulp, rel {self.relative:.3g}]")


@dataclass(frozen=True)
class VerificationReport:
    """What :func:`mathref.verify.verify` found; ``passed`` is the verdict, ``str()`` the readable form.

    Attributes
    ----------
    kind : str
    label_names : tuple of str
    entries : int
        Entries given (rows of the table, or calls of the callable).
    passed : bool
        True when every entry is within tolerance (in ``convention``), none is
        missing, NaN/inf, or at an invalid label.
    tolerance : str
        The rule an entry had to meet.
    max_ulps, max_relative, max_absolute : float
        Over the entries with a defined exact value (NaN/inf excluded); ulps and
        relative errors only where |exact| exceeds the absolute tolerance.
    exceeding : int
        Entries over the tolerance (sign errors and spurious nonzeros included).
    sign_errors, spurious_nonzeros, nonfinite, missing, invalid_labels, raised : int
        Entries whose negation matches; nonzeros where the exact value is 0; NaN or
        inf; exact nonzeros absent from the table; labels that are not well formed;
        calls of a user's callable that raised.
    worst : tuple of EntryProblem
    convention : str
        ``"mathref"`` or the name of the convention the entries were compared in.
    detected : str or None
        When the table fails in the stated convention but another fits: its name.
    detected_error : float or None
        The largest relative error in the detected convention.
    notes : tuple of str

    Examples
    --------
    >>> r = VerificationReport("cg", ("j1",), 1, True, "rtol 1e-12", 0.0, 0.0, 0.0)
    >>> r.passed, bool(r)
    (True, True)
    """

    kind: str
    label_names: tuple
    entries: int
    passed: bool
    tolerance: str
    max_ulps: float
    max_relative: float
    max_absolute: float
    exceeding: int = 0
    sign_errors: int = 0
    spurious_nonzeros: int = 0
    nonfinite: int = 0
    missing: int = 0
    invalid_labels: int = 0
    raised: int = 0
    worst: tuple = ()
    convention: str = "mathref"
    detected: str | None = None
    detected_error: float | None = None
    notes: tuple = ()

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __bool__(self) -> bool:
        return self.passed

    def as_dict(self) -> dict:
        """Plain JSON-able data (complex values as ``[re, im]``), e.g. for ``mathref verify --json``.

        Examples
        --------
        >>> VerificationReport("cg", ("j1",), 1, True, "rtol 1e-12", 0.0, 0.0, 0.0).as_dict()["passed"]
        True
        """
        def plain(x):
            if isinstance(x, complex):
                return [x.real, x.imag]
            if isinstance(x, (tuple, list)):
                return [plain(y) for y in x]
            return x

        out = {name: plain(getattr(self, name)) for name in self.__dataclass_fields__ if name != "worst"}
        out["worst"] = [{name: plain(getattr(p, name)) for name in p.__dataclass_fields__} for p in self.worst]
        return out

    def summary(self) -> str:
        """One line: verdict, entries, the largest errors."""
        verdict = "PASSED" if self.passed else "FAILED"
        return (f"{self.kind}: {verdict}: {self.entries} entries, max {self.max_ulps:.3g} ulp, "
                f"max relative {self.max_relative:.3g}, max absolute {self.max_absolute:.3g} ({self.tolerance})")

    def _repr_html_(self) -> str:
        from ..display import html_escape, html_table

        rows = ((", ".join(map(str, w.labels)), w.value, w.expected, f"{w.ulps:.3g}", w.problem) for w in self.worst)
        table = html_table(["labels", "value", "exact", "ulps", "problem"], rows, caption="worst entries")
        return f"<p>{html_escape(self.summary())}</p>" + (table if self.worst else "")

    def __str__(self) -> str:
        lines = [self.summary()]
        if self.convention != "mathref":
            lines.append(f"  compared in convention: {self.convention}")
        counts = [("over tolerance", self.exceeding), ("sign errors", self.sign_errors),
                  ("nonzero where exact is 0", self.spurious_nonzeros), ("NaN/inf", self.nonfinite),
                  ("missing entries", self.missing), ("invalid labels", self.invalid_labels),
                  ("calls that raised", self.raised)]
        bad = [f"{n}: {c}" for n, c in counts if c]
        if bad:
            lines.append("  " + "; ".join(bad))
        if self.detected is not None:
            lines.append(f"  your table matches convention {self.detected!r} up to {self.detected_error:.1e} "
                         "(relative); see the notes")
            lines.append(f"  (pass convention={self.detected!r}, or the layout named, to accept it)")
        if self.worst:
            lines.append("  worst entries:")
            lines.extend("    " + p.describe(self.label_names) for p in self.worst)
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)
