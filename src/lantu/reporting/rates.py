"""Reads for the administrator's pages: counts per cycle, the reporting-rate table, the overdue
list, the year's calendar and the review queue's flags.

Timeliness is computed in the database with the same rule as ``Report.timeliness``: on time when
first submitted on or before the deadline (local date), late when after, missing when never
submitted and the deadline has passed, pending when not yet due; exempt reports are only exempt.
Every function here runs a fixed number of queries, whatever the number of reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, F, Min, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from lantu.indicators.models import Observation
from lantu.organizations.models import Membership, Person
from lantu.reporting import periods
from lantu.reporting.models import Cycle, Notification, Report

Status = Report.Status
TIMELINESS = ("on_time", "late", "missing", "pending", "exempt")
KINDS = {"indicator": _("Indicator"), "task": _("Key task"), "project": _("Major project")}
STATES = {
    "scheduled": (_("Scheduled"), "secondary"),
    "open": (_("Open"), "green"),
    "grace": (_("In grace period"), "yellow"),
    "closed": (_("Closed"), "secondary"),
}
SUBMITTED = (Status.SUBMITTED, Status.APPROVED, Status.ACCEPTED)
UNSUBMITTED = (Status.DRAFT, Status.RETURNED)


def timeliness_q(today: dt.date) -> dict[str, Q]:
    """Each timeliness as a condition on reports (``Report.timeliness`` in SQL)."""
    live = Q(is_exempt=False)
    never = live & Q(first_submitted_at__isnull=True)
    return {
        "on_time": live & Q(first_submitted_at__date__lte=F("cycle__deadline")),
        "late": live & Q(first_submitted_at__date__gt=F("cycle__deadline")),
        "missing": never & Q(cycle__deadline__lt=today),
        "pending": never & Q(cycle__deadline__gte=today),
        "exempt": Q(is_exempt=True),
    }


def with_timeliness(reports: QuerySet[Report], today: dt.date) -> QuerySet[Report]:
    """Reports annotated with ``due_state``: their timeliness on ``today``."""
    whens = [When(q, then=Value(kind)) for kind, q in timeliness_q(today).items()]
    return reports.annotate(due_state=Case(*whens, output_field=CharField()))


def kind_q(kind: str) -> Q:
    return Q(**{f"{kind}__isnull": False})


# --- counts per cycle --------------------------------------------------------------------


@dataclass
class Counts:
    """One cycle's reports, by status and by timeliness."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_timeliness: dict[str, int] = field(default_factory=dict)

    @property
    def expected(self) -> int:
        return self.total - self.by_timeliness.get("exempt", 0)

    @property
    def submitted(self) -> int:
        return sum(self.by_status.get(s, 0) for s in SUBMITTED)

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0

    def statuses(self) -> list[tuple[str, Any, int]]:
        """(status, label, count) for every status, in workflow order."""
        return [(s, label, self.by_status.get(s, 0)) for s, label in Status.choices]


def cycle_counts(reports: QuerySet[Report], today: dt.date) -> dict[int, Counts]:
    """Counts per cycle of ``reports``, in one grouped query."""
    live = Q(is_exempt=False)
    annotations: dict[str, Any] = {"n": Count("id")}
    for status in Status.values:
        annotations[f"s_{status}"] = Count("id", filter=live & Q(status=status))
    for kind, q in timeliness_q(today).items():
        annotations[f"t_{kind}"] = Count("id", filter=q)
    result: dict[int, Counts] = {}
    for row in reports.order_by().values("cycle_id").annotate(**annotations):
        result[row["cycle_id"]] = Counts(
            total=row["n"],
            by_status={s: row[f"s_{s}"] for s in Status.values},
            by_timeliness={t: row[f"t_{t}"] for t in TIMELINESS},
        )
    return result


def in_order(cycles: list[Cycle]) -> list[Cycle]:
    """A year's cycles in the order their periods end, coarser after finer."""
    return sorted(cycles, key=lambda c: (c.year, periods.sort_key(c.period), c.pk))


# --- the reporting-rate table ------------------------------------------------------------


