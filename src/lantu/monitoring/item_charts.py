"""The chart of one plan item, as plain data: an indicator's path from baseline to target, a
task's time nodes and reports, a project's investment and stages.

Each ``for_*`` function reads an item whose related rows are already fetched (the detail
pages' prefetches) and its judgement, and returns a dict: ``data`` (JSON for
``static/lantu/item_charts.js``, every point a date and a number), ``tables`` (the same
figures for those who would rather read) and ``summary`` (the status in words). Figures are
the official ones, written when a report is accepted; a task's reports are listed with their
status, the accepted ones marked.

``*_context`` give the detail pages their extra context: the judgement and the chart, with a
fixed number of queries (a task's lead reports in one).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import clock
from lantu.core.permissions import restrict
from lantu.core.templatetags.lantu import period_label
from lantu.monitoring import judging
from lantu.reporting.models import Report
from lantu.reporting.templatetags.reporting import cn_date
from lantu.targets.types import Target

PLOTTED = {Report.Status.SUBMITTED, Report.Status.APPROVED, Report.Status.ACCEPTED}


def _num(value: Decimal | None) -> float | None:
    if value is None or not value.is_finite():
        return None
    return float(value.quantize(Decimal("0.0001")))


def _year_end(year: int) -> str:
    return dt.date(year, 12, 31).isoformat()


def _point(date: dt.date | str, value: Decimal | None, label: str = "") -> dict[str, Any]:
    day = date if isinstance(date, str) else date.isoformat()
    return {"date": day, "value": _num(value), "label": label}


def _series(
    key: str, name: str, kind: str, color: str, points: list[dict[str, Any]], **style: Any
) -> dict[str, Any]:
    return {"key": key, "name": name, "type": kind, "color": color, "points": points, **style}


def _status_line(j: Any) -> str:
    return _("Status: %(status)s. %(why)s") % {"status": j.status, "why": j.explanation}


def _chart(
    kind: str, title: str, unit: str, series: list[dict[str, Any]], marks: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": title,
        "unit": unit,
        "series": [s for s in series if any(p["value"] is not None for p in s["points"])],
        "marks": marks,
        "marks_name": _("dates"),
    }


def _table(caption: str, head: list[str], rows: list[tuple[list[Any], bool]]) -> dict[str, Any]:
    return {
        "caption": caption,
        "head": head,
        "rows": [{"cells": cells, "strong": strong} for cells, strong in rows],
    }


# Indicators ---------------------------------------------------------------------------------


def _milestone_value(reading: dict[str, Any] | None) -> Decimal | None:
    if not reading:
        return None
    try:
        return Target.from_dict(reading).value
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def for_indicator(ind: Any, judgement: Any) -> dict[str, Any]:
    """Baseline, schedule, yearly milestones, target, accepted values and projection."""
    plan = ind.version.plan
    j = judgement
    base_year = j.baseline_year or ind.baseline_year or plan.start_year - 1
    target_year = j.target_year or ind.target_year or plan.end_year
    baseline = j.baseline if j.baseline is not None else ind.baseline_value
    checkpoints = list(j.checkpoints)
    expected = {c.year: c.expected for c in checkpoints}
    # A milestone is an anchor of the schedule, on the target's scale (a yearly 新增 counts
    # into the total); its own number only when the schedule has none for its year.
    anchors = {c.year: c.expected for c in checkpoints if c.milestone is not None}
    milestones = {m.year: m for m in ind.milestones.all()}
    observations = list(ind.observations.all())

    has_base = baseline is not None
    schedule = [_point(_year_end(base_year), baseline, _("baseline"))] if has_base else []
    schedule += [_point(_year_end(y), v) for y, v in sorted(expected.items()) if y > base_year]
    accepted = [_point(o.period_end, o.value, period_label(o.year, o.period)) for o in observations]
    projection: list[dict[str, Any]] = []
    if j.projection is not None and observations:
        last = observations[-1]
        projection = [
            _point(last.period_end, last.value, period_label(last.year, last.period)),
            _point(_year_end(target_year), j.projection, _("projection")),
        ]
    marks = [
        _point(_year_end(y), anchors.get(y, _milestone_value(m.reading)), m.text)
        for y, m in sorted(milestones.items())
    ]
    target = [_point(_year_end(target_year), j.target_value, _("target"))]
    series = [
        _series("baseline", _("baseline"), "scatter", "#667382", schedule[:1]),
        _series(
            "schedule",
            _("time-proportional schedule (序时进度)"),
            "line",
            "#868e96",
            schedule,
            dashed=True,
        ),
        _series("milestones", _("yearly milestones"), "scatter", "#f59f00", marks),
        _series("target", _("target"), "scatter", "#d63939", target, symbol="diamond"),
        _series("accepted", _("accepted values"), "line", "#206bc4", accepted),
        _series("projection", _("projection"), "line", "#4299e1", projection, dashed=True),
    ]
    rows: list[tuple[list[Any], bool]] = []
    for year in range(base_year, max(target_year, base_year) + 1):
        notes = []
        if year == base_year:
            notes.append(_("baseline"))
        if year == target_year:
            notes.append(_("target"))
        milestone = milestones.get(year)
        values = "; ".join(
            f"{period_label(o.year, o.period)} {_plain(o.value)}"
            for o in observations
            if o.year == year
        )
        rows.append(
            (
                [
                    str(year),
                    " / ".join(notes),
                    baseline if year == base_year else expected.get(year),
                    milestone.text if milestone else "",
                    j.target_value if year == target_year else None,
                    values,
                    j.projection if year == target_year else None,
                ],
                bool(values),
            )
        )
    table = _table(
        _("By year"),
        [
            _("year"),
            "",
            _("expected (序时进度)"),
            _("yearly milestone"),
            _("target"),
            _("accepted values"),
            _("projection"),
        ],
        rows,
    )
    summary = [
        _status_line(j),
        _indicator_sentence(j, baseline, base_year, target_year, observations),
    ]
    data = _chart("indicator", _("Path to the target"), ind.unit, series, [])
    data["year_end"] = _("end of %(year)s") % {"year": "{year}"}
    return {"data": data, "tables": [table], "summary": [s for s in summary if s]}


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f") if value.is_finite() else str(value)


def _indicator_sentence(
    j: Any, baseline: Decimal | None, base_year: int, target_year: int, observations: list[Any]
) -> str:
    parts = [
        _("Baseline %(value)s (%(year)s)") % {"value": _plain(baseline), "year": base_year},
        _("target %(value)s (%(year)s)") % {"value": _plain(j.target_value), "year": target_year},
    ]
    if observations:
        last = observations[-1]
        parts.append(
            _("latest accepted value %(value)s (%(period)s)")
            % {"value": _plain(last.value), "period": period_label(last.year, last.period)}
        )
    else:
        parts.append(_("no accepted value yet"))
    if j.projection is not None:
        parts.append(
            _("at the pace so far, %(value)s by %(year)s")
            % {"value": _plain(j.projection.quantize(Decimal("0.01"))), "year": target_year}
        )
    return "; ".join(parts) + "."


def indicator_context(ind: Any, user: Any) -> dict[str, Any]:
    judgement = judging.judge_indicator(ind)
    return {"judgement": judgement, "item_chart": for_indicator(ind, judgement)}


# Tasks --------------------------------------------------------------------------------------


def lead_reports(task: Any, user: Any) -> QuerySet[Report]:
    """The task's lead (or responsible) reports the user may see, in cycle order: one query."""
    qs = Report.objects.filter(task=task).exclude(role="cooperating").select_related("cycle")
    return restrict(qs, user, "view").order_by("cycle__year", "cycle__deadline", "id")


