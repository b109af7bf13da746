"""Rich display in notebooks: small HTML tables and LaTeX for result objects.

Result types that are tables or formulas (reaction sets, Weisfeiler–Lehman
partitions, QSP and Chebyshev reports, equivalence verdicts) define
``_repr_html_`` (and ``_repr_latex_`` where a formula is the natural view) with
these helpers, so Jupyter shows them as tables while ``repr`` stays plain text.
Everything is escaped; long tables are cut with a line saying how many rows
were left out.
"""

from __future__ import annotations

import html
from typing import Iterable, Sequence

__all__ = ["html_table", "html_escape", "MAX_HTML_ROWS"]

MAX_HTML_ROWS = 40


def html_escape(value: object) -> str:
    """``str(value)`` with the HTML special characters escaped.

    Examples
    --------
    >>> html_escape("a < b & c")
    'a &lt; b &amp; c'
    """
    return html.escape(str(value), quote=True)


def html_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    max_rows: int = MAX_HTML_ROWS,
) -> str:
    """An HTML table of ``rows`` under ``columns``, at most ``max_rows`` rows shown.

    Examples
    --------
    >>> print(html_table(["j", "value"], [(1, "1/2"), (2, "-1/3")], caption="3j"))
    <table><caption>3j</caption><thead><tr><th>j</th><th>value</th></tr></thead><tbody><tr><td>1</td><td>1/2</td></tr><tr><td>2</td><td>-1/3</td></tr></tbody></table>
    """
    from .errors import InvalidArgumentError, InvalidTypeError

    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise InvalidArgumentError(f"max_rows={max_rows!r} must be a positive int")
    if caption is not None and not isinstance(caption, str):
        raise InvalidTypeError(f"caption={caption!r} must be a str or None")
    if isinstance(columns, (str, bytes)) or not isinstance(columns, Iterable):
        raise InvalidTypeError(f"columns={columns!r} must be a sequence of column names")
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise InvalidTypeError(f"rows={rows!r} must be an iterable of rows")
    columns = list(columns)
    head = "".join(f"<th>{html_escape(c)}</th>" for c in columns)
    body = []
    left_out = 0
    for i, row in enumerate(rows):
        if i >= max_rows:
            left_out += 1
            continue
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
            raise InvalidTypeError(f"row {i} of rows is {row!r}, expected a sequence of cells")
        body.append("<tr>" + "".join(f"<td>{html_escape(v)}</td>" for v in row) + "</tr>")
    if left_out:
        body.append(f'<tr><td colspan="{len(columns)}">… {left_out} more rows</td></tr>')
    cap = f"<caption>{html_escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
