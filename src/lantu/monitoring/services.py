"""Writes for warnings and rectifications.

open → rectifying (the unit submitted a rectification) → rectified (the administrator accepted
it); a returned rectification puts the warning back to open. Any of them → closed, when the
cause is gone (``refresh``) or by the administrator with a reason. A warning left unanswered, or
whose rectification passed its expected date, escalates once to the unit's leader.

Every write is atomic, locks the rows it changes, and writes audit events; notifications go out
once the transaction has committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantu.core import audit, clock
from lantu.core.permissions import acts_for
from lantu.core.services import DomainError
from lantu.monitoring.models import Rectification, Warning
from lantu.monitoring.warnings import causes, family_of
from lantu.organizations.models import Person, Unit
from lantu.plans.models import Plan
from lantu.reporting import notify

State = Warning.State
ANSWERING_ROLES = ("reporter", "reviewer")


def rectify_days() -> int:
    return int(settings.LANTU_RECTIFY_DAYS)


@dataclass
class Refreshed:
    """What a recomputation changed."""

    raised: list[Warning] = field(default_factory=list)
    closed: list[Warning] = field(default_factory=list)


# --- raising and closing ------------------------------------------------------------------


@transaction.atomic
def refresh(*, plan: Plan, today: dt.date | None = None, by: Any = None) -> Refreshed:
    """Recompute the plan's warnings: raise one for each new cause, leave the open ones alone,
    close those whose cause is gone (recovered, or superseded when the item's light changed)."""
    today = today or clock.today()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # one refresh of a plan at a time
    current = causes(plan, today)
    open_rows = {
        w.cause_key: w
        for w in Warning.objects.select_for_update().filter(plan=plan, closed_at__isnull=True)
    }
    dismissed = set(
        Warning.objects.filter(
            plan=plan, closed_how=Warning.Closed.BY_ADMIN, cleared_at__isnull=True
        ).values_list("cause_key", flat=True)
    )
    gone = dismissed - set(current)
    if gone:
        Warning.objects.filter(plan=plan, cause_key__in=gone, cleared_at__isnull=True).update(
            cleared_at=timezone.now()
        )
    families = {c.family for c in current.values()}
    now = timezone.now()
    result = Refreshed()
    events: list[audit.AuditItem] = []
    for key, warning in open_rows.items():
        if key in current:
            continue
        before = audit.snapshot(warning)
        superseded = family_of(key) in families
        warning.state = State.CLOSED
        warning.closed_at = now
        warning.closed_how = Warning.Closed.SUPERSEDED if superseded else Warning.Closed.RECOVERED
        warning.save(update_fields=["state", "closed_at", "closed_how", "updated_at"])
        events.append(("monitoring.warning.closed", warning, before, audit.snapshot(warning), None))
        result.closed.append(warning)
    new = [
        Warning(
            region_id=plan.region_id,
            plan=plan,
            cause=c.cause,
            cause_key=c.key,
            detail=c.detail,
            raised_at=now,
            unit_id=c.unit_id,
            **{f"{c.kind}_id": c.item_id},
        )
        for key, c in sorted(current.items())
        if key not in open_rows and key not in dismissed
    ]
    for warning in new:
        warning.save()
        events.append(("monitoring.warning.raised", warning, None, audit.snapshot(warning), None))
    result.raised = new
    audit.record_many(events, by=by, describe=lambda w: w.cause_key)
    if new:
        ids = [w.pk for w in new]
        transaction.on_commit(lambda: notify_raised(ids))
    return result


@transaction.atomic
def close(*, warning: Warning, by: Any, reason: str) -> Warning:
    """The administrator closes a warning with a reason. Its cause raises no new warning while
    it lasts; if the item recovers and the cause comes back, that is a new warning."""
    _require_admin(by, warning)
    if not reason.strip():
        raise DomainError(_("Give the reason for closing the warning."))
    locked = _lock(warning)
    if not locked.is_open:
        raise DomainError(_("This warning is already closed."))
    return _change(locked, by, "closed", state=State.CLOSED, closed_at=timezone.now(),
                   closed_how=Warning.Closed.BY_ADMIN, close_reason=reason.strip(),
                   closed_by=by)  # fmt: skip


# --- rectification ------------------------------------------------------------------------


def answering_units(warning: Warning) -> list[Unit]:
    """The units that answer for a warning: its unit, else every unit assigned to the item."""
    if warning.unit_id:
        return list(Unit.objects.filter(pk=warning.unit_id))
    lookup = {f"assignments__{warning.kind}_id": warning.item.pk}
    return list(Unit.objects.filter(**lookup).order_by("assignments__sort_order", "pk").distinct())


def may_answer(user: Any, warning: Warning) -> list[Unit]:
    """The units for which ``user`` may answer the warning (as their reporter or reviewer)."""
    return [
        u
        for u in answering_units(warning)
        if any(acts_for(user, role, u.pk) for role in ANSWERING_ROLES)
    ]


@transaction.atomic
def submit_rectification(
    *, warning: Warning, by: Any, cause: str, measures: str, expected_on: dt.date
) -> Rectification:
    """A unit answers a warning: the cause, its measures and the date it expects recovery."""
    units = may_answer(by, warning)
    if not units:
        raise PermissionDenied(_("Only a reporter or reviewer of a responsible unit answers."))
    if not cause.strip() or not measures.strip():
        raise DomainError(_("Give the cause and the measures."))
    if expected_on < clock.today():
        raise DomainError(_("The expected date cannot be in the past."))
    locked = _lock(warning)
    if not locked.is_open:
        raise DomainError(_("This warning is closed; it needs no rectification."))
    if locked.state != State.OPEN:
        raise DomainError(
            _("This warning already has a rectification (%(state)s).")
            % {"state": locked.get_state_display()}
        )
    rect = Rectification.objects.create(
        region_id=locked.region_id,
        warning=locked,
        unit=units[0],
        cause=cause.strip(),
        measures=measures.strip(),
        expected_on=expected_on,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    audit.record("monitoring.rectification.submitted", by=by, obj=rect, after=audit.snapshot(rect))
    _change(locked, by, "rectifying", state=State.RECTIFYING)
    transaction.on_commit(lambda: notify_rectification(rect.pk, "submitted"))
    return rect


@transaction.atomic
def accept_rectification(*, rectification: Rectification, by: Any) -> Rectification:
    """The administrator accepts a rectification; the warning is rectified (and still closes
    by itself when the item recovers)."""
    rect, warning = _lock_rect(rectification, by)
    _decide(rect, by, "accepted", status=Rectification.Status.ACCEPTED)
    _change(warning, by, "rectified", state=State.RECTIFIED)
    transaction.on_commit(lambda: notify_rectification(rect.pk, "accepted"))
    return rect


@transaction.atomic
def return_rectification(*, rectification: Rectification, by: Any, reason: str) -> Rectification:
    """The administrator sends a rectification back with a reason; the unit answers again."""
    if not reason.strip():
        raise DomainError(_("Give the reason for returning the rectification."))
    rect, warning = _lock_rect(rectification, by)
    _decide(rect, by, "returned", status=Rectification.Status.RETURNED,
            return_reason=reason.strip())  # fmt: skip
    _change(warning, by, "reopened", state=State.OPEN)
    transaction.on_commit(lambda: notify_rectification(rect.pk, "returned"))
    return rect


# --- escalation ---------------------------------------------------------------------------


def is_overdue(warning: Warning, today: dt.date) -> bool:
    """Unanswered for ``LANTU_RECTIFY_DAYS``, or its rectification past its expected date
    (rectifications prefetched, newest first)."""
    if not warning.is_open or warning.escalated_at is not None:
        return False
    if warning.state == State.OPEN:
        return timezone.localdate(warning.raised_at) + dt.timedelta(days=rectify_days()) < today
    live = [r for r in warning.rectifications.all() if r.status != Rectification.Status.RETURNED]
    return bool(live) and live[0].expected_on < today


def escalate(*, today: dt.date | None = None, plan: Plan | None = None, by: Any = None) -> int:
    """Escalate every overdue warning once to its units' leaders; the number escalated."""
    today = today or clock.today()
    rows = Warning.objects.filter(closed_at__isnull=True, escalated_at__isnull=True)
    if plan is not None:
        rows = rows.filter(plan=plan)
    done = 0
    for warning in rows.prefetch_related("rectifications"):
        if is_overdue(warning, today) and _escalate_one(warning, today, by):
            done += 1
    return done


@transaction.atomic
def _escalate_one(warning: Warning, today: dt.date, by: Any) -> bool:
    locked = _lock(warning)
    if locked.escalated_at is not None or not locked.is_open:
        return False
    _change(locked, by, "escalated", escalated_at=timezone.now())
    transaction.on_commit(lambda: notify_escalated(locked.pk))
    return True


# --- helpers ------------------------------------------------------------------------------


def _require_admin(by: Any, warning: Warning) -> None:
    unit = warning.unit_id or next((u.pk for u in answering_units(warning)), 0)
    if not acts_for(by, "plan_admin", unit):
        raise PermissionDenied(_("Only the plan administrator decides on warnings."))


def _lock(warning: Warning) -> Warning:
    return Warning.objects.select_for_update().select_related("plan").get(pk=warning.pk)


def _lock_rect(rectification: Rectification, by: Any) -> tuple[Rectification, Warning]:
    warning = _lock(rectification.warning)
    _require_admin(by, warning)
    rect = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if rect.status != Rectification.Status.SUBMITTED:
        raise DomainError(
            _("This rectification is already “%(status)s”; nothing was changed.")
            % {"status": rect.get_status_display()}
        )
    if not warning.is_open:
        raise DomainError(_("This warning is closed; nothing was changed."))
    return rect, warning


def _decide(rect: Rectification, by: Any, verb: str, **changes: Any) -> None:
    before = audit.snapshot(rect)
    for name, value in {**changes, "decided_by": by, "decided_at": timezone.now()}.items():
        setattr(rect, name, value)
    rect.save()
    audit.record(f"monitoring.rectification.{verb}", by=by, obj=rect, before=before,
                 after=audit.snapshot(rect))  # fmt: skip


def _change(warning: Warning, by: Any, verb: str, **changes: Any) -> Warning:
    before = audit.snapshot(warning)
    for name, value in changes.items():
        setattr(warning, name, value)
    warning.save()
    audit.record(f"monitoring.warning.{verb}", by=by, obj=warning, before=before,
                 after=audit.snapshot(warning))  # fmt: skip
    return warning


# --- notifications (sent on commit) -------------------------------------------------------


def _people(warning: Warning, roles: tuple[str, ...]) -> list[Person]:
    people: list[Person] = []
    for unit in answering_units(warning):
        for role in roles:
            people += notify.holders(role, unit)
    return people


def _send(warning: Warning, people: list[Person], *, kind: str, key: str, title: str,
          body: str) -> int:  # fmt: skip
    return notify.send(people, kind=kind, key=key, title=f"{title}: {str(warning.item)[:80]}",
                       body=body, url=reverse("warning-detail", args=[warning.pk]),
                       region=warning.region_id)  # fmt: skip


def _fetch(pk: int) -> Warning | None:
    return (
        Warning.objects.select_related("plan", "unit", "indicator", "task", "project")
        .filter(pk=pk)
        .first()
    )


DIGEST_LINES = 20  # warnings named in one digest; the link lists them all


def notify_raised(ids: list[int]) -> int:
    """The responsible units' reporters and reviewers and the plan administrators hear of
    new warnings: one notification (and e-mail) per person, the warning itself when it is
    their only new one, else one digest linking to the list; a night that raises 150 warnings
    sends the administrator one message, not 150."""
    news: dict[int, tuple[Person, list[Warning]]] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for pk in ids:
            warning = _fetch(pk)
            if warning is None:
                continue
            people = _people(warning, (*ANSWERING_ROLES, "plan_admin"))
            for person in {p.pk: p for p in people}.values():  # once, whatever units they cover
                news.setdefault(person.pk, (person, []))[1].append(warning)
        return sum(_announce(person, found) for person, found in news.values())


def _announce(person: Person, warnings: list[Warning]) -> int:
    if len(warnings) == 1:
        only = warnings[0]
        return _send(only, [person], kind="warning", key=f"warning:{only.pk}",
                     title=_("Warning"), body=only.detail)  # fmt: skip
    lines = [f"{w.get_cause_display()} · {str(w.item)[:60]}" for w in warnings[:DIGEST_LINES]]
    if len(warnings) > DIGEST_LINES:
        lines.append(_("… and %(n)s more") % {"n": len(warnings) - DIGEST_LINES})
    first, last = warnings[0].pk, warnings[-1].pk
    return notify.send([person], kind="warning", key=f"warnings:{first}:{last}:{len(warnings)}",
                       title=_("%(n)s new warnings") % {"n": len(warnings)},
                       body="\n".join(lines), url=reverse("warning-list"),
                       region=warnings[0].region_id)  # fmt: skip


def notify_rectification(pk: int, event: str) -> int:
    """Administrators hear of a submitted rectification; the unit of the decision on it."""
    rect = Rectification.objects.select_related("warning", "unit").filter(pk=pk).first()
    if rect is None:
        return 0
    warning = _fetch(rect.warning_id)
    assert warning is not None
    with translation.override(settings.LANGUAGE_CODE):
        if event == "submitted":
            people = notify.holders("plan_admin", rect.unit)
            title, body = _("Rectification to review"), rect.measures
        else:
            people = [p for r in ANSWERING_ROLES for p in notify.holders(r, rect.unit)]
            title = (
                _("Rectification accepted") if event == "accepted" else _("Rectification returned")
            )
            body = rect.return_reason
        return _send(warning, people, kind="rectify", key=f"rectification:{pk}:{event}",
                     title=title, body=body)  # fmt: skip


def notify_escalated(pk: int) -> int:
    """The leaders whose portfolio covers the responsible units hear of an overdue warning."""
    warning = _fetch(pk)
    if warning is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        people = _people(warning, ("leader",))
        return _send(warning, people, kind="escalated", key=f"escalated:{pk}",
                     title=_("Overdue warning"), body=warning.detail)  # fmt: skip
