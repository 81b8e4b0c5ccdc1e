"""The progress judgement as the API returns it on indicators, tasks and projects."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ninja import Schema


class ProgressOut(Schema):
    """Status (in the words evaluations use), light, and the rule that decided, in Chinese."""

    status: str
    light: str | None
    rule: str
    explanation: str
    schedule_value: Decimal | None = None
    latest_value: Decimal | None = None
    completion_vs_schedule: Decimal | None = None
    completion_vs_target: Decimal | None = None
    projection: Decimal | None = None
    needed_rate: Decimal | None = None


def progress_of(judgement: Any) -> dict[str, Any]:
    explanation = getattr(judgement, "explanation", None) or "；".join(
        [judgement.rule.text, *(n.text for n in getattr(judgement, "notes", ()))]
    )
    return {
        "status": str(judgement.status),
        "light": str(judgement.light) if judgement.light else None,
        "rule": judgement.rule.key,
        "explanation": explanation,
        "schedule_value": getattr(judgement, "schedule_value", None),
        "latest_value": getattr(judgement, "latest_value", None),
        "completion_vs_schedule": getattr(judgement, "completion_vs_schedule", None),
        "completion_vs_target": getattr(judgement, "completion_vs_target", None),
        "projection": getattr(judgement, "projection", None),
        "needed_rate": getattr(judgement, "needed_rate", None),
    }