def _submitted_on(report: Report) -> dt.date | None:
    moment = report.first_submitted_at or report.submitted_at
    return timezone.localdate(moment) if moment else None


def _report_status(report: Report) -> str:
    return _("exempt") if report.is_exempt else str(report.get_status_display())


def for_task(task: Any, judgement: Any, reports: list[Report]) -> dict[str, Any]:
    """Time nodes on a timeline with the reported progress: accepted reports in full, those
    still in review as hollow points; the line of time gone from the plan's start to the last
    deadline for comparison."""
    today = clock.today()
    nodes = list(task.timenodes.all())
    marks = []
    for n in nodes:
        if n.due is None:
            continue
        style = "done" if n.met_on else ("late" if n.due < today else "due")
        marks.append({"date": n.due.isoformat(), "label": n.text, "style": style})
    accepted = [r for r in reports if r.status == Report.Status.ACCEPTED and not r.is_exempt]
    in_review = [r for r in reports if r.status in PLOTTED - {Report.Status.ACCEPTED}]

    def points(rows: list[Report]) -> list[dict[str, Any]]:
        return [
            _point(r.cycle.period_end, r.progress, period_label(r.cycle.year, r.cycle.period))
            for r in rows
        ]

    elapsed: list[dict[str, Any]] = []
    if judgement.due is not None:
        start = dt.date(task.version.plan.start_year, 1, 1)
        if start < judgement.due:
            elapsed = [_point(start, Decimal(0)), _point(judgement.due, Decimal(100))]
    series = [
        _series("elapsed", _("time gone (%)"), "line", "#868e96", elapsed, dashed=True),
        _series("accepted", _("accepted progress (%)"), "line", "#2fb344", points(accepted)),
        _series(
            "in_review",
            _("progress in review (%)"),
            "scatter",
            "#f59f00",
            points(in_review),
            hollow=True,
        ),
    ]
    node_rows = [
        (
            [n.text, cn_date(n.due) or "—", cn_date(n.met_on) or "—", _node_state(n, today)],
            bool(n.met_on),
        )
        for n in nodes
    ]
    report_rows = [
        (
            [
                period_label(r.cycle.year, r.cycle.period),
                _report_status(r),
                r.progress,
                cn_date(_submitted_on(r)) or "—",
            ],
            r.status == Report.Status.ACCEPTED,
        )
        for r in reports
    ]
    tables = [
        _table(_("Time nodes"), [_("time node"), _("due"), _("met on"), _("state")], node_rows),
        _table(
            _("Reports of the lead unit (accepted in bold)"),
            [_("period"), _("status"), _("progress (%)"), _("submitted")],
            report_rows,
        ),
    ]
    summary = [_status_line(judgement)]
    data = _chart("task", _("Time nodes and reports"), "%", series, marks)
    data["y_max"] = 100
    return {"data": data, "tables": tables, "summary": summary}


