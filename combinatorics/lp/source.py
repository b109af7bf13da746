"""Where LP and MPS text comes from (a string of model text or the path of a file), and the error for bad text."""

from __future__ import annotations

import os

from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["ModelFileError", "read_source"]


class ModelFileError(InvalidArgumentError):
    """LP or MPS text that is not a model: the message names the line and the rule it broke.

    A :class:`~mathref.errors.InvalidArgumentError` (so also a ``ValueError``).

    Attributes
    ----------
    line : int or None
        1-based line number of the offending line (None when the problem is the text as a whole).
    file_format : str
        ``"LP"`` or ``"MPS"``.

    Examples
    --------
    >>> e = ModelFileError("MPS", 3, "a ROWS line needs a type and a name")
    >>> str(e), e.line, isinstance(e, ValueError)
    ('MPS line 3: a ROWS line needs a type and a name', 3, True)
    """

    def __init__(self, file_format: str, line: int | None, message: str) -> None:
        where = f"{file_format} line {line}" if line is not None else f"{file_format} text"
        super().__init__(f"{where}: {message}")
        self.line = line
        self.file_format = file_format

    def __reduce__(self):
        # the default reduce would call __init__ with the formatted message only
        return (_rebuild_error, (self.file_format, self.line, str(self)))


def _rebuild_error(file_format, line, text):
    e = ModelFileError.__new__(ModelFileError)
    InvalidArgumentError.__init__(e, text)
    e.line = line
    e.file_format = file_format
    return e


def read_source(text_or_path: str | os.PathLike[str]) -> str:
    """The text of ``text_or_path``: the file's contents for a path (or a one-line str naming a file), else the str.

    Examples
    --------
    >>> read_source("Minimize\\n obj: x\\nEnd").splitlines()[0]
    'Minimize'
    """
    if isinstance(text_or_path, os.PathLike):
        with open(text_or_path, encoding="utf-8") as fh:
            return fh.read()
    if not isinstance(text_or_path, str):
        raise InvalidTypeError(f"text_or_path must be a str or a path, got {type(text_or_path).__name__}")
    if "\n" not in text_or_path and os.path.isfile(text_or_path):
        with open(text_or_path, encoding="utf-8") as fh:
            return fh.read()
    return text_or_path
