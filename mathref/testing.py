"""Test helpers for users' own suites: :func:`assert_matches_reference`.

Next to the shipped hypothesis strategies (``mathref.algebra.strategies``, ...),
this lets a project check its implementation against mathref's exact values in
one line of a pytest test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mathref.verify import VerificationReport, VerifyInput, VerifyKind

__all__ = ["assert_matches_reference"]


def assert_matches_reference(kind: str | VerifyKind, values_or_callable: VerifyInput,
                             **kwargs: object) -> VerificationReport:
    """Raise ``AssertionError`` carrying the verification report unless the values match the exact ones.

    Takes the arguments of :func:`mathref.verify.verify` (tolerances, ``layout=``,
    ``jmax=``/``lmax=`` for callables, ...) and returns the report when it passes.

    Examples
    --------
    >>> from mathref.algebra import wigner_3j
    >>> report = assert_matches_reference("3j", lambda *a: float(wigner_3j(*a)), jmax=1)
    >>> report.passed
    True
    >>> assert_matches_reference("3j", lambda *a: 0.0, jmax=1)
    Traceback (most recent call last):
    ...
    AssertionError: 3j: FAILED: ...
    """
    from mathref.verify import verify

    report = verify(kind, values_or_callable, **kwargs)
    if not report.passed:
        raise AssertionError(str(report))
    return report
