"""`lantu timenode parse TEXT [--year Y] | --tsv FILE`: print what a time node means, as JSON."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from lantu.targets.cli import main_timenode

USAGE = "usage: lantu timenode parse TEXT [--year Y] | --tsv FILE\n"


class Command(BaseCommand):
    help = "Read time-node phrases: `parse TEXT [--year Y]` or `parse --tsv FILE`."

    def run_from_argv(self, argv: list[str]) -> None:
        # The phrase reader has its own argument grammar (spec/targets.md); hand it the words.
        if len(argv) < 3 or argv[2] != "parse":
            sys.stderr.write(USAGE)
            sys.exit(2)
        sys.exit(main_timenode(argv[3:], sys.stdout))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - see above
        sys.stderr.write(USAGE)
