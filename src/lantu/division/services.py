"""Writes for the division of labour (分工).

``apply_division_import`` writes what a division workbook's preview says, all or nothing,
with one audit event per assignment or time node created, changed or removed and one summary
event for the import. The events of an import are written as one batch on the audit chain
(``audit.record_many``): thousands of rows cost one lock and one insert, not thousands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from lantu.core import audit
from lantu.core.services import DomainError
from lantu.division.models import Assignment, TimeNode
from lantu.ingest.division_import import Preview, RowPreview, preview_division_import, state_of
from lantu.monitoring import standings

BATCH = 500


class ImportBlocked(DomainError):
    """A division import that cannot be applied: the file has errors, or the data moved on."""


@dataclass
class ImportResult:
    """What an applied division import changed."""

    rows_created: int = 0
    rows_changed: int = 0
    rows_unchanged: int = 0
    assignments_created: int = 0
    assignments_changed: int = 0
    assignments_removed: int = 0
    timenodes_created: int = 0
    timenodes_removed: int = 0
    event_id: int | None = None  # the summary audit event; None when nothing changed


@dataclass
class _Plan:
    """The writes for one import, gathered before any is made."""

    creates: list[Assignment]
    updates: list[tuple[Assignment, dict[str, Any]]]
    removals: list[Assignment]
    new_nodes: list[TimeNode]
    old_nodes: list[TimeNode]
    readings: dict[str, TimeNode] = field(default_factory=dict)


def apply_division_import(
    preview_or_data: Preview | bytes, *, version: Any, user: Any, expect: str | None = None
) -> ImportResult:
    """Write a division import (a preview, or the file's bytes to preview first), atomically.

    Only users allowed to change assignments may apply, and only to items in their data scope.
    ``expect`` is the ``fingerprint`` of the preview the person saw, when the bytes are given
    again: the import is refused if it would now do something else. Raises ``ImportBlocked``
    when the preview has errors, was made for another version or user, or when the division
    changed since the preview; nothing is written then.
    """
    from lantu.core.permissions import allowed

    if not allowed(user, "change", Assignment):
        raise PermissionDenied("您没有修改分工的权限。")
    if isinstance(preview_or_data, Preview):
        preview = preview_or_data
    else:
        preview = preview_division_import(preview_or_data, version=version, user=user)
    if expect is not None and preview.fingerprint != expect:
        raise ImportBlocked("分工在预览之后已被修改,导入结果会与预览不同,请重新上传预览。")
    if preview.version_id != version.pk or preview.user_id != getattr(user, "pk", None):
        raise ImportBlocked("这份预览不是为当前规划版本和用户生成的,请重新上传预览。")
    if not preview.ok:
        shown = "\n".join(str(p) for p in preview.errors[:20])
        more = len(preview.errors) - 20
        tail = f"\n……另有 {more} 处" if more > 0 else ""
        raise ImportBlocked(f"文件有 {len(preview.errors)} 处错误,未做任何修改:\n{shown}{tail}")
    counts = preview.counts
    result = ImportResult(counts["create"], counts["change"], counts["unchanged"])
    rows = [row for row in preview.rows if row.action != "unchanged"]
    if not rows:
        return result
    with transaction.atomic():
        from lantu.plans.models import PlanVersion

        # One import at a time per version; the rows it reads are then its own.
        locked = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
        _check_scope(rows, locked, user)
        plan = _plan_writes(rows, locked)
        events = _write(plan, preview, rows)
        result.assignments_created = len(plan.creates)
        result.assignments_changed = len(plan.updates)
        result.assignments_removed = len(plan.removals)
        result.timenodes_created = len(plan.new_nodes)
        result.timenodes_removed = len(plan.old_nodes)
        summary = {
            "import": preview.digest,
            "rows": counts,
            "assignments": [len(plan.creates), len(plan.updates), len(plan.removals)],
            "timenodes": [len(plan.new_nodes), len(plan.old_nodes)],
        }
        events.append(("division.import.applied", locked, None, None, summary))
        result.event_id = _record_batch(events, by=user)
    return result


def _check_scope(rows: list[RowPreview], version: Any, user: Any) -> None:
    from lantu.core.permissions import restrict
    from lantu.indicators.models import Indicator
    from lantu.projects.models import Project
    from lantu.tasks.models import Task

    models_: dict[str, Any] = {"indicator": Indicator, "task": Task, "project": Project}
    for item, model in models_.items():
        wanted = {row.item_id for row in rows if row.item == item}
        if not wanted:
            continue
        qs = restrict(model.objects.filter(version=version, is_archived=False), user, "change")
        if wanted - set(qs.values_list("id", flat=True)):
            raise ImportBlocked("部分事项已不在您的数据范围内或已归档,请重新上传预览。")


def _plan_writes(rows: list[RowPreview], version: Any) -> _Plan:
    """Compare each row's wanted state with the locked current one and list the writes."""
    plan = _Plan([], [], [], [], [])
    by_item: dict[str, list[RowPreview]] = defaultdict(list)
    for row in rows:
        by_item[row.item].append(row)
    for item, item_rows in by_item.items():
        current = _grouped(Assignment, item, version, ("sort_order", "id"))
        order = (models.F("due").asc(nulls_last=True), "sort_order", "id")
        nodes = _grouped(TimeNode, item, version, order)
        for row in item_rows:
            mine, my_nodes = current.get(row.item_id, []), nodes.get(row.item_id, [])
            if not state_of(mine, my_nodes).same_as(row.before):
                raise ImportBlocked(
                    f"工作表“{row.sheet}”第{row.row}行的事项“{row.label}”在预览之后已被修改,"
                    "请重新上传预览。"
                )
            _plan_assignments(plan, row, mine, version)
            _plan_nodes(plan, row, my_nodes, version)
    return plan


def _grouped(model: Any, item: str, version: Any, order: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    qs = model.objects.select_for_update(of=("self",)).filter(**{f"{item}__version": version})
    if model is Assignment:
        qs = qs.select_related("unit")
    for obj in qs.order_by(*order):
        grouped[getattr(obj, f"{item}_id")].append(obj)
    return grouped


def _plan_assignments(
    plan: _Plan, row: RowPreview, current: list[Assignment], version: Any
) -> None:
    wanted = [*row.after.leads, *((unit, "cooperating") for unit in row.after.coops)]
    by_unit = {a.unit_id: a for a in current}
    for order, (unit, role) in enumerate(wanted):
        existing = by_unit.pop(unit, None)
        if existing is None:
            plan.creates.append(
                Assignment(
                    region_id=version.region_id,
                    unit_id=unit,
                    role=role,
                    sort_order=order,
                    **{f"{row.item}_id": row.item_id},
                )
            )
        elif existing.role != role or existing.sort_order != order:
            before = audit.snapshot(existing)
            existing.role, existing.sort_order = role, order
            plan.updates.append((existing, before))
    plan.removals += by_unit.values()


def _plan_nodes(plan: _Plan, row: RowPreview, current: list[TimeNode], version: Any) -> None:
    spare = list(current)
    for order, text in enumerate(row.after.nodes):
        kept = next((n for n in spare if n.text == text), None)
        if kept is not None:
            spare.remove(kept)
            continue
        node = TimeNode(
            region_id=version.region_id,
            text=text,
            year=version.plan.start_year,
            sort_order=order,
            **{f"{row.item}_id": row.item_id},
        )
        # bulk_create skips save(): read the phrase here, once per distinct phrase.
        read = plan.readings.get(text)
        if read is None:
            node.refresh_reading()
            plan.readings[text] = node
        else:
            node.kind, node.due, node.parsed = read.kind, read.due, read.parsed
        plan.new_nodes.append(node)
    plan.old_nodes += spare


Event = tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None]


def _write(plan: _Plan, preview: Preview, rows: list[RowPreview]) -> list[Event]:
    """Make the writes; return their audit events (before, after) in order."""
    data = {"import": preview.digest}
    events: list[Event] = []
    for a in plan.removals:
        events.append(("division.assignment.deleted", a, audit.snapshot(a), None, data))
    for n in plan.old_nodes:
        events.append(("division.timenode.deleted", n, audit.snapshot(n), None, data))
    _delete(Assignment, [a.pk for a in plan.removals])
    _delete(TimeNode, [n.pk for n in plan.old_nodes])
    now = timezone.now()
    for a, _before in plan.updates:
        a.updated_at = now
    Assignment.objects.bulk_update(
        [a for a, _b in plan.updates], ["role", "sort_order", "updated_at"], batch_size=BATCH
    )
    for a, before in plan.updates:
        events.append(("division.assignment.changed", a, before, audit.snapshot(a), data))
    Assignment.objects.bulk_create(plan.creates, batch_size=BATCH)
    TimeNode.objects.bulk_create(plan.new_nodes, batch_size=BATCH)
    # bulk_create sends no signals: the items' stored judgements are cleared here.
    standings.mark_stale(**_items_of(plan.new_nodes))
    for a in plan.creates:
        events.append(("division.assignment.created", a, None, audit.snapshot(a), data))
    for n in plan.new_nodes:
        events.append(("division.timenode.created", n, None, audit.snapshot(n), data))
    return events


def _items_of(nodes: list[TimeNode]) -> dict[str, set[int]]:
    """The ids of the nodes' items, by kind."""
    items: dict[str, set[int]] = {"indicator": set(), "task": set(), "project": set()}
    for n in nodes:
        for kind, ids in items.items():
            if item_id := getattr(n, f"{kind}_id"):
                ids.add(item_id)
    return items


def _delete(model: Any, ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        model.objects.filter(pk__in=ids[start : start + BATCH]).delete()


def _record_batch(events: list[Event], *, by: Any) -> int:
    """Append ``events`` to the audit trail in one go; returns the summary (last) event's id."""
    names: dict[tuple[int, str], str] = {}
    return audit.record_many(events, by=by, describe=lambda obj: _repr(obj, names)) or 0


def _repr(obj: Any, names: dict[tuple[int, str], str]) -> str:
    """``str(obj)``, computed once per unit and role for assignments (all their text is), so a
    new assignment's unit is fetched once per unit, not once per row."""
    if isinstance(obj, Assignment):
        key = (obj.unit_id, obj.role)
        if key not in names:
            names[key] = str(obj)[:300]
        return names[key]
    return str(obj)[:300]
