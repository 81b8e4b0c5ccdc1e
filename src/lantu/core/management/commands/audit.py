"""`lantu audit verify`: check the audit trail's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantu.core import audit


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' checks that no event was changed or removed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        broken = audit.verify()
        if broken:
            raise CommandError(f"audit chain broken at event ids: {broken[:20]}")
        self.stdout.write("audit chain intact")
