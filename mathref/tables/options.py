"""Command-line options that several packages' table kinds share.

A kind adds its options with ``add_*_option(parser)`` and reads them back with
the matching ``*_option(args)``, which validates the value and raises
:class:`~mathref.errors.InvalidArgumentError` naming the option.
"""

from __future__ import annotations

import argparse

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import as_nonneg_int

__all__ = ["MAX_LMAX", "add_lmax_option", "lmax_option"]

MAX_LMAX = 40  # exact tables up to this degree finish in seconds


def _check_parser(parser) -> None:
    import argparse

    if not isinstance(parser, argparse.ArgumentParser):
        raise InvalidTypeError(f"parser={parser!r} must be an argparse.ArgumentParser")


def _check_args(args) -> None:
    import argparse

    if not isinstance(args, argparse.Namespace):
        raise InvalidTypeError(f"args={args!r} must be an argparse.Namespace")


def add_lmax_option(parser: argparse.ArgumentParser, *, maximum: int = MAX_LMAX, default: int = 4) -> None:
    """Add ``--lmax`` (the largest degree l) to ``parser``.

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> add_lmax_option(parser)
    >>> lmax_option(parser.parse_args(["--lmax", "6"]))
    6
    """
    _check_parser(parser)
    parser.add_argument("--lmax", default=str(default),
                        help=f"largest degree l (integer, at most {maximum}); default {default}")


def lmax_option(args: argparse.Namespace, *, maximum: int = MAX_LMAX) -> int:
    """The validated ``--lmax`` of parsed ``args``.

    >>> import argparse
    >>> lmax_option(argparse.Namespace(lmax="41"))
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: --lmax=41 is larger than 40
    """
    _check_args(args)
    if not hasattr(args, "lmax"):
        raise InvalidArgumentError("args has no --lmax option")
    try:
        value = as_nonneg_int(int(str(args.lmax)), "--lmax")
    except ValueError:
        raise InvalidArgumentError(f"--lmax={args.lmax!r} must be a non-negative integer") from None
    if value > maximum:
        raise InvalidArgumentError(f"--lmax={value} is larger than {maximum}")
    return value