@dataclass
class Cell:
    """Reports of one unit (in one cycle, or in total) by timeliness."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    exempt: int = 0
    pending: int = 0

    def add(self, other: Cell) -> None:
        for name in TIMELINESS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def due(self) -> int:
        """Reports whose deadline has passed, or that came in anyway."""
        return self.on_time + self.late + self.missing

    @property
    def total(self) -> int:
        return self.due + self.exempt + self.pending

    @property
    def rate(self) -> Decimal | None:
        """The on-time rate in per cent; None while nothing is due."""
        if not self.due:
            return None
        return (Decimal(100) * self.on_time / self.due).quantize(Decimal("0.1"))


@dataclass
class RateRow:
    unit_id: int
    unit_name: str
    cells: list[Cell]
    total: Cell


@dataclass
class RateTable:
    cycles: list[Cycle]
    rows: list[RateRow]
    column_totals: list[Cell]
    total: Cell


def rate_table(reports: QuerySet[Report], cycles: list[Cycle], today: dt.date) -> RateTable:
    """Rows of units, columns of ``cycles``; best on-time rate first. One grouped query."""
    cycles = in_order(cycles)
    column = {c.pk: i for i, c in enumerate(cycles)}
    grouped = (
        reports.filter(cycle__in=[c.pk for c in cycles])
        .order_by()
        .values("unit_id", "unit__name", "unit__sort_order", "cycle_id")
        .annotate(**{name: Count("id", filter=q) for name, q in timeliness_q(today).items()})
    )
    rows: dict[int, RateRow] = {}
    order: dict[int, tuple[int, int]] = {}
    for g in grouped:
        row = rows.get(g["unit_id"])
        if row is None:
            row = RateRow(g["unit_id"], g["unit__name"], [Cell() for _c in cycles], Cell())
            rows[g["unit_id"]] = row
            order[g["unit_id"]] = (g["unit__sort_order"], g["unit_id"])
        cell = Cell(**{name: g[name] for name in TIMELINESS})
        row.cells[column[g["cycle_id"]]] = cell
        row.total.add(cell)
    column_totals = [Cell() for _c in cycles]
    total = Cell()
    for row in rows.values():
        for i, cell in enumerate(row.cells):
            column_totals[i].add(cell)
        total.add(row.total)

    def rank(row: RateRow) -> tuple[bool, Decimal, tuple[int, int]]:
        rate = row.total.rate
        return (rate is None, -(rate or Decimal(0)), order[row.unit_id])

    return RateTable(cycles, sorted(rows.values(), key=rank), column_totals, total)


# --- overdue -----------------------------------------------------------------------------


def overdue_reports(reports: QuerySet[Report], today: dt.date) -> QuerySet[Report]:
    """Reports not (or no longer) submitted, not exempt, past their cycle's deadline."""
    return reports.filter(is_exempt=False, status__in=UNSUBMITTED, cycle__deadline__lt=today)


@dataclass
class OverdueUnit:
    unit: Any
    reports: list[Report] = field(default_factory=list)
    contacts: list[Person] = field(default_factory=list)
    reminded: dict[int, dt.datetime] = field(default_factory=dict)  # cycle id -> first sent
    most_days: int = 0


def overdue_page(
    reports: QuerySet[Report], people: QuerySet[Person], today: dt.date, page: Any, per_page: int
) -> tuple[Page[Any], list[OverdueUnit]]:
    """The overdue reports grouped by unit, most overdue unit first, one page of units.

    ``people`` are those whose phone numbers the reader may see; the units' reporters among
    them are listed to call. Whether a reminder went out is read from the ``overdue``
    notifications (``overdue:{cycle}:{unit}``, see ``notify.reminders``).
    """
    late = overdue_reports(reports, today)
    units = (
        late.order_by()
        .values("unit_id")
        .annotate(oldest=Min("cycle__deadline"))
        .order_by("oldest", "unit_id")
    )
    paged = Paginator(units, per_page).get_page(page)
    unit_ids = [u["unit_id"] for u in paged.object_list]
    groups: dict[int, OverdueUnit] = {}
    rows = late.filter(unit_id__in=unit_ids).select_related(
        "unit", "cycle", "indicator", "task", "project"
    )
    for report in rows.order_by("cycle__deadline", "id"):
        group = groups.setdefault(report.unit_id, OverdueUnit(report.unit))
        group.reports.append(report)
        report.days_overdue = (today - report.cycle.deadline).days  # type: ignore[attr-defined]
        group.most_days = max(group.most_days, report.days_overdue)  # type: ignore[attr-defined]
    _attach_contacts(groups, people)
    _attach_reminders(groups)
    return paged, [groups[pk] for pk in unit_ids if pk in groups]


def _attach_contacts(groups: dict[int, OverdueUnit], people: QuerySet[Person]) -> None:
    """The reporters whose membership covers each unit (as ``notify.holders`` decides)."""
    if not groups:
        return
    units = {pk: g.unit for pk, g in groups.items()}
    ancestors = {int(p) for u in units.values() for p in u.path.split("/") if p.isdigit()}
    memberships = (
        Membership.objects.filter(role="reporter", person__is_active=True, person__in=people)
        .filter(
            Q(scope="all")
            | Q(scope="own", unit_id__in=set(units))
            | Q(scope="subtree", unit_id__in=ancestors | set(units))
            | Q(scope="chosen", chosen_units__in=set(units))
        )
        .select_related("person", "unit")
        .prefetch_related("chosen_units")
        .distinct()
        .order_by("person_id")
    )
    for m in memberships:
        chosen = {u.pk for u in m.chosen_units.all()}
        for pk, unit in units.items():
            covers = (
                m.scope == "all"
                or (m.scope == "own" and m.unit_id == pk)
                or (m.scope == "subtree" and unit.path.startswith(m.unit.path))
                or (m.scope == "chosen" and pk in chosen)
            )
            contacts = groups[pk].contacts
            if covers and m.person not in contacts:
                contacts.append(m.person)


