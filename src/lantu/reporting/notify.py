"""Notifications (站内消息 and e-mail): who hears of what, said once.

Reads the workflow's state and writes ``Notification`` rows; called from background jobs
(``jobs.py``), never from a request directly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantu.core.permissions import acts_for
from lantu.core.templatetags.lantu import period_label
from lantu.organizations.models import Membership, Person, Unit
from lantu.reporting.models import Cycle, Notification, Report
from lantu.reporting.templatetags.reporting import cn_date

Kind = Notification.Kind
UNSUBMITTED = (Report.Status.DRAFT, Report.Status.RETURNED)
NOT_APPROVED = (*UNSUBMITTED, Report.Status.SUBMITTED)


def holders(role: str, unit: Unit) -> list[Person]:
    """Active people holding ``role`` with a scope that covers ``unit``."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    covers = (
        Q(scope="all")
        | Q(scope="own", unit=unit)
        | Q(scope="subtree", unit_id__in=ancestors or [unit.pk])
        | Q(scope="chosen", chosen_units=unit)
    )
    memberships = Membership.objects.filter(
        covers, role=role, region_id=unit.region_id, person__is_active=True
    )
    return list(Person.objects.filter(pk__in=memberships.values("person_id")).order_by("pk"))


def send(
    people: Iterable[Person], *, kind: str, key: str, title: str, body: str, url: str, region: int
) -> int:
    """One notification per person and key (again with the same key: nothing); e-mail to
    those with an address. The number created."""
    people = list({p.pk: p for p in people}.values())
    seen = set(
        Notification.objects.filter(recipient__in=people, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [p for p in people if p.pk not in seen]
    now = timezone.now()
    rows = [
        Notification(
            region_id=region,
            recipient=p,
            kind=kind,
            key=key[:120],
            title=title[:200],
            body=body,
            url=url,
            emailed_at=now if p.email else None,
        )
        for p in fresh
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    mails = [
        (f"[蓝图] {title}", f"{body}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [p.email])
        for p in fresh
        if p.email
    ]
    if mails:
        send_mass_mail(mails, fail_silently=False)
    return len(rows)


def report_event(event: str, report_id: int) -> int:
    """Tell the people who must act next that a report moved."""
    report = (
        Report.objects.select_related("cycle__plan", "unit", "indicator", "task", "project")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return _report_event(event, report)


def _report_event(event: str, report: Report) -> int:
    item = str(report.item)
    what = f"{report.unit} · {item[:60]} · {period_label(report.cycle.year, report.cycle.period)}"
    url = reverse("report-detail", args=[report.pk])
    key = f"{event}:{report.pk}:{report.revision}"
    if event == "submitted":
        people, kind, title = holders("reviewer", report.unit), Kind.TO_REVIEW, _("To review")
    elif event == "approved" and report.is_lead:
        people, kind = holders("plan_admin", report.unit), Kind.TO_ACCEPT
        title = _("To accept")
    elif event == "approved":
        from lantu.reporting.services import lead_report

        lead = lead_report(report)
        if lead is None:
            return 0
        people = holders("reporter", lead.unit)
        kind, title = Kind.TO_ACCEPT, _("A cooperating unit's part has arrived")
    elif event in {"returned", "unlocked"}:
        people = holders("reporter", report.unit)
        returner = report.returned_by
        if returner is not None and not acts_for(returner, "reviewer", report.unit_id):
            people += holders("reviewer", report.unit)  # sent back past the reviewer
        kind = Kind.RETURNED if event == "returned" else Kind.UNLOCKED
        title = _("Returned") if event == "returned" else _("Unlocked")
        what += "\n" + _("Reason: %(reason)s") % {"reason": report.return_reason}
    elif event == "accepted":
        people, kind, title = holders("reporter", report.unit), Kind.ACCEPTED, _("Accepted")
    else:
        return 0
    return send(people, kind=kind, key=key, title=f"{title}: {item[:80]}", body=what, url=url,
                region=report.region_id)  # fmt: skip


def reminders(today: dt.date) -> int:
    """Before the deadline, on it and after it: remind the units that have not reported.

    Runs daily (``lantu remind``); the keys make a second run on the same day, or a day
    missed and caught up, send each reminder once.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _reminders(today)


def _reminders(today: dt.date) -> int:
    ahead = settings.LANTU_REMIND_DAYS_BEFORE
    cycles = (
        Cycle.objects.filter(opens_on__lte=today)
        .filter(deadline__gte=today - dt.timedelta(days=366))
        .select_related("plan")
    )
    sent = 0
    for cycle in cycles:
        days_left = (cycle.deadline - today).days
        if days_left > ahead or today > cycle.grace_ends:
            continue
        if days_left > 0:
            kind, word = Kind.DUE_SOON, _("Due in %(days)s days") % {"days": days_left}
        elif days_left == 0:
            kind, word = Kind.DUE_TODAY, _("Due today")
        else:
            kind, word = Kind.OVERDUE, _("Overdue by %(days)s days") % {"days": -days_left}
        label = period_label(cycle.year, cycle.period)
        pending: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        units: dict[int, Unit] = {}
        for report in cycle.reports.filter(status__in=NOT_APPROVED, is_exempt=False).select_related(
            "unit"
        ):
            pending[report.unit_id][report.status] += 1
            units[report.unit_id] = report.unit
        for unit_id, counts in pending.items():
            unit = units[unit_id]
            unfilled = counts[Report.Status.DRAFT] + counts[Report.Status.RETURNED]
            body = _(
                "%(plan)s %(period)s: %(unfilled)s reports not submitted, %(waiting)s waiting "
                "for review. Deadline %(deadline)s."
            ) % {
                "plan": cycle.plan,
                "period": label,
                "unfilled": unfilled,
                "waiting": counts[Report.Status.SUBMITTED],
                "deadline": cn_date(cycle.deadline),
            }
            people = holders("reviewer", unit)
            if unfilled:
                people += holders("reporter", unit)
            sent += send(
                people,
                kind=kind,
                key=f"{kind}:{cycle.pk}:{unit_id}",
                title=f"{word}: {label}",
                body=body,
                url=reverse("todo"),
                region=cycle.region_id,
            )
    return sent
