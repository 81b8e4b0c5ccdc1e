"""The data side of ``bench/dashboard.py``: the demo district, then its 15th Outline ×scale.

The demo is seeded as usual (``lantu.demo.seed.seed_demo``); then every indicator (main table
and text targets) of the Outline in force, with its milestones and observations, every key
task with its time nodes, and every major project with its investment plans, are copied
``scale - 1`` times, each copy with the same units assigned in the same roles. The copies
keep the originals' figures and dates, so the statuses and lights of the larger plan are
spread like the demo's. Rows are written with ``bulk_create``, a batch per model and copy.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ("indicator", "task", "project")


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with ``env`` and migrate the (empty) database."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def outline() -> Any:
    """The demo's Outline in force (the 15th) with its current version."""
    from lantu.demo.seed import REGION_CODE
    from lantu.plans.models import Plan

    return (
        Plan.objects.select_related("current_version")
        .filter(region__code=REGION_CODE, kind="outline", current_version__isnull=False)
        .order_by("-start_year")
        .first()
    )


def _copies(model: type[Any], rows: list[Any], scale: int, name_field: str) -> list[dict[int, int]]:
    """Write ``scale - 1`` copies of ``rows``; return per copy the map old pk -> new pk."""
    maps = []
    for k in range(2, scale + 1):
        clones = []
        for row in rows:
            clone = model(
                **{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            )
            clone.pk = None
            setattr(clone, name_field, f"{getattr(row, name_field)}·{k}")
            clones.append(clone)
        made = model.objects.bulk_create(clones, batch_size=500)
        maps.append({row.pk: new.pk for row, new in zip(rows, made, strict=True)})
    return maps


def _children(
    model: type[Any], where: dict[str, Any], maps: dict[str, list[dict[int, int]]]
) -> int:
    """Copy the rows of ``model`` (pointing at indicators, tasks or projects) for every copy of
    the items they point at; ``maps[item]`` holds each copy's old -> new pk."""
    rows = list(model.objects.filter(**where))
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    copies = max((len(m) for m in maps.values()), default=0)
    made = 0
    for k in range(copies):
        clones = []
        for row in rows:
            values = {name: getattr(row, name) for name in fields}
            for item in ITEMS:
                key = f"{item}_id"
                if key in values and values[key] is not None:
                    values[key] = maps[item][k][values[key]]
            clones.append(model(**values))
        model.objects.bulk_create(clones, batch_size=1000)
        made += len(clones)
    return made


def multiply(scale: int) -> dict[str, int]:
    """Copy the Outline's items ``scale - 1`` times (see the module's docstring); return the
    version's row counts afterwards."""
    from django.db import transaction

    from lantu.division.models import Assignment, TimeNode
    from lantu.indicators.models import Indicator, IndicatorMilestone, Observation
    from lantu.projects.models import InvestmentPlan, Project
    from lantu.tasks.models import Task

    version = outline().current_version
    with transaction.atomic():
        maps = {
            "indicator": _copies(
                Indicator, list(Indicator.objects.filter(version=version)), scale, "name"
            ),
            "task": _copies(Task, list(Task.objects.filter(version=version)), scale, "title"),
            "project": _copies(
                Project, list(Project.objects.filter(version=version)), scale, "name"
            ),
        }
        originals = {
            "indicator_id__in": list(maps["indicator"][0]) if scale > 1 else [],
            "task_id__in": list(maps["task"][0]) if scale > 1 else [],
            "project_id__in": list(maps["project"][0]) if scale > 1 else [],
        }
        if scale > 1:
            for model, field in (
                (IndicatorMilestone, "indicator_id__in"),
                (Observation, "indicator_id__in"),
                (InvestmentPlan, "project_id__in"),
            ):
                _children(model, {field: originals[field]}, maps)
            for model in (Assignment, TimeNode):
                for field, ids in originals.items():
                    _children(model, {field: ids}, maps)
    return counts(version)


def counts(version: Any) -> dict[str, int]:
    from lantu.division.models import Assignment, TimeNode
    from lantu.indicators.models import Indicator, Observation
    from lantu.projects.models import InvestmentPlan, Project
    from lantu.tasks.models import Task

    return {
        "indicators": Indicator.objects.filter(version=version).count(),
        "observations": Observation.objects.filter(indicator__version=version).count(),
        "tasks": Task.objects.filter(version=version).count(),
        "time_nodes": TimeNode.objects.filter(task__version=version).count(),
        "projects": Project.objects.filter(version=version).count(),
        "investment_plans": InvestmentPlan.objects.filter(project__version=version).count(),
        "assignments": (
            Assignment.objects.filter(indicator__version=version).count()
            + Assignment.objects.filter(task__version=version).count()
            + Assignment.objects.filter(project__version=version).count()
        ),
    }


def busy_unit(version: Any) -> Any:
    """The unit with the most items (lead or cooperating) in ``version``, with their number
    as ``items``."""
    from django.db.models import Q

    from lantu.division.models import Assignment
    from lantu.organizations.models import Unit

    in_version = (
        Q(indicator__version=version) | Q(task__version=version) | Q(project__version=version)
    )
    tally = Counter(Assignment.objects.filter(in_version).values_list("unit_id", flat=True))
    unit_id, n = tally.most_common(1)[0]
    unit = Unit.objects.get(pk=unit_id)
    unit.items = n
    return unit
