"""Reading a 分工方案 workbook back: what each row would change, before anything is written.

``preview_division_import`` reads the exported workbook or a hand-made one and says, per row,
whether it creates the item's division (the item had none), changes it (before and after for
lead units, cooperating units and time nodes) or leaves it unchanged, and lists every problem
with its sheet, row and column. ``lantu.division.services.apply_division_import`` writes a
preview without errors, all or nothing.

Rules:

- A sheet is recognised by its header row (see ``division_xlsx``); sheets without one are
  skipped, and a workbook with none is refused.
- A row is matched to its item by 编号 (``T-123``); without one, by content (indicator name,
  task title, project name, compared without spaces, punctuation or width differences) within
  the version. A row naming no item and no unit is taken for a heading and skipped.
- Unit names are matched by ``units_match``: exact names and short names only; abbreviations
  and near-misses are errors carrying suggestions, never applied silently.
- A column that is absent leaves that part of the division alone; an empty 配合单位 or 时间节点
  cell clears it. An empty 牵头单位 is an error where the item has a lead or the row names
  cooperating units: an item's whole division is removed on its page, not by blanking a cell.
- 时间节点 are stored as written (the model reads them); their order does not count as a change.
- Only users who may change assignments may import; rows for items outside their data scope
  are errors.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied

from lantu.ingest.division_docx import NODE_SEPARATOR, RESPONSIBLE_MARK, UNIT_SEPARATOR, item_key
from lantu.ingest.division_xlsx import Problem, SheetRow, read_division_rows
from lantu.ingest.units_match import UnitMatcher, normalise

ITEM_WORDS = {"indicator": "指标", "task": "任务", "project": "项目"}
KEY = re.compile(r"^\s*([ITPitp])\s*[-－—]?\s*(\d{1,12})\s*$")
RESPONSIBLE = re.compile(r"[(（]\s*责任\s*[)）]\s*$")
UNIT_SPLIT = re.compile(r"[、,，;；/\n\r]+")
NODE_SPLIT = re.compile(r"[;；\n\r]+")
NONE_WORDS = {"-", "—", "——", "/", "无", "暂无"}
MAX_NODE_LENGTH = 200


@dataclass(frozen=True)
class ItemState:
    """An item's division: lead units with their roles, cooperating units, time-node texts."""

    leads: tuple[tuple[int, str], ...] = ()  # (unit id, "lead" | "responsible"), in order
    coops: tuple[int, ...] = ()
    nodes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.leads or self.coops or self.nodes)

    def same_as(self, other: ItemState) -> bool:
        return (
            self.leads == other.leads
            and self.coops == other.coops
            and sorted(self.nodes) == sorted(other.nodes)
        )


def state_of(assignments: Iterable[Any], nodes: Iterable[Any]) -> ItemState:
    """The state of rows with ``unit_id``, ``role`` (ordered) and nodes with ``text``."""
    leads: list[tuple[int, str]] = []
    coops: list[int] = []
    for a in assignments:
        if a.role == "cooperating":
            coops.append(a.unit_id)
        else:
            leads.append((a.unit_id, a.role))
    return ItemState(tuple(leads), tuple(coops), tuple(n.text for n in nodes))


@dataclass
class RowPreview:
    """What one row does to its item's division."""

    sheet: str
    row: int
    item: str  # indicator, task, project
    item_id: int
    key: str
    label: str
    action: str  # create, change, unchanged
    before: ItemState
    after: ItemState
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # heading -> (was, now)


