"""Writes for Outline imports: read a file into findings, decide on them, apply the accepted.

Nothing found goes into the plan unseen: ``start_import`` only records findings; the
administrator accepts, edits or rejects each; ``apply_import`` creates (or, for a revised file,
changes) the sections, indicators, quantified targets and tasks that were accepted, all or
nothing, each write audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from lantu.core import audit
from lantu.core.permissions import allowed, restrict
from lantu.core.services import DomainError, create_object, update_object
from lantu.indicators.models import Indicator
from lantu.ingest.models import Finding, OutlineImport
from lantu.plans.models import Plan, PlanVersion, Section
from lantu.tasks.models import Task

MAX_UPLOAD = 30 * 1024 * 1024
KIND_KEYS = {
    "sections": Finding.Kind.SECTION,
    "indicators": Finding.Kind.INDICATOR,
    "text_targets": Finding.Kind.TEXT_TARGET,
    "tasks": Finding.Kind.TASK,
}


def _read(data: bytes) -> Any:
    """The findings of a document (see lantu.ingest.outline)."""
    from lantu.ingest.outline import find_outline, read_outline_bytes
    from lantu.ingest.outline.errors import OutlineFileError

    try:
        return find_outline(read_outline_bytes(data))
    except OutlineFileError as exc:
        raise DomainError(str(exc)) from exc


def _found(findings: Any) -> Iterator[tuple[str, dict[str, Any], str, int]]:
    """(kind, data, source text, block index) for every finding, in document order."""
    as_json = findings.to_json()
    for key, kind in KIND_KEYS.items():
        for obj, data in zip(getattr(findings, key), as_json[key], strict=True):
            source = getattr(obj, "source", "") or ""
            block = getattr(obj, "block", None)
            yield kind, data, str(source), block if isinstance(block, int) else -1


def _current_sections(found: list[tuple[str, dict[str, Any], str, int]]) -> list[str]:
    """The number of the section each finding stands in (by document order)."""
    current = ""
    by_index: dict[int, str] = {}
    # Findings come grouped by kind; the block index puts them back in document order.
    for i in sorted(range(len(found)), key=lambda i: (found[i][3], i)):
        kind, data, _source, _block = found[i]
        if kind == Finding.Kind.SECTION:
            current = data.get("number") or data.get("title", "")
        by_index[i] = data.get("section_number") or current
    return [by_index[i] for i in range(len(found))]


@transaction.atomic
def start_import(
    *,
    by: Any,
    plan_id: int | None = None,
    version: PlanVersion | None = None,
    file_path: str | Path | None = None,
    data: bytes | None = None,
    file_name: str = "",
) -> OutlineImport:
    """Read an Outline file and record what it holds as findings awaiting review."""
    if data is None:
        if file_path is None:
            raise DomainError("No file was given.")
        data = Path(file_path).read_bytes()
        file_name = file_name or Path(file_path).name
    if len(data) > MAX_UPLOAD:
        raise DomainError(f"The file is larger than {MAX_UPLOAD // (1024 * 1024)} MB.")
    if version is None:
        plans = Plan.objects.all() if by is None else restrict(Plan.objects.all(), by, "change")
        plan = plans.filter(pk=plan_id or 0).select_related("current_version").first()
        if plan is None:
            raise DomainError(f"No plan {plan_id} that you may change.")
        version = plan.current_version or _first_version(plan, by)
    if by is not None and not allowed(by, "add", OutlineImport):
        raise DomainError("Only plan administrators import an Outline.")
    findings = _read(data)
    found = list(_found(findings))
    sections = _current_sections(found)
    outline_import = create_object(
        model=OutlineImport,
        data={
            "version": version,
            "file_name": file_name[:255] or "outline",
            "file_sha256": hashlib.sha256(data).hexdigest(),
            "file_size": len(data),
            "created_by": by if getattr(by, "is_authenticated", False) else None,
        },
        by=by,
        region=version.region,
    )
    existing = Existing(version)
    rows = []
    for position, ((kind, item, source, _block), section) in enumerate(
        zip(found, sections, strict=True)
    ):
        change, existing_id, before = existing.compare(kind, item)
        rows.append(
            Finding(
                region=version.region,
                outline_import=outline_import,
                kind=kind,
                position=position,
                found=item,
                data=item,
                source=source[:4000],
                section_number=section[:30],
                change=change,
                existing_id=existing_id,
                before=before,
            )
        )
    Finding.objects.bulk_create(rows)
    outline_import.summary = {
        "found": {key: len(getattr(findings, key)) for key in KIND_KEYS},
        "missing": existing.missing(found),
    }
    outline_import.save(update_fields=["summary"])
    return outline_import


def _first_version(plan: Plan, by: Any) -> PlanVersion:
    version = create_object(
        model=PlanVersion,
        data={"plan": plan, "number": 1, "label": "原始版本"},
        by=by,
        region=plan.region,
    )
    update_object(instance=plan, data={"current_version": version}, by=by)
    return version


def _norm(text: Any) -> str:
    return "".join(str(text or "").split())


class Existing:
    """What the plan version already holds, to tell new findings from changed and unchanged."""

    def __init__(self, version: PlanVersion) -> None:
        self.sections = {
            _norm(s.title): s for s in Section.objects.filter(version=version).order_by("id")
        }
        indicators = Indicator.objects.filter(version=version, is_archived=False)
        self.indicators = {
            _norm(i.name): i for i in indicators.filter(source=Indicator.Source.MAIN_TABLE)
        }
        self.targets = {
            _norm(i.target_text) + "|" + _norm(i.sentence): i
            for i in indicators.filter(source=Indicator.Source.TEXT)
        }
        self.targets_by_sentence = {
            _norm(i.sentence): i for i in indicators.filter(source=Indicator.Source.TEXT)
        }
        tasks = Task.objects.filter(version=version, is_archived=False)
        self.tasks = {_norm(t.content or t.title): t for t in tasks}

    def _match(self, kind: str, item: dict[str, Any]) -> Any:
        if kind == Finding.Kind.SECTION:
            return self.sections.get(_norm(item.get("title")))
        if kind == Finding.Kind.INDICATOR:
            return self.indicators.get(_norm(item.get("name")))
        if kind == Finding.Kind.TEXT_TARGET:
            key = _norm(item.get("expression")) + "|" + _norm(item.get("sentence"))
            return self.targets.get(key) or self.targets_by_sentence.get(
                _norm(item.get("sentence"))
            )
        return self.tasks.get(_norm(item.get("text")))

    def compare(
        self, kind: str, item: dict[str, Any]
    ) -> tuple[str, int | None, dict[str, Any] | None]:
        obj = self._match(kind, item)
        if obj is None:
            return Finding.Change.NEW, None, None
        before = as_finding(kind, obj)
        same = not any(differs(k, before.get(k), v) for k, v in item.items() if k in before)
        return (
            Finding.Change.UNCHANGED if same else Finding.Change.CHANGED,
            obj.pk,
            before,
        )

    def missing(self, found: list[tuple[str, dict[str, Any], str, int]]) -> dict[str, list[str]]:
        """What the plan has that the file no longer has (by kind, names only)."""
        seen: dict[str, set[int]] = {}
        for kind, item, _source, _block in found:
            obj = self._match(kind, item)
            if obj is not None:
                seen.setdefault(kind, set()).add(obj.pk)
        pools = {
            Finding.Kind.SECTION: self.sections.values(),
            Finding.Kind.INDICATOR: self.indicators.values(),
            Finding.Kind.TEXT_TARGET: self.targets.values(),
            Finding.Kind.TASK: self.tasks.values(),
        }
        return {
            str(kind): [str(o) for o in pool if o.pk not in seen.get(kind, set())]
            for kind, pool in pools.items()
        }


def differs(key: str, before: Any, found: Any) -> bool:
    """Whether a found value changes what the plan has (a year not written keeps the plan's)."""
    if key == "year" and found is None:
        return False
    return _norm(before) != _norm(found)


def as_finding(kind: str, obj: Any) -> dict[str, Any]:
    """An existing object in the shape of a finding, to compare and to show before/after."""
    if kind == Finding.Kind.SECTION:
        return {"level": obj.level, "number": obj.number, "title": obj.title}
    if kind == Finding.Kind.INDICATOR:
        return {
            "category": obj.category or None,
            "name": obj.name,
            "unit": obj.unit or None,
            "baseline": obj.baseline_text or None,
            "target": obj.target_text or None,
            "annual_or_cumulative": obj.annual_text or None,
            "attribute": {"binding": "约束性", "expected": "预期性"}.get(obj.attribute),
        }
    if kind == Finding.Kind.TEXT_TARGET:
        return {
            "sentence": obj.sentence,
            "subject": obj.name,
            "expression": obj.target_text,
            "year": obj.target_year,
        }
    return {"section_number": obj.section.number if obj.section else "", "text": obj.content}


FIELDS = {
    Finding.Kind.SECTION: ("level", "number", "title"),
    Finding.Kind.INDICATOR: (
        "category",
        "name",
        "unit",
        "baseline",
        "target",
        "annual_or_cumulative",
        "attribute",
    ),
    Finding.Kind.TEXT_TARGET: ("sentence", "subject", "expression", "year"),
    Finding.Kind.TASK: ("section_number", "text"),
}


def _editable(outline_import: OutlineImport) -> None:
    if outline_import.status != OutlineImport.Status.REVIEWING:
        raise DomainError("This import is no longer under review.")


@transaction.atomic
def decide(*, findings: Iterable[Finding], decision: str, by: Any) -> int:
    """Accept or reject findings (one or many); returns how many changed."""
    if decision not in Finding.Decision.values:
        raise DomainError(f"Unknown decision {decision!r}.")
    changed = 0
    for finding in findings:
        _editable(finding.outline_import)
        if finding.decision != decision:
            update_object(instance=finding, data={"decision": decision}, by=by)
            changed += 1
    return changed


@transaction.atomic
def edit_finding(*, finding: Finding, data: dict[str, Any], by: Any) -> Finding:
    """Correct what was found before accepting it (only the finding's own fields)."""
    _editable(finding.outline_import)
    allowed_keys = FIELDS[Finding.Kind(finding.kind)]
    unknown = set(data) - set(allowed_keys)
    if unknown:
        raise DomainError(f"Not a field of this finding: {', '.join(sorted(unknown))}.")
    if finding.kind == Finding.Kind.SECTION and not str(data.get("title", "x")).strip():
        raise DomainError("A section needs a title.")
    merged = {**finding.data, **data}
    return update_object(
        instance=finding,
        data={"data": merged, "decision": Finding.Decision.ACCEPTED},
        by=by,
    )


def _decimal(text: Any) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().strip("[]〔〕"))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _year(value: Any, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 1949 <= year <= 2100 else default


@transaction.atomic
def apply_import(*, outline_import: OutlineImport, by: Any) -> dict[str, int]:
    """Create or change the accepted findings in the plan version: all or nothing."""
    locked = OutlineImport.objects.select_for_update().get(pk=outline_import.pk)
    _editable(locked)
    findings = list(locked.findings.order_by("position"))
    pending = [f for f in findings if f.decision == Finding.Decision.PENDING]
    if pending:
        raise DomainError(
            f"{len(pending)} findings are not decided yet: accept or reject every one first."
        )
    applier = _Applier(locked.version, by)
    for finding in findings:
        if finding.decision == Finding.Decision.ACCEPTED:
            applier.apply(finding)
    locked.status = OutlineImport.Status.APPLIED
    locked.applied_at = timezone.now()
    locked.summary = {**locked.summary, "applied": applier.counts}
    locked.save(update_fields=["status", "applied_at", "summary"])
    audit.record("ingest.outlineimport.applied", by=by, obj=locked, data=applier.counts)
    return applier.counts


@transaction.atomic
def discard_import(*, outline_import: OutlineImport, by: Any) -> None:
    _editable(outline_import)
    update_object(instance=outline_import, data={"status": OutlineImport.Status.DISCARDED}, by=by)


class _Applier:
    """Turns accepted findings into plan content, keeping the section tree as it goes."""

    def __init__(self, version: PlanVersion, by: Any) -> None:
        self.version = version
        self.by = by
        self.plan = version.plan
        self.region = version.region
        self.stack: list[Section] = []
        self.by_number: dict[str, Section] = {
            s.number: s for s in Section.objects.filter(version=version) if s.number
        }
        self.counts = {"created": 0, "changed": 0, "unchanged": 0}
        self.order = {
            "section": Section.objects.filter(version=version).count(),
            "indicator": Indicator.objects.filter(version=version).count(),
            "task": Task.objects.filter(version=version).count(),
        }

    def _save(self, model: Any, existing_id: int | None, data: dict[str, Any]) -> Any:
        if existing_id is not None:
            obj = model.objects.filter(pk=existing_id, version=self.version).first()
            if obj is not None:
                self.counts["changed"] += 1
                return update_object(instance=obj, data=data, by=self.by)
        self.counts["created"] += 1
        return create_object(model=model, data=data, by=self.by, region=self.region)

    def apply(self, finding: Finding) -> None:
        if finding.change == Finding.Change.UNCHANGED:
            self.counts["unchanged"] += 1
            if finding.kind == Finding.Kind.SECTION and finding.existing_id:
                section = Section.objects.get(pk=finding.existing_id)
                self._push(section)
            return
        handler = getattr(self, f"_{finding.kind}")
        obj = handler(finding.data, finding)
        Finding.objects.filter(pk=finding.pk).update(created_id=obj.pk)

    def _push(self, section: Section) -> None:
        while self.stack and self.stack[-1].level >= section.level:
            self.stack.pop()
        self.stack.append(section)
        if section.number:
            self.by_number[section.number] = section

    def _section_for(self, finding: Finding) -> Section | None:
        return self.by_number.get(finding.section_number) or (
            self.stack[-1] if self.stack else None
        )

    def _section(self, data: dict[str, Any], finding: Finding) -> Any:
        level = max(1, int(data.get("level") or 1))
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.order["section"] += 1
        section = self._save(
            Section,
            finding.existing_id,
            {
                "version": self.version,
                "parent": self.stack[-1] if self.stack else None,
                "level": level,
                "number": str(data.get("number") or "")[:30],
                "title": str(data.get("title") or "")[:300],
                "sort_order": self.order["section"],
            },
        )
        self._push(section)
        return section

    def _indicator(self, data: dict[str, Any], finding: Finding) -> Any:
        self.order["indicator"] += 1
        attribute = str(data.get("attribute") or "")
        baseline = str(data.get("baseline") or "")
        return self._save(
            Indicator,
            finding.existing_id,
            {
                "version": self.version,
                "section": self._section_for(finding),
                "source": Indicator.Source.MAIN_TABLE,
                "number": str(self.order["indicator"]),
                "category": str(data.get("category") or "")[:50],
                "name": str(data.get("name") or "")[:300],
                "unit": str(data.get("unit") or "")[:30],
                "attribute": (
                    Indicator.Attribute.BINDING
                    if "约束" in attribute
                    else Indicator.Attribute.EXPECTED
                ),
                "baseline_year": self.plan.start_year - 1,
                "baseline_text": baseline[:100],
                "baseline_value": _decimal(baseline),
                "target_year": self.plan.end_year,
                "target_text": str(data.get("target") or "")[:300],
                "annual_text": str(data.get("annual_or_cumulative") or "")[:300],
                "sort_order": self.order["indicator"],
            },
        )

    def _text_target(self, data: dict[str, Any], finding: Finding) -> Any:
        self.order["indicator"] += 1
        return self._save(
            Indicator,
            finding.existing_id,
            {
                "version": self.version,
                "section": self._section_for(finding),
                "source": Indicator.Source.TEXT,
                "name": str(data.get("subject") or data.get("expression") or "")[:300],
                "target_text": str(data.get("expression") or "")[:300],
                "sentence": str(data.get("sentence") or ""),
                "target_year": _year(data.get("year"), self.plan.end_year),
                "baseline_year": self.plan.start_year - 1,
                "sort_order": self.order["indicator"],
            },
        )

    def _task(self, data: dict[str, Any], finding: Finding) -> Any:
        self.order["task"] += 1
        text = str(data.get("text") or "").strip()
        title = text.split("。")[0].split(";")[0].split(";")[0][:300] or text[:300]
        return self._save(
            Task,
            finding.existing_id,
            {
                "version": self.version,
                "section": self._section_for(finding),
                "number": str(self.order["task"]),
                "title": title,
                "content": text,
                "sort_order": self.order["task"],
            },
        )


__all__ = [
    "apply_import",
    "decide",
    "discard_import",
    "edit_finding",
    "start_import",
]
