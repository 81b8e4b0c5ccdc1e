"""Command-line reading of target and time-node phrases, one JSON object per phrase.

The Django management commands ``lantu target parse`` and ``lantu timenode parse`` call
``main_target`` and ``main_timenode``; both take the arguments after the command name and the
stream to print to, and return the exit status. Odd phrases never fail: they come out as
``qualitative`` / ``unknown`` objects. Only a usage error (no phrase, an unreadable file) gives
a non-zero status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from lantu.targets.parse import parse_target
from lantu.targets.timenodes import parse_timenode

__all__ = ["Writer", "main_target", "main_timenode"]


class Writer(Protocol):
    """Where the JSON lines go: a text stream, or Django's ``OutputWrapper`` (``self.stdout``)."""

    def write(self, text: str, /) -> object: ...


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An argument parser that prints to ``out`` and raises on errors instead of exiting."""

    def __init__(self, prog: str, out: Writer) -> None:
        super().__init__(prog=prog)
        self.out = out

    def error(self, message: str) -> Any:  # argparse's own signature returns NoReturn
        raise _UsageError(f"{self.prog}: error: {message}")

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            self.out.write(message)


def _arguments(prog: str, with_year: bool, out: Writer) -> _Parser:
    parser = _Parser(prog, out)
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the phrase, exactly as written")
    parser.add_argument(
        "--tsv",
        metavar="FILE",
        help="read one phrase per line from FILE ('-' for standard input)"
        + (", optionally followed by a tab and the year it is read in" if with_year else ""),
    )
    if with_year:
        parser.add_argument("--year", type=int, metavar="Y", help="the year the phrase is read in")
    return parser


def _lines(path: str) -> Iterator[str]:
    """Lines of ``path`` without their line ends; a final line end does not add an empty line."""
    if path == "-":
        stdin: Any = sys.stdin
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read() if buffer is not None else stdin.read().encode("utf-8", "replace")
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise _UsageError(f"cannot read {path}: {error.strerror or error}") from error
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        yield line[:-1] if line.endswith("\r") else line


def _run(
    argv: list[str],
    out: Writer,
    prog: str,
    with_year: bool,
    read: Callable[[str, int | None], dict[str, Any]],
) -> int:
    try:
        args = _arguments(prog, with_year, out).parse_args(argv)
        if (args.text is None) == (args.tsv is None):
            raise _UsageError(f"{prog}: error: give either TEXT or --tsv FILE")
        default_year: int | None = getattr(args, "year", None)
        if args.text is not None:
            out.write(json.dumps(read(args.text, default_year), ensure_ascii=False) + "\n")
            return 0
        dumps = json.dumps
        write = out.write
        for line in _lines(args.tsv):
            phrase, year = line, default_year
            if with_year and "\t" in line:
                phrase, _, given = line.rpartition("\t")
                given = given.strip()
                if given:
                    try:
                        year = int(given)
                    except ValueError:
                        phrase = line  # not a year column: the tab belongs to the phrase
            write(dumps(read(phrase, year), ensure_ascii=False) + "\n")
        return 0
    except _UsageError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0


def _target(text: str, year: int | None) -> dict[str, Any]:
    return parse_target(text).to_dict()


def _timenode(text: str, year: int | None) -> dict[str, Any]:
    return parse_timenode(text, year).to_dict()


def main_target(argv: list[str], out: Writer) -> int:
    """``lantu target parse TEXT | --tsv FILE``: print one JSON target object per phrase."""
    return _run(argv, out, "lantu target parse", False, _target)


def main_timenode(argv: list[str], out: Writer) -> int:
    """``lantu timenode parse TEXT | --tsv FILE [--year Y]``: one JSON time node per phrase."""
    return _run(argv, out, "lantu timenode parse", True, _timenode)