@dataclass
class Preview:
    """The outcome of reading a division workbook against a version; nothing written yet."""

    version_id: int
    user_id: int | None
    digest: str
    rows: list[RowPreview] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        """True when the preview may be applied."""
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        result = {"create": 0, "change": 0, "unchanged": 0}
        for row in self.rows:
            result[row.action] += 1
        return result

    @property
    def fingerprint(self) -> str:
        """What the preview showed (the file, every row's before and after), as a hash: a page
        keeps it, and applying the file again checks that nothing moved in between."""
        digest = hashlib.sha256(self.digest.encode())
        for r in self.rows:
            digest.update(repr((r.item, r.item_id, r.action, r.before, r.after)).encode())
        return digest.hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the API and templates."""
        return {
            "ok": self.ok,
            "digest": self.digest,
            "fingerprint": self.fingerprint,
            "counts": self.counts,
            "errors": [str(p) for p in self.errors],
            "warnings": [str(p) for p in self.warnings],
            "problems": [asdict(p) for p in self.problems],
            "rows": [
                {
                    "sheet": r.sheet,
                    "row": r.row,
                    "key": r.key,
                    "item": r.item,
                    "label": r.label,
                    "action": r.action,
                    "changes": {k: list(v) for k, v in r.changes.items()},
                }
                for r in self.rows
            ],
        }


def preview_division_import(data: bytes, *, version: Any, user: Any) -> Preview:
    """Read a division workbook against ``version`` and say what applying it would change.

    Raises ``FileRejected`` for a file that is not a safe .xlsx and ``PermissionDenied`` for a
    user who may not change the division; every other problem is listed in the preview.
    """
    from lantu.core.permissions import allowed
    from lantu.division.models import Assignment

    if not allowed(user, "change", Assignment):
        raise PermissionDenied("您没有修改分工的权限。")
    preview = Preview(version.pk, getattr(user, "pk", None), hashlib.sha256(data).hexdigest())
    context = _Context.load(version, user)
    seen: dict[tuple[str, int], tuple[str, int]] = {}
    for row in read_division_rows(data, preview.problems):
        result = context.read_row(row, seen)
        if result is not None:
            preview.rows.append(result)
    return preview


@dataclass
class _Items:
    """One kind of item in the version: labels, names, scope, current division."""

    labels: dict[int, str] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    archived: set[int] = field(default_factory=set)
    names: dict[str, list[int]] | None = None  # by normalised name, built when first needed
    changeable: set[int] = field(default_factory=set)
    states: dict[int, ItemState] = field(default_factory=dict)

    def by_name(self) -> dict[str, list[int]]:
        """Item ids by normalised name (rows without 编号 are matched through it)."""
        if self.names is None:
            self.names = {}
            for pk, label in self.labels.items():
                self.names.setdefault(normalise(label), []).append(pk)
        return self.names


@dataclass
class _Context:
    items: dict[str, _Items]
    matcher: UnitMatcher
    unit_names: dict[int, str]

    @classmethod
    def load(cls, version: Any, user: Any) -> _Context:
        """Everything a preview needs, in a fixed number of queries whatever the file's size."""
        from lantu.core.permissions import restrict
        from lantu.organizations.models import Unit

        units = list(
            Unit.objects.filter(region_id=version.region_id).values_list(
                "id", "name", "short_name", "is_archived"
            )
        )
        matcher = UnitMatcher.for_units(units, version.region.name)
        items: dict[str, _Items] = {}
        for item, (model, label) in _models().items():
            found = _Items()
            qs = model.objects.filter(version=version)
            source = "source" if item == "indicator" else "id"
            for pk, text, src, archived in qs.values_list("id", label, source, "is_archived"):
                found.labels[pk] = text
                found.sources[pk] = str(src)
                if archived:
                    found.archived.add(pk)
            found.changeable = set(restrict(qs, user, "change").values_list("id", flat=True))
            found.states = current_states(item, version)
            items[item] = found
        return cls(items, matcher, {pk: name for pk, name, _s, _a in units})

    def read_row(
        self, row: SheetRow, seen: dict[tuple[str, int], tuple[str, int]]
    ) -> RowPreview | None:
        """The preview of one row, or None (a heading row, or a row with errors)."""
        problems = row.problems
        before = len(problems)
        target = self._find_item(row)
        if target is None:
            return None
        item, pk = target
        if (item, pk) in seen:
            sheet, number = seen[(item, pk)]
            column = "key" if row.text("key") else "content"
            row.error(column, f"与工作表“{sheet}”第{number}行是同一事项,不能重复")
            return None
        seen[(item, pk)] = (row.sheet, row.number)
        was = self.items[item].states.get(pk, ItemState())
        now = self._read_division(row, was)
        if any(p.level == "error" for p in problems[before:]):
            return None
        action = "unchanged" if now.same_as(was) else "create" if was.empty else "change"
        preview = RowPreview(
            row.sheet,
            row.number,
            item,
            pk,
            item_key(item, pk),
            self.items[item].labels[pk],
            action,
            was,
            now,
        )
        if action != "unchanged":
            preview.changes = self._describe(was, now)
        return preview

    def _find_item(self, row: SheetRow) -> tuple[str, int] | None:
        key, content = row.text("key"), row.text("content")
        match = KEY.match(key) if key else None
        if key and match is None:
            row.error("key", f"编号“{key}”格式不对,应如 T-123;手工新增的行请留空")
            return None
        if match is not None:
            item = {"I": "indicator", "T": "task", "P": "project"}[match[1].upper()]
            pk = int(match[2])
            if pk not in self.items[item].labels and not content:
                row.error("key", f"编号“{key}”不是本规划版本中的事项")
                return None
            if pk not in self.items[item].labels:
                # e.g. a sheet exported from the version before a revision: go by content.
                row.warn("key", f"编号“{key}”不是本规划版本中的事项,按内容对应")
                match = None
            else:
                label = self.items[item].labels[pk]
                if content and content != label and normalise(content) != normalise(label):
                    row.warn("content", f"内容与编号{key}的事项“{label}”不一致,按编号对应")
        if match is None and content:
            found = self._by_content(row, content)
            if found is None:
                return None
            item, pk = found
        elif match is None:
            if row.has_division():
                row.error("content", "编号和内容都是空的,无法对应事项")
            return None
        if pk in self.items[item].archived:
            row.error("key" if key else "content", "该事项已归档,不能再修改分工")
            return None
        if pk not in self.items[item].changeable:
            row.error("key" if key else "content", "该事项不在您的数据范围内,不能修改其分工")
            return None
        return item, pk

    def _by_content(self, row: SheetRow, content: str) -> tuple[str, int] | None:
        items = self.items[row.item]
        by_name = items.by_name()
        ids = [pk for pk in by_name.get(normalise(content), []) if pk not in items.archived]
        if row.source and len(ids) > 1:  # a main indicator and a text target of one name
            ids = [pk for pk in ids if items.sources[pk] == row.source] or ids
        if len(ids) == 1:
            return row.item, ids[0]
        word = ITEM_WORDS[row.item]
        if ids:
            row.error("content", f"有 {len(ids)} 项{word}都叫“{content}”,请填写编号")
        elif row.has_division():
            close = difflib.get_close_matches(normalise(content), list(by_name), n=1)
            hint = ""
            if close:
                hint = f",是否指“{items.labels[by_name[close[0]][0]]}”?"
            row.error("content", f"本规划版本中找不到{word}“{content}”{hint}")
        else:
            row.warn("content", "不对应任何事项,也没有单位,看作标题行,已跳过")
        return None

    def _read_division(self, row: SheetRow, was: ItemState) -> ItemState:
        leads, coops, nodes = list(was.leads), list(was.coops), list(was.nodes)
        named = False
        if row.has("lead") or row.has("responsible"):
            leads = []
            for column, role in (("lead", "lead"), ("responsible", "responsible")):
                for name, marked in self._names(row, column):
                    named = True
                    unit = self._unit(row, column, name, (u for u, _r in was.leads))
                    if unit is not None and unit not in (u for u, _r in leads):
                        leads.append((unit, "responsible" if marked else role))
        if row.has("coop"):
            coops = []
            for name, marked in self._names(row, "coop"):
                if marked:
                    row.error("coop", f"配合单位不能标“{RESPONSIBLE_MARK}”:“{name}”")
                unit = self._unit(row, "coop", name, was.coops)
                if unit is None or unit in coops:
                    continue
                if unit in (u for u, _r in leads):
                    row.error("coop", f"“{name}”已是牵头单位,不能同时是配合单位")
                    continue
                coops.append(unit)
        if (row.has("lead") or row.has("responsible")) and not named and (was.leads or coops):
            row.error("lead", "牵头单位不能为空(取消整项分工请在事项页面操作)")
        if row.has("nodes"):
            nodes = []
            for text in NODE_SPLIT.split(row.text("nodes")):
                text = text.strip()
                if len(text) > MAX_NODE_LENGTH:
                    row.error("nodes", f"时间节点超过 {MAX_NODE_LENGTH} 字:“{text[:20]}…”")
                elif text and text not in NONE_WORDS and text not in nodes:
                    nodes.append(text)
        return ItemState(tuple(leads), tuple(coops), tuple(nodes))

    def _names(self, row: SheetRow, column: str) -> list[tuple[str, bool]]:
        names: list[tuple[str, bool]] = []
        for part in UNIT_SPLIT.split(row.text(column)):
            name = part.strip()
            if not name or name in NONE_WORDS:
                continue
            marked = RESPONSIBLE.search(name) is not None
            name = RESPONSIBLE.sub("", name).strip()
            if any(n == name for n, _m in names):
                row.warn(column, f"“{name}”写了不止一次,只算一次")
                continue
            names.append((name, marked))
        return names

    def _unit(self, row: SheetRow, column: str, name: str, kept: Iterable[int]) -> int | None:
        """The unit a name means; an archived unit only where the item already has it."""
        match = self.matcher.match(name)
        archived = match.archived_unit
        if match.unit is None and archived is not None and archived.id in kept:
            return archived.id
        if match.unit is None:
            row.error(column, match.problem())
            return None
        return match.unit.id

    def _describe(self, was: ItemState, now: ItemState) -> dict[str, tuple[str, str]]:
        names = self.unit_names
        changes: dict[str, tuple[str, str]] = {}

        def leads(state: ItemState) -> str:
            return UNIT_SEPARATOR.join(
                names[u] + (RESPONSIBLE_MARK if role == "responsible" else "")
                for u, role in state.leads
            )

        pairs = (
            ("牵头单位", leads(was), leads(now)),
            ("配合单位", *(UNIT_SEPARATOR.join(names[u] for u in s.coops) for s in (was, now))),
            ("时间节点", NODE_SEPARATOR.join(was.nodes), NODE_SEPARATOR.join(now.nodes)),
        )
        same_nodes = sorted(was.nodes) == sorted(now.nodes)
        for heading, old, new in pairs:
            if old != new and not (heading == "时间节点" and same_nodes):
                changes[heading] = (old, new)
        return changes


def _models() -> dict[str, tuple[Any, str]]:
    from lantu.indicators.models import Indicator
    from lantu.projects.models import Project
    from lantu.tasks.models import Task

    return {"indicator": (Indicator, "name"), "task": (Task, "title"), "project": (Project, "name")}


def current_states(item: str, version: Any) -> dict[int, ItemState]:
    """The division of every ``item`` (indicator, task, project) of ``version``: two queries."""
    from django.db.models import F

    from lantu.division.models import Assignment, TimeNode

    where = {f"{item}__version": version}
    assignments: dict[int, list[Any]] = {}
    for row in (
        Assignment.objects.filter(**where)
        .order_by("sort_order", "id")
        .values_list(f"{item}_id", "unit_id", "role", named=True)
    ):
        assignments.setdefault(row[0], []).append(row)
    nodes: dict[int, list[Any]] = {}
    for row in (
        TimeNode.objects.filter(**where)
        .order_by(F("due").asc(nulls_last=True), "sort_order", "id")
        .values_list(f"{item}_id", "text", named=True)
    ):
        nodes.setdefault(row[0], []).append(row)
    return {pk: state_of(assignments.get(pk, []), nodes.get(pk, [])) for pk in assignments | nodes}
