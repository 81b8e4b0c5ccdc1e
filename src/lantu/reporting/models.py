"""Reporting (填报): cycles, each unit's report on each item, evidence files and notifications.

A cycle is one plan's reporting period (2026年第三季度). It holds one ``Report`` per item due in
that period and per unit assigned to the item: the lead or responsible unit's report becomes the
official figure once accepted; a cooperating unit's report is its part, read by the lead unit
when it consolidates. Monitoring reads only accepted data: acceptance writes the observation,
the task's progress or the project's investment (see ``services.accept``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.core.models import TenantModel
from lantu.division.models import ItemLink, _exactly_one_item
from lantu.reporting import periods


class Cycle(TenantModel):
    """One reporting period of a plan: what is due, when it opens, its deadline and grace."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, related_name="cycles", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=3)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(pgettext_lazy("cycle", "deadline"))
    grace_days = models.PositiveSmallIntegerField(_("grace days"), default=5)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-deadline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "period"], name="cycle_one_per_period"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="cycle_opens_before_due"
            ),
        ]

    def __str__(self) -> str:
        from lantu.core.templatetags.lantu import period_label

        return f"{self.plan} · {period_label(self.year, self.period)}"

    @property
    def frequency(self) -> str:
        return periods.frequency_of(self.period)

    @property
    def period_end(self) -> dt.date:
        return periods.bounds(self.year, self.period)[1]

    @property
    def grace_ends(self) -> dt.date:
        return self.deadline + dt.timedelta(days=self.grace_days)

    def state(self, today: dt.date) -> str:
        """scheduled, open, grace (past the deadline, still taking reports) or closed."""
        if today < self.opens_on:
            return "scheduled"
        if today <= self.deadline:
            return "open"
        if today <= self.grace_ends:
            return "grace"
        return "closed"


class Report(ItemLink):
    """A unit's report on one item for one cycle, from draft to accepted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (填报中)")
        SUBMITTED = "submitted", _("Submitted (待审核)")
        APPROVED = "approved", _("Approved (待受理)")
        ACCEPTED = "accepted", _("Accepted (已受理)")
        RETURNED = "returned", _("Returned (已退回)")

    class Stage(models.TextChoices):
        PREPARATION = "preparation", _("Preparation (前期)")
        STARTED = "started", _("Under construction (开工)")
        COMPLETED = "completed", _("Completed (竣工)")
        IN_USE = "in_use", _("In use (投用)")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="reports", verbose_name=_("cycle")
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=12)  # Assignment.Role, copied when generated
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_reason = models.CharField(_("reason for exemption"), max_length=300, blank=True)
    # Bumped on every write: a form carries the revision it was loaded at, so a save made over
    # somebody else's newer save is refused instead of silently overwriting it.
    revision = models.PositiveIntegerField(_("revision"), default=0)

    # An indicator's figure.
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("data source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    # A task's progress.
    done = models.TextField(_("work done"), blank=True)
    progress = models.DecimalField(
        _("progress (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    timenodes_met = models.ManyToManyField(
        "division.TimeNode", blank=True, related_name="+", verbose_name=_("time nodes met")
    )
    problems = models.TextField(_("problems"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # A project's progress (money in 万元).
    invested_period = models.DecimalField(
        _("investment this period (万元)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    invested_total = models.DecimalField(
        _("investment in total (万元)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    stage = models.CharField(_("stage reached"), max_length=12, choices=Stage.choices, blank=True)
    stage_reached_on = models.DateField(_("stage reached on"), null=True, blank=True)
    help_needed = models.TextField(_("problems needing help"), blank=True)

    # The workflow, step by step (the audit trail keeps every step; these are the latest).
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("report", "approved by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    unlock_reason = models.TextField(_("reason for unlocking"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["cycle", "unit", "id"]
        constraints = [
            _exactly_one_item("report_exactly_one_item"),
            models.UniqueConstraint(
                fields=["cycle", "unit", "indicator"], name="report_once_per_indicator"
            ),
            models.UniqueConstraint(fields=["cycle", "unit", "task"], name="report_once_per_task"),
            models.UniqueConstraint(
                fields=["cycle", "unit", "project"], name="report_once_per_project"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.item} · {self.cycle}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        """A unit's own reports, and its partners' parts of the items it leads."""
        from lantu.division.models import Assignment

        leads = Assignment.objects.filter(
            unit_id__in=unit_ids, role__in=[Assignment.Role.LEAD, Assignment.Role.RESPONSIBLE]
        )
        led = Q()
        for field in ("indicator", "task", "project"):
            led |= Q(Exists(leads.filter(**{field: OuterRef(field)})))
        return Q(unit_id__in=unit_ids) | led

    @property
    def kind(self) -> str:
        """indicator, task or project."""
        if self.indicator_id:
            return "indicator"
        return "task" if self.task_id else "project"

    @property
    def is_lead(self) -> bool:
        return self.role != "cooperating"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_editable(self) -> bool:
        return not self.is_exempt and self.status in {self.Status.DRAFT, self.Status.RETURNED}

    def timeliness(self, today: dt.date) -> str:
        """exempt, on_time, late, missing (past the deadline, not submitted) or pending."""
        if self.is_exempt:
            return "exempt"
        if self.first_submitted_at is not None:
            submitted = timezone.localdate(self.first_submitted_at)
            return "on_time" if submitted <= self.cycle.deadline else "late"
        return "missing" if today > self.cycle.deadline else "pending"


def evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name is ours, never the uploader's: no path tricks, no clashes.
    return f"evidence/{instance.region_id}/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(TenantModel):
    """A supporting file (佐证材料) of a report, checked by its content, kept outside the web
    root and served only to those who may see the report."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("report")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(report__in=Report.objects.filter(Report.scope_q(unit_ids)))


class Notification(TenantModel):
    """A message to one person (站内消息), also sent by e-mail when they have an address.

    ``key`` says what it is about (``due_soon:cycle:unit``); one person gets one notification
    per key, so reminders that run twice do not nag twice.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Deadline approaching")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        TO_REVIEW = "to_review", _("Waiting for your review")
        TO_ACCEPT = "to_accept", _("Waiting for acceptance")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")
        UNLOCKED = "unlocked", _("Unlocked")
        WARNING = "warning", _("Warning")
        RECTIFY = "rectify", _("Rectification")
        ESCALATED = "escalated", _("Escalated")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=120)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title
