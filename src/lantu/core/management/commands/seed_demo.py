"""`lantu seed_demo`: create the demo district once (again with --reset)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Seed the demo district (does nothing when it exists, unless --reset)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="delete and rebuild the demo")

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        from lantu.demo.seed import seed_demo

        summary = seed_demo(reset=reset)
        self.stdout.write(f"demo district ready: {summary}")
