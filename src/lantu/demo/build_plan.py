"""Rows for a plan: the plan and its version, headings, indicators and their data.

Everything is written straight through the ORM (in bulk where the model allows, see
``rows.insert_all``): the seed writes no audit events, so it cannot go through the audited
services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from lantu.core.models import Region
from lantu.demo.rows import insert_all
from lantu.demo.sections import create_sections
from lantu.demo.specs import IndicatorSpec, PlanSpec, TargetSpec
from lantu.division.models import Assignment
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation
from lantu.organizations.models import Unit
from lantu.plans.models import Plan, PlanVersion, Section

_NUMBER = re.compile(r"^\[?(\d+(?:\.\d+)?)\]?$")
_YEAR = re.compile(r"(20\d\d)年")
_PERIOD_END = {"Y": (12, 31), "H1": (6, 30), "Q1": (3, 31), "Q2": (6, 30), "Q3": (9, 30)}


def create_plan(*, region: Region, spec: PlanSpec) -> tuple[Plan, PlanVersion, dict[str, Section]]:
    """The plan, its approved version 1 (set as current) and its heading tree."""
    plan = Plan.objects.create(
        region=region,
        name=spec.name,
        short_name=spec.short_name,
        kind=Plan.Kind.OUTLINE,
        start_year=spec.start_year,
        end_year=spec.end_year,
        status=spec.status,
        approval_body=spec.approval_body,
        approved_on=spec.approved_on,
        document_number=spec.document_number,
    )
    version = PlanVersion.objects.create(
        region=region,
        plan=plan,
        number=1,
        label=spec.version_label,
        status=PlanVersion.Status.APPROVED,
        approved_on=spec.approved_on,
        document_number=spec.document_number,
        note=f"经{spec.approval_body}审议批准。",
    )
    plan.current_version = version
    plan.save(update_fields=["current_version"])
    sections = create_sections(region=region, version=version, tree=spec.sections)
    return plan, version, sections


def assignments(
    region: Region,
    units: dict[str, Unit],
    item: str,
    obj: object,
    lead: str,
    coops: Iterable[str],
    lead_role: str = Assignment.Role.LEAD,
) -> list[Assignment]:
    """A lead (or sole responsible) unit and its cooperating units, each unit once."""
    rows = [Assignment(region=region, unit=units[lead], role=lead_role, **{item: obj})]
    seen = {lead}
    for key in coops:
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            Assignment(
                region=region,
                unit=units[key],
                role=Assignment.Role.COOPERATING,
                sort_order=len(rows),
                **{item: obj},
            )
        )
    return rows


def _decimal(text: str) -> Decimal | None:
    match = _NUMBER.match(text)
    return Decimal(match[1]) if match else None


def _period(key: str) -> tuple[int, str, dt.date]:
    """``"2021"`` is the year 2021; ``"2026Q1"`` and ``"2026H1"`` are parts of 2026."""
    year, period = int(key[:4]), key[4:] or "Y"
    month, day = _PERIOD_END[period]
    return year, period, dt.date(year, month, day)


def create_indicators(
    *,
    region: Region,
    plan: Plan,
    version: PlanVersion,
    section: Section,
    units: dict[str, Unit],
    specs: Sequence[IndicatorSpec],
) -> list[Indicator]:
    """A main-indicator table with milestones, observations and the division of labour."""
    indicators = insert_all(
        Indicator(
            region=region,
            version=version,
            section=section,
            source=Indicator.Source.MAIN_TABLE,
            number=str(n),
            category=s.category,
            name=s.name,
            unit=s.unit,
            attribute=s.attribute,
            baseline_year=plan.start_year - 1,
            baseline_value=_decimal(s.baseline),
            baseline_text=s.baseline,
            target_year=plan.end_year,
            target_text=s.target,
            annual_text=s.annual,
            higher_is_better=s.higher_is_better,
            observed_as=s.observed_as,
            frequency=s.frequency,
            data_source=s.data_source,
            definition=s.definition,
            sort_order=n,
        )
        for n, s in enumerate(specs, start=1)
    )
    years = range(plan.start_year, plan.end_year + 1)
    milestones: list[IndicatorMilestone] = []
    observations: list[Observation] = []
    links: list[Assignment] = []
    for indicator, spec in zip(indicators, specs, strict=True):
        texts = (
            [spec.milestones] * len(years)
            if isinstance(spec.milestones, str)
            else list(spec.milestones)
        )
        milestones.extend(
            IndicatorMilestone(region=region, indicator=indicator, year=year, text=text)
            for year, text in zip(years, texts, strict=False)
        )
        for key, value in spec.series.items():
            if value is None:
                continue  # a period with no data
            year, period, end = _period(key)
            observations.append(
                Observation(
                    region=region,
                    indicator=indicator,
                    year=year,
                    period=period,
                    period_end=end,
                    value=Decimal(value),
                    note=spec.notes.get(key, ""),
                    source=spec.data_source or "区统计局",
                )
            )
        links += assignments(region, units, "indicator", indicator, spec.lead, spec.coops)
    insert_all(milestones)
    insert_all(observations)
    insert_all(links)
    return indicators


def create_text_targets(
    *,
    region: Region,
    plan: Plan,
    version: PlanVersion,
    sections: dict[str, Section],
    units: dict[str, Unit],
    specs: Sequence[TargetSpec],
    categories: dict[str, str],
) -> list[Indicator]:
    """Quantified targets from the text: the phrase as written, in the sentence it came from.

    The target year is the one written in the phrase (``到2028年突破300亿元``), else the
    plan's last year.
    """
    targets = []
    for n, s in enumerate(specs, start=1):
        year = _YEAR.search(s.phrase)
        targets.append(
            Indicator(
                region=region,
                version=version,
                section=sections[s.section],
                source=Indicator.Source.TEXT,
                number=str(n),
                category=categories[s.section.split(".")[0]],
                name=s.name,
                unit=s.unit,
                attribute=s.attribute,
                target_year=int(year[1]) if year else plan.end_year,
                target_text=s.phrase,
                sentence=s.sentence,
                higher_is_better=s.higher_is_better,
                sort_order=n,
            )
        )
    insert_all(targets)
    links: list[Assignment] = []
    for target, spec in zip(targets, specs, strict=True):
        links += assignments(region, units, "indicator", target, spec.lead, spec.coops)
    insert_all(links)
    return targets
