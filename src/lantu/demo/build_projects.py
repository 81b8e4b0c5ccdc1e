"""Major projects: stage dates, yearly investment plans and the division of labour.

Dates and amounts come from each project's planned start and completion, varied by the seeded
generator; nothing actual is ever later than ``TODAY``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from lantu.core.models import Region
from lantu.demo.build_plan import assignments
from lantu.demo.day import DEMO_DAY
from lantu.demo.projects15 import FUNDING_NOTES, LAND_NOTES
from lantu.demo.rows import insert_all
from lantu.demo.specs import ProjectSpec
from lantu.division.models import Assignment
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion, Section
from lantu.projects.models import InvestmentPlan, Project

TODAY = DEMO_DAY  # 2026 is reported up to the third quarter
CENT = Decimal("0.01")
_BUILDING = {"started", "completed", "in_use"}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _not_after_today(day: dt.date) -> dt.date:
    return min(day, TODAY - dt.timedelta(days=3))


def _dates(spec: ProjectSpec, rng: random.Random) -> dict[str, dt.date | None]:
    start = dt.date(*spec.start, 1)
    completion = _month_end(*spec.finish)
    in_use_month = _add_months(completion, 3)
    dates: dict[str, dt.date | None] = {
        "planned_prep_start": _add_months(start, -12),
        "planned_start": start,
        "planned_completion": completion,
        "planned_in_use": _month_end(in_use_month.year, in_use_month.month),
    }
    prep = _add_months(start, -12) + dt.timedelta(days=rng.randint(0, 30))
    dates["actual_prep_start"] = prep if prep <= TODAY else None
    if spec.stage in _BUILDING:
        dates["actual_start"] = _not_after_today(start + dt.timedelta(days=rng.randint(-10, 45)))
    if spec.stage in {"completed", "in_use"}:
        done = _not_after_today(completion + dt.timedelta(days=rng.randint(-15, 20)))
        dates["actual_completion"] = done
        if spec.stage == "in_use":
            dates["actual_in_use"] = _not_after_today(done + dt.timedelta(days=rng.randint(20, 40)))
    return dates


def _yearly_plan(
    spec: ProjectSpec, rng: random.Random, first: int, last: int
) -> dict[int, Decimal]:
    """Split the total over the construction years; keep the plan's years.

    Money spent before the plan period is left out; a project still in preparation gets a
    small sum for its preparatory work in the plan's first year.
    """
    years = range(spec.start[0], spec.finish[0] + 1)
    weights = [rng.uniform(0.7, 1.3) for _ in years]
    scale = spec.total / sum(weights)
    plan = {y: Decimal(round(w * scale)) for y, w in zip(years, weights, strict=True)}
    kept = {y: amount for y, amount in plan.items() if first <= y <= last}
    if spec.stage == "preparation" and first not in kept:
        kept[first] = Decimal(round(spec.total * rng.uniform(0.01, 0.03)))
    return dict(sorted(kept.items()))


def create_projects(
    *,
    region: Region,
    version: PlanVersion,
    sections: dict[str, Section],
    units: dict[str, Unit],
    specs: Sequence[ProjectSpec],
    rng: random.Random,
    first_year: int,
    last_year: int,
) -> list[Project]:
    """Write the projects with their investment plans and lead/cooperating units."""
    projects: list[Project] = []
    for n, spec in enumerate(specs, start=1):
        building = spec.stage in _BUILDING
        projects.append(
            Project(
                region=region,
                version=version,
                section=sections[spec.section],
                number=str(n),
                name=spec.name,
                category=spec.category,
                key_area=units[spec.key_area] if spec.key_area else None,
                owner_unit=units[spec.owner],
                content=spec.content,
                total_investment=Decimal(spec.total).quantize(CENT),
                stage=spec.stage,
                land_note=rng.choice(LAND_NOTES["started" if building else "preparation"]),
                funding_note=rng.choice(FUNDING_NOTES),
                sort_order=n,
                **_dates(spec, rng),
            )
        )
    insert_all(projects)

    plans: list[InvestmentPlan] = []
    links: list[Assignment] = []
    for project, spec in zip(projects, specs, strict=True):
        for year, planned in _yearly_plan(spec, rng, first_year, last_year).items():
            completed = None
            # 2026 is reported up to November for most projects that have broken ground.
            if year == TODAY.year and spec.stage != "preparation" and rng.random() < 0.85:
                share = Decimal(str(round(rng.uniform(0.62, 1.02), 2)))
                completed = (planned * share).quantize(CENT)
            plans.append(
                InvestmentPlan(
                    region=region,
                    project=project,
                    year=year,
                    planned=planned.quantize(CENT),
                    completed=completed,
                )
            )
        links += assignments(region, units, "project", project, spec.owner, spec.coops)
    insert_all(plans)
    insert_all(links)
    return projects
