"""`lantu import-outline FILE --plan ID [--dry-run] [--json]`: read an Outline file."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Read an Outline (.docx, .pdf, .txt): --dry-run --json prints what was found."

    def run_from_argv(self, argv: list[str]) -> None:
        from lantu.ingest.cli import main

        sys.exit(main(argv[2:], sys.stdout))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - see above
        raise NotImplementedError
