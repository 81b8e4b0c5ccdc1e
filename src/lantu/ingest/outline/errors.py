"""The one error a reader raises: the file is not an Outline this package can read."""

from __future__ import annotations


class OutlineFileError(ValueError):
    """The file cannot be read as an Outline; the message names the problem in one line."""


__all__ = ["OutlineFileError"]