def _attach_reminders(groups: dict[int, OverdueUnit]) -> None:
    cycles = {r.cycle_id for g in groups.values() for r in g.reports}
    if not cycles:
        return
    prefixes = Q()
    for cycle_id in cycles:
        prefixes |= Q(key__startswith=f"{Notification.Kind.OVERDUE}:{cycle_id}:")
    sent = (
        Notification.objects.filter(prefixes, kind=Notification.Kind.OVERDUE)
        .order_by()
        .values("key")
        .annotate(first=Min("created_at"))
    )
    for row in sent:
        parts = row["key"].split(":")
        if len(parts) < 3 or not (parts[1].isdigit() and parts[2].isdigit()):
            continue
        cycle_id, unit_id = int(parts[1]), int(parts[2])
        group = groups.get(unit_id)
        if group is not None:
            previous = group.reminded.get(cycle_id)
            group.reminded[cycle_id] = min(previous, row["first"]) if previous else row["first"]
    for group in groups.values():
        for report in group.reports:
            report.reminded_at = group.reminded.get(report.cycle_id)  # type: ignore[attr-defined]


# --- the calendar ------------------------------------------------------------------------


@dataclass
class Entry:
    cycle: Cycle
    event: str  # "opens" or "due"
    reports: int = 0
    items: int = 0
    mine: int | None = None


@dataclass
class Month:
    number: int
    first_day: dt.date
    entries: list[Entry] = field(default_factory=list)


def calendar(
    cycles: list[Cycle], reports: QuerySet[Report], year: int, my_units: set[int] | None
) -> list[Month]:
    """Twelve months of ``year``: the cycles opening and due in each, with what is due.

    ``my_units`` (the reader's own units) adds how many of the reports are theirs.
    """
    mine = Q(unit_id__in=my_units or set())
    counted = (
        reports.filter(cycle__in=[c.pk for c in cycles], is_exempt=False)
        .order_by()
        .values("cycle_id")
        .annotate(
            n=Count("id"),
            items=Count("indicator_id", distinct=True)
            + Count("task_id", distinct=True)
            + Count("project_id", distinct=True),
            mine=Count("id", filter=mine),
        )
    )
    counts = {row["cycle_id"]: row for row in counted}
    months = [Month(m, dt.date(year, m, 1)) for m in range(1, 13)]
    for cycle in sorted(cycles, key=lambda c: (c.deadline, c.pk)):
        row = counts.get(cycle.pk, {"n": 0, "items": 0, "mine": 0})
        for event, day in (("opens", cycle.opens_on), ("due", cycle.deadline)):
            if day.year == year:
                months[day.month - 1].entries.append(
                    Entry(cycle, event, row["n"], row["items"], row["mine"] if my_units else None)
                )
    for month in months:
        month.entries.sort(key=lambda e: (_day(e), e.event != "due"))
    return months


def _day(entry: Entry) -> dt.date:
    return entry.cycle.deadline if entry.event == "due" else entry.cycle.opens_on


# --- the review queue's flags ------------------------------------------------------------


def attach_jump_flags(reports: list[Report]) -> None:
    """Mark indicator figures that move more than ``LANTU_JUMP_PERCENT`` from the last
    accepted one (``checks.explanation_reasons``' first rule, for many reports in one query):
    ``report.jump`` is the change in per cent, or None."""
    wanted = {r.indicator_id for r in reports if r.indicator_id and r.value is not None}
    history: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    if wanted:
        observations = Observation.objects.filter(indicator_id__in=wanted).order_by("-period_end")
        for ind, end, value in observations.values_list("indicator_id", "period_end", "value"):
            history[ind].append((end, value))
    limit = Decimal(settings.LANTU_JUMP_PERCENT)
    for report in reports:
        report.jump = None  # type: ignore[attr-defined]
        if report.indicator_id not in wanted or not report.is_lead or report.value is None:
            continue
        before = [v for end, v in history[report.indicator_id] if end < report.cycle.period_end]
        if before and before[0]:
            change = abs(report.value - before[0]) / abs(before[0]) * Decimal(100)
            if change > limit:
                report.jump = round(change)  # type: ignore[attr-defined]
