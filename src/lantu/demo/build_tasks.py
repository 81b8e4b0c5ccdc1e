"""Key tasks: composed from the fragments in ``tasks15`` with a seeded random generator.

``compose_tasks`` is pure (no database), so the same generator state always gives the same
tasks; ``create_tasks`` writes them with their assignments and time nodes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lantu.core.models import Region
from lantu.demo import timenodes
from lantu.demo.build_plan import assignments
from lantu.demo.build_projects import TODAY
from lantu.demo.rows import insert_all
from lantu.demo.specs import TaskGroup
from lantu.demo.tasks15 import CATEGORIES, MEASURES
from lantu.division.models import Assignment, TimeNode
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion, Section
from lantu.tasks.models import Task

# About a quarter of the tasks have clear bounds and one responsible unit (责任单位).
SOLE_RESPONSIBLE_SHARE = 0.25


@dataclass(frozen=True)
class TaskDraft:
    section: str
    title: str
    content: str
    category: str
    lead: str
    coops: tuple[str, ...]
    sole: bool
    nodes: tuple[str, ...]


def _time_nodes(rng: random.Random) -> tuple[str, ...]:
    if rng.random() < 0.8:
        first = rng.choice(timenodes.DEADLINES)
        if rng.random() < 0.4:
            return first, rng.choice(timenodes.FOLLOW_UPS)
        return (first,)
    return (rng.choice(timenodes.OPEN_ENDED),)


def compose_tasks(groups: Sequence[TaskGroup], rng: random.Random) -> list[TaskDraft]:
    """One task per action: a title, content, units and time nodes."""
    drafts = []
    for group in groups:
        for action in group.actions:
            aim = rng.choice(group.aims)
            lead = group.leads[0]
            if len(group.leads) > 1 and rng.random() < 0.35:
                lead = rng.choice(group.leads[1:])
            sole = rng.random() < SOLE_RESPONSIBLE_SHARE
            pool = [key for key in group.coops if key != lead]
            coops = () if sole else tuple(rng.sample(pool, min(len(pool), rng.randint(0, 3))))
            title = f"{action},{aim}"
            measures = ";".join(rng.sample(MEASURES, 2))
            drafts.append(
                TaskDraft(
                    section=group.section,
                    title=title,
                    content=f"{title}。{measures}。",
                    category=CATEGORIES[group.section.split(".")[0]],
                    lead=lead,
                    coops=coops,
                    sole=sole,
                    nodes=_time_nodes(rng),
                )
            )
    return drafts


def create_tasks(
    *,
    region: Region,
    version: PlanVersion,
    sections: dict[str, Section],
    units: dict[str, Unit],
    drafts: Sequence[TaskDraft],
    year: int,
) -> list[Task]:
    """Write the tasks, each with its lead (or sole responsible) unit and time nodes.

    Time nodes are read in ``year`` (the plan's first year); the model re-reads them on save
    with the project's parser, which must agree with the local reading.
    """
    tasks = insert_all(
        Task(
            region=region,
            version=version,
            section=sections[d.section],
            number=str(n),
            title=d.title,
            content=d.content,
            category=d.category,
            sort_order=n,
        )
        for n, d in enumerate(drafts, start=1)
    )
    links: list[Assignment] = []
    nodes: list[TimeNode] = []
    for task, draft in zip(tasks, drafts, strict=True):
        role = Assignment.Role.RESPONSIBLE if draft.sole else Assignment.Role.LEAD
        links += assignments(region, units, "task", task, draft.lead, draft.coops, role)
        for order, text in enumerate(draft.nodes):
            node = timenodes.read(text, year)
            nodes.append(
                TimeNode(
                    region=region,
                    task=task,
                    text=text,
                    year=year,
                    kind=node.kind,
                    due=node.due,
                    parsed=node.to_dict(),
                    sort_order=order,
                )
            )
    insert_all(links)
    insert_all(nodes)
    _report_progress(tasks, nodes)
    return tasks


def _report_progress(tasks: Sequence[Task], nodes: Sequence[TimeNode]) -> None:
    """Progress as units would have reported it by the demo's today: roughly in step with the
    time gone to the first time node, some ahead, some behind, most past-due ones done.

    A separate generator keeps the rest of the demo the same whatever this does.
    """
    rng = random.Random(20261125)
    first_due: dict[int, dt.date] = {}
    for node in nodes:
        if node.due is not None and node.task_id is not None:
            first_due[node.task_id] = min(first_due.get(node.task_id, node.due), node.due)
    start = dt.date(TODAY.year, 1, 1)
    changed = []
    for task in tasks:
        due = first_due.get(task.pk)
        if due is None:  # ongoing work: steady progress, never "done"
            task.progress = Decimal(rng.randint(20, 70))
        elif due < TODAY and rng.random() < 0.75:
            task.progress = Decimal(100)
            task.completed_on = due - dt.timedelta(days=rng.randint(0, 40))
        else:
            share = min(1.0, (TODAY - start).days / max(1, (due - start).days))
            guess = share * 100 + rng.gauss(0, 18)
            task.progress = Decimal(max(0, min(95, round(guess))))
        changed.append(task)
    Task.objects.bulk_update(changed, ["progress", "completed_on"])
