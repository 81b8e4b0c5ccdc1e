"""``lantu import-outline FILE [--plan ID] [--dry-run] [--json]``: read an Outline file.

With ``--dry-run`` nothing is saved: the file is read and what was found is reported, as one
JSON object with ``--json`` (``ensure_ascii=False``) or as a short summary without. Without
``--dry-run`` the file goes to ``lantu.ingest.services.start_import``, which records the
findings for review. A file that cannot be read ends with exit status 2 and one line naming
the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from lantu.ingest.outline import OutlineFileError, find_outline, read_outline_file

__all__ = ["main"]

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports errors instead of exiting the process."""

    def error(self, message: str) -> Any:  # argparse's own signature returns NoReturn
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> _Parser:
    parser = _Parser(
        prog="lantu import-outline",
        description="Read an approved Outline (.docx, .pdf or .txt) and find its sections, "
        "main indicators, quantified targets and key tasks.",
        add_help=False,
    )
    parser.add_argument("file", help="the Outline file")
    parser.add_argument("--plan", type=int, help="the plan (id) the Outline belongs to")
    parser.add_argument("--dry-run", action="store_true", help="save nothing; report findings")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("-h", "--help", action="store_true", help="show this help")
    return parser


def main(argv: list[str], out: TextIO) -> int:
    """Run the command with ``argv`` (the arguments after the command name); output to ``out``.

    Returns the exit status: 0 on success, 2 for a bad file, bad arguments or a refused import.
    """
    parser = _parser()
    if "-h" in argv or "--help" in argv:
        out.write(parser.format_help())
        return 0
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        out.write(f"lantu import-outline: {error}\n{parser.format_usage()}")
        return USAGE_ERROR
    if args.dry_run:
        return _dry_run(args.file, as_json=args.json, out=out)
    return _import(args.file, plan_id=args.plan, as_json=args.json, out=out)


def _dry_run(path: str, *, as_json: bool, out: TextIO) -> int:
    try:
        findings = find_outline(read_outline_file(path))
    except OutlineFileError as error:
        out.write(f"lantu import-outline: {error}\n")
        return USAGE_ERROR
    data = findings.to_json()
    if as_json:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(
            f"{path}: {len(data['sections'])} sections, {len(data['indicators'])} main "
            f"indicators, {len(data['text_targets'])} text targets, {len(data['tasks'])} tasks "
            "(dry run: nothing saved)\n"
        )
    return 0


def _import(path: str, *, plan_id: int | None, as_json: bool, out: TextIO) -> int:
    if plan_id is None:
        out.write("lantu import-outline: --plan ID is needed to import (or use --dry-run)\n")
        return USAGE_ERROR
    try:
        from lantu.ingest.services import start_import
    except ImportError:
        out.write(
            "lantu import-outline: importing is not available yet "
            "(lantu.ingest.services.start_import is missing); use --dry-run\n"
        )
        return USAGE_ERROR
    try:
        result = start_import(file_path=path, plan_id=plan_id, by=None)
    except OutlineFileError as error:
        out.write(f"lantu import-outline: {error}\n")
        return USAGE_ERROR
    except Exception as error:
        if type(error).__name__ != "DomainError" and not isinstance(error, (OSError, ValueError)):
            raise
        out.write(f"lantu import-outline: {error}\n")
        return USAGE_ERROR
    pk = getattr(result, "pk", None)
    if as_json:
        out.write(json.dumps({"import": pk}, ensure_ascii=False) + "\n")
    else:
        out.write(f"{path}: read into import {pk}; review its findings before applying them\n")
    return 0
