"""``lantu remind``: the daily reminders, for a timer (cron, systemd) to run once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantu.core import clock
from lantu.reporting import jobs, notify


class Command(BaseCommand):
    help = "Send reporting reminders: before each deadline, on it, and when it is missed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="the day to remind for (YYYY-MM-DD); default today")
        parser.add_argument(
            "--now", action="store_true", help="run here and now instead of as a background job"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD: {exc}") from exc
        day = day or clock.today()
        if options["now"]:
            sent = notify.reminders(day)
            self.stdout.write(f"{sent} reminders sent for {day.isoformat()}.")
            return
        result = jobs.send_reminders.enqueue(day.isoformat())
        self.stdout.write(f"Reminders for {day.isoformat()} queued as job {result.id}.")
