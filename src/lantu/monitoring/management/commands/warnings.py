"""``lantu warnings``: recompute the warnings and escalate overdue ones, for a nightly timer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantu.core import clock
from lantu.monitoring import jobs
from lantu.plans.models import Plan


class Command(BaseCommand):
    help = "Recompute the warnings of the plans in force and escalate overdue rectifications."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--plan", type=int, help="only this plan (its id)")
        parser.add_argument("--date", help="the day to judge on (YYYY-MM-DD); default today")
        parser.add_argument(
            "--now", action="store_true", help="run here and now instead of as a background job"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD: {exc}") from exc
        day = day or clock.today()
        plan_id = options["plan"]
        if plan_id is not None:
            plan = Plan.objects.filter(pk=plan_id).first()
            if plan is None:
                raise CommandError(f"No plan with id {plan_id}.")
            if plan.status != Plan.Status.IN_FORCE:
                raise CommandError(
                    f"Plan {plan_id} is {plan.status}, not in force: it raises no warnings."
                )
        if options["now"]:
            raised, closed, escalated = jobs.nightly(day, plan_id)
            self.stdout.write(
                f"{day.isoformat()}: {raised} warnings raised, {closed} closed, "
                f"{escalated} escalated."
            )
            return
        result = jobs.nightly_warnings.enqueue(day.isoformat(), plan_id)
        self.stdout.write(f"Warnings for {day.isoformat()} queued as job {result.id}.")
