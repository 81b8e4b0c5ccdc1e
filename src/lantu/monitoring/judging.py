"""Judging plan items: the app's data handed to the pure progress engine (lantu.targets).

Reads only. Every function takes rows whose related data is already fetched (see the
``*_PREFETCH`` lists), so judging a page of items adds a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from lantu.core import clock
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation
from lantu.targets import progress as pg
from lantu.targets.types import Target, TimeNode

INDICATOR_PREFETCH = [
    Prefetch("observations", queryset=Observation.objects.order_by("period_end")),
    Prefetch("milestones", queryset=IndicatorMilestone.objects.order_by("year")),
    Prefetch("reference__observations", queryset=Observation.objects.order_by("period_end")),
]
INDICATOR_SELECT = ["version__plan", "reference"]
TASK_PREFETCH = ["timenodes"]
PROJECT_PREFETCH = ["investment_plans"]


def thresholds() -> pg.Thresholds:
    """The warning thresholds, from settings (defaults from practice)."""
    return pg.Thresholds(
        yellow_gap=Decimal(str(settings.LANTU_YELLOW_GAP)),
        red_gap=Decimal(str(settings.LANTU_RED_GAP)),
        on_track_band=Decimal(str(settings.LANTU_ON_TRACK_BAND)),
    )


def _observations(rows: Iterable[Observation]) -> list[pg.Observation]:
    return [
        pg.Observation(o.year, o.value, None if o.period == "Y" else o.period_end) for o in rows
    ]


def target_of(ind: Indicator) -> Target | None:
    """The target an indicator is judged against.

    A bare figure in the annual-average column (``5左右`` under 年均) is an average annual
    growth, not a level: the column says so, not the phrase.
    """
    reading = ind.reading
    if not reading:
        return None
    target = Target.from_dict(reading)
    if not ind.target_text and target.basis == "level" and not ind.annual_text.startswith("["):
        target = replace(target, basis="annual_growth", direction="increase")
    return target


def _observed_as(ind: Indicator, target: Target) -> Any:
    if ind.observed_as:
        return ind.observed_as
    # A rate indicator (unit %) with a bare growth figure is reported as yearly rates.
    if target.basis in {"annual_growth", "growth"} and ind.unit == "%" and not target.unit:
        return "rate"
    return None


def indicator_input(ind: Indicator) -> pg.IndicatorInput | None:
    target = target_of(ind)
    if target is None:
        return None
    plan = ind.version.plan
    milestones = {m.year: Target.from_dict(m.reading) for m in ind.milestones.all() if m.reading}
    reference = None
    if ind.reference is not None:
        reference = pg.Reference(
            observations=_observations(ind.reference.observations.all()),
            observed_as="rate" if ind.reference.unit == "%" else "level",
            compare="growth",
        )
    review = None
    if ind.review_status:
        review = pg.Review(status=pg.Status(ind.review_status), reason=ind.review_reason)
    return pg.IndicatorInput(
        target=target,
        start_year=plan.start_year,
        end_year=ind.target_year or plan.end_year,
        baseline_year=ind.baseline_year,
        baseline=ind.baseline_value,
        binding=ind.is_binding,
        higher_is_better=ind.higher_is_better,
        milestones=milestones,
        delegated_value=ind.delegated_value,
        reference=reference,
        review=review,
        observed_as=_observed_as(ind, target),
    )


def judge_indicator(
    ind: Indicator, as_of: dt.date | None = None, *, trial: Observation | None = None
) -> pg.Judgement:
    """The judgement of one indicator (its observations and milestones prefetched).

    ``trial`` is a figure not yet accepted (a report being filled): the judgement is made as if
    it were, replacing any accepted figure for the same period.
    """
    as_of = as_of or clock.today()
    given = indicator_input(ind)
    if given is None:
        return pg.judge_indicator(
            pg.IndicatorInput(
                target=Target(text="", basis="qualitative"),
                start_year=ind.version.plan.start_year,
                end_year=ind.version.plan.end_year,
            ),
            [],
            as_of,
            thresholds(),
        )
    rows = list(ind.observations.all())
    if trial is not None:
        rows = [o for o in rows if (o.year, o.period) != (trial.year, trial.period)] + [trial]
        rows.sort(key=lambda o: o.period_end)
    return pg.judge_indicator(given, _observations(rows), as_of, thresholds())


def judge_task(task: Any, as_of: dt.date | None = None) -> pg.TaskJudgement:
    """The judgement of one key task from its time nodes and reported progress."""
    nodes = [TimeNode.from_dict(n.parsed) for n in task.timenodes.all() if n.parsed]
    return pg.judge_task(
        nodes,
        task.progress,
        task.completed_on is not None,
        as_of or clock.today(),
        settings.LANTU_DUE_SOON_DAYS,
        start=dt.date(task.version.plan.start_year, 1, 1),
        thresholds=thresholds(),
    )


STAGES: tuple[tuple[pg.StageName, str, str], ...] = (
    ("前期", "planned_prep_start", "actual_prep_start"),
    ("开工", "planned_start", "actual_start"),
    ("竣工", "planned_completion", "actual_completion"),
    ("投用", "planned_in_use", "actual_in_use"),
)


def judge_project(project: Any, as_of: dt.date | None = None) -> pg.ProjectJudgement:
    """Investment completed this year against the time-proportional share of its plan, and
    stage dates against plan."""
    as_of = as_of or clock.today()
    this_year = next((p for p in project.investment_plans.all() if p.year == as_of.year), None)
    stages = [
        pg.Stage(name, getattr(project, planned), getattr(project, actual))
        for name, planned, actual in STAGES
    ]
    return pg.judge_project(
        this_year.planned if this_year else None,
        this_year.completed if this_year else None,
        as_of,
        stages,
        thresholds=thresholds(),
    )


def attach(rows: Iterable[Any], judge: Any, as_of: dt.date | None = None) -> list[Any]:
    """Give each row its ``judgement`` attribute; return the rows as a list."""
    rows = list(rows)
    for row in rows:
        row.judgement = judge(row, as_of)
    return rows