def _node_state(node: Any, today: dt.date) -> str:
    if node.met_on:
        return _("met")
    if node.due is None:
        return _("no date")
    return _("passed, not met") if node.due < today else _("ahead")


def task_context(task: Any, user: Any) -> dict[str, Any]:
    judgement = judging.judge_task(task)
    reports = list(lead_reports(task, user))
    return {
        "judgement": judgement,
        "item_kind": "task",
        "item_chart": for_task(task, judgement, reports),
    }


# Projects -----------------------------------------------------------------------------------


def for_project(project: Any, judgement: Any) -> dict[str, Any]:
    """Planned and completed investment by year, both cumulated, and the stage dates: planned
    (dashed) and reached (solid). The current year's completed investment stands on today."""
    today = clock.today()
    plans = sorted(project.investment_plans.all(), key=lambda p: p.year)
    planned_sum = completed_sum = Decimal(0)
    yearly_planned, yearly_done, cum_planned, cum_done = [], [], [], []
    rows: list[tuple[list[Any], bool]] = []
    for p in plans:
        planned_sum += p.planned
        end = _year_end(p.year)
        mid = dt.date(p.year, 7, 1)  # a year's own amount stands in the middle of its year
        yearly_planned.append(_point(mid, p.planned, str(p.year)))
        cum_planned.append(_point(end, planned_sum, str(p.year)))
        if p.completed is not None and p.year <= today.year:
            completed_sum += p.completed
            at = today if p.year == today.year else dt.date(p.year, 12, 31)
            yearly_done.append(_point(mid, p.completed, str(p.year)))
            cum_done.append(_point(at, completed_sum, str(p.year)))
        done = p.completed is not None and p.year <= today.year
        rows.append(
            (
                [str(p.year), p.planned, p.completed, planned_sum, completed_sum if done else None],
                p.year == today.year,
            )
        )
    series = [
        _series("planned", _("planned investment (万元)"), "bar", "#adb5bd", yearly_planned),
        _series("completed", _("completed investment (万元)"), "bar", "#206bc4", yearly_done),
        _series(
            "cum_planned", _("planned, cumulative"), "line", "#868e96", cum_planned, dashed=True
        ),
        _series("cum_completed", _("completed, cumulative"), "line", "#2fb344", cum_done),
    ]
    late = {s.name for s in judgement.late_stages}
    marks, stage_rows = [], []
    for name, planned_field, actual_field in judging.STAGES:
        planned, actual = getattr(project, planned_field), getattr(project, actual_field)
        if planned:
            label = _("%(stage)s planned") % {"stage": name}
            style = "late" if name in late else "planned"
            marks.append({"date": planned.isoformat(), "label": label, "style": style})
        if actual:
            label = _("%(stage)s reached") % {"stage": name}
            marks.append({"date": actual.isoformat(), "label": label, "style": "done"})
        if planned or actual:
            state = _("late") if name in late else (_("reached") if actual else _("ahead"))
            stage_rows.append(
                ([name, cn_date(planned) or "—", cn_date(actual) or "—", state], name in late)
            )
    tables = [
        _table(
            _("Investment by year (万元)"),
            [
                _("year"),
                _("planned"),
                _("completed"),
                _("planned, cumulative"),
                _("completed, cumulative"),
            ],
            rows,
        ),
        _table(_("Stages"), [_("stage"), _("planned"), _("actual"), _("state")], stage_rows),
    ]
    summary = [_status_line(judgement)]
    data = _chart("project", _("Investment and stages"), "万元", series, marks)
    return {"data": data, "tables": tables, "summary": summary}


def project_context(project: Any, user: Any) -> dict[str, Any]:
    judgement = judging.judge_project(project)
    return {
        "judgement": judgement,
        "item_kind": "project",
        "item_chart": for_project(project, judgement),
    }
