"""Warnings (预警) and their rectifications (整改).

A warning says one thing is wrong with one item of a plan: a light turned yellow or red, a time
node passed undone, a project's investment lags or a stage date was missed, a report is missing.
``cause_key`` names that cause (``light_red:indicator:12``); at most one open warning exists per
cause, so recomputing never raises the same warning twice. The responsible unit answers with a
rectification; the plan administrator accepts it or returns it. A warning closes when its cause
is gone (the item recovered) or when the administrator closes it with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.core.models import TenantModel
from lantu.division.models import ItemLink, _exactly_one_item, items_of


class Warning(ItemLink):
    """One cause for concern about one item of a plan, from raised to closed."""

    class Cause(models.TextChoices):
        LIGHT_YELLOW = "light_yellow", _("Yellow light")
        LIGHT_RED = "light_red", _("Red light")
        NODE_OVERDUE = "node_overdue", _("Time node overdue")
        INVESTMENT_LAG = "investment_lag", _("Investment lagging")
        STAGE_LATE = "stage_late", _("Stage date missed")
        REPORT_MISSING = "report_missing", _("Report missing")

    class State(models.TextChoices):
        OPEN = "open", _("Open (待整改)")
        RECTIFYING = "rectifying", _("Rectifying (整改中)")
        RECTIFIED = "rectified", _("Rectified (已整改)")
        CLOSED = "closed", _("Closed (已关闭)")

    class Closed(models.TextChoices):
        RECOVERED = "recovered", _("Recovered")
        SUPERSEDED = "superseded", pgettext_lazy("warning", "Superseded")
        BY_ADMIN = "by_admin", _("Closed by the administrator")

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, related_name="warnings", verbose_name=_("plan")
    )
    # The unit the cause concerns when it is one unit's (a missing report); else every unit
    # assigned to the item answers for it.
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warnings",
        verbose_name=_("unit"),
    )
    cause = models.CharField(_("cause"), max_length=16, choices=Cause.choices)
    cause_key = models.CharField(_("cause key"), max_length=120)
    detail = models.TextField(_("detail"), blank=True)
    raised_at = models.DateTimeField(_("raised"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_how = models.CharField(
        _("closed how"), max_length=10, choices=Closed.choices, blank=True
    )
    close_reason = models.TextField(_("reason for closing"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    # For a warning the administrator closed: when its cause went away. Until then the same
    # cause raises no new warning; after it, the cause coming back is a new occurrence.
    cleared_at = models.DateTimeField(_("cause cleared"), null=True, blank=True)

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["-raised_at", "-id"]
        constraints = [
            _exactly_one_item("warning_exactly_one_item"),
            models.UniqueConstraint(
                fields=["region", "cause_key"],
                condition=Q(closed_at__isnull=True),
                name="warning_open_once_per_cause",
            ),
        ]
        indexes = [models.Index(fields=["plan", "state"])]

    def __str__(self) -> str:
        return f"{self.get_cause_display()} · {self.item}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return items_of(unit_ids) | Q(unit_id__in=unit_ids)

    @property
    def kind(self) -> str:
        if self.indicator_id:
            return "indicator"
        return "task" if self.task_id else "project"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Rectification(TenantModel):
    """A unit's answer to a warning: the cause, the measures and when it expects recovery."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted (待确认)")
        ACCEPTED = "accepted", _("Accepted (已认可)")
        RETURNED = "returned", _("Returned (已退回)")

    warning = models.ForeignKey(
        Warning,
        on_delete=models.PROTECT,
        related_name="rectifications",
        verbose_name=_("warning"),
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="rectifications",
        verbose_name=_("unit"),
    )
    cause = models.TextField(_("cause"))
    measures = models.TextField(_("measures"))
    expected_on = models.DateField(_("expected by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["warning", "-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.warning}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(warning__in=Warning.objects.filter(Warning.scope_q(unit_ids)))


class Standing(models.Model):
    """Where one item stood when last judged: the dashboards count these with SQL.

    Derived data, never edited by hand: ``standings.refresh`` writes it from the progress
    engine (after each accepted report, nightly, and on a dashboard's first look at a day), and
    any change to what an item is judged from clears ``judged_on`` (``standings.stale``), so a
    standing is either today's judgement of the item's current data or is judged again before
    it is counted.
    """

    version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.CASCADE, related_name="+", verbose_name=_("version")
    )
    indicator = models.OneToOneField(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        related_name="standing",
        verbose_name=_("indicator"),
    )
    task = models.OneToOneField(
        "tasks.Task",
        on_delete=models.CASCADE,
        null=True,
        related_name="standing",
        verbose_name=_("key task"),
    )
    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        related_name="standing",
        verbose_name=_("major project"),
    )
    status = models.CharField(_("status"), max_length=16)
    light = models.CharField(_("light"), max_length=8)  # red, yellow, green or none
    behind = models.BooleanField(_("behind"), default=False)
    late_stages = models.BooleanField(_("stage dates missed"), default=False)
    light_a_year_ago = models.CharField(_("light a year earlier"), max_length=8, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)  # the rule, in words
    # A key task's time nodes overdue (due, not met, the task unfinished): now and a year ago.
    nodes_overdue = models.PositiveIntegerField(_("time nodes overdue"), default=0)
    nodes_overdue_a_year_ago = models.PositiveIntegerField(
        _("time nodes overdue a year earlier"), default=0
    )
    # A key task's progress against the share of its own time gone (时间过半、任务过半): done
    # or at least level is on pace; None for work without dates (持续推进), which has no pace.
    on_pace = models.BooleanField(_("keeps pace with its time"), null=True)
    judged_on = models.DateField(_("judged on"), null=True)

    class Meta:
        verbose_name = _("standing")
        verbose_name_plural = _("standings")
        constraints = [_exactly_one_item("standing_exactly_one_item")]
        indexes = [models.Index(fields=["version", "judged_on"])]

    def __str__(self) -> str:
        return f"{self.status} · {self.light}"
