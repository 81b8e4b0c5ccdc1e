"""What a report must say before it can be submitted (reads only).

A figure that puts an indicator behind schedule, or moves far from the last accepted one, needs
an explanation; a lead unit's report needs its figures; a cooperating unit's part needs at least
a word. Pages show these as the reporter types; ``services.submit`` refuses while any remains.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from lantu.core import clock
from lantu.indicators.models import Indicator, Observation
from lantu.monitoring import judging
from lantu.reporting.models import Report
from lantu.targets import progress as pg


def trial_judgement(report: Report) -> pg.Judgement | None:
    """The indicator's judgement as if this report's figure were accepted."""
    if report.kind != "indicator" or report.value is None:
        return None
    indicator = (
        Indicator.objects.select_related(*judging.INDICATOR_SELECT)
        .prefetch_related(*judging.INDICATOR_PREFETCH)
        .get(**{"pk": report.indicator_id})
    )
    cycle = report.cycle
    trial = Observation(
        indicator=indicator,
        year=cycle.year,
        period=cycle.period,
        period_end=cycle.period_end,
        value=report.value,
    )
    return judging.judge_indicator(indicator, max(cycle.period_end, clock.today()), trial=trial)


def last_accepted(report: Report) -> Observation | None:
    """The latest accepted figure before this report's period."""
    return (
        Observation.objects.filter(
            indicator=report.indicator, period_end__lt=report.cycle.period_end
        )
        .order_by("-period_end")
        .first()
    )


def explanation_reasons(report: Report) -> list[str]:
    """Why this report's figure must be explained; empty when it need not be."""
    if report.kind != "indicator" or report.value is None or not report.is_lead:
        return []
    reasons: list[str] = []
    last = last_accepted(report)
    if last is not None and last.value:
        change = abs(report.value - last.value) / abs(last.value) * Decimal(100)
        if change > settings.LANTU_JUMP_PERCENT:
            reasons.append(
                _("The figure moves %(change)s%% from the last accepted one (%(last)s).")
                % {"change": round(change), "last": _plain(last.value)}
            )
    judgement = trial_judgement(report)
    if judgement is not None and (
        judgement.status == pg.Status.BEHIND or judgement.light in {pg.Light.YELLOW, pg.Light.RED}
    ):
        reasons.append(_("With this figure the indicator is behind schedule."))
    return reasons


def missing(report: Report, reasons: list[str] | None = None) -> list[str]:
    """What must still be filled before the report can be submitted. ``reasons`` are the
    report's ``explanation_reasons`` when the caller has them already (they cost queries)."""
    gaps: list[str] = []
    if report.kind == "indicator":
        if report.is_lead and report.value is None:
            gaps.append(_("Fill in the value."))
        if not report.is_lead and report.value is None and not report.note.strip():
            gaps.append(_("Fill in your part: a value or a note."))
        if reasons is None:
            reasons = explanation_reasons(report)
        if reasons and not report.explanation.strip():
            gaps.append(_("Explain the figure."))
    elif report.kind == "task":
        if not report.done.strip():
            gaps.append(_("Say what was done."))
        if report.is_lead and report.progress is None:
            gaps.append(_("Fill in the progress."))
    else:
        if report.invested_period is None:
            gaps.append(_("Fill in the investment completed this period."))
        if report.is_lead and not report.stage:
            gaps.append(_("Choose the stage reached."))
    return gaps


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
