"""The division of labour (分工): who leads, who cooperates, and by when."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantu.core.models import TenantModel
from lantu.targets.timenodes import parse_timenode

ITEM_FIELDS = ("indicator", "task", "project")


def _exactly_one_item(name: str) -> models.CheckConstraint:
    one = [Q(**{f"{f}__isnull": f != field for f in ITEM_FIELDS}) for field in ITEM_FIELDS]
    return models.CheckConstraint(condition=one[0] | one[1] | one[2], name=name)


def items_of(unit_ids: set[int]) -> Q:
    """Rows attached to an item that one of ``unit_ids`` leads, cooperates on or answers for."""
    mine = Assignment.objects.filter(unit_id__in=unit_ids)
    return (
        Q(indicator_id__in=mine.values("indicator_id"))
        | Q(task_id__in=mine.values("task_id"))
        | Q(project_id__in=mine.values("project_id"))
    )


class ItemLink(TenantModel):
    """Abstract: points at exactly one indicator, task or project."""

    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("indicator"),
    )
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("key task"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("major project"),
    )

    class Meta:
        abstract = True

    @property
    def item(self) -> Any:
        return self.indicator or self.task or self.project

    @property
    def item_lookup(self) -> dict[str, Any]:
        """Filter arguments for rows about the same item (``Model.objects.filter(**...)``)."""
        return {
            "indicator_id": self.indicator_id,
            "task_id": self.task_id,
            "project_id": self.project_id,
        }


class Assignment(ItemLink):
    """A unit's part in an item: lead (牵头), cooperating (配合) or sole responsible (责任)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead (牵头)")
        COOPERATING = "cooperating", _("Cooperating (配合)")
        RESPONSIBLE = "responsible", _("Responsible (责任)")

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["sort_order", "id"]
        constraints = [
            _exactly_one_item("assignment_exactly_one_item"),
            models.UniqueConstraint(
                fields=["indicator", "unit"], name="assignment_unit_once_per_indicator"
            ),
            models.UniqueConstraint(fields=["task", "unit"], name="assignment_unit_once_per_task"),
            models.UniqueConstraint(
                fields=["project", "unit"], name="assignment_unit_once_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        # Whoever may see an item sees its whole division: cooperating units must know who
        # leads, and the lead must know its partners.
        return items_of(unit_ids)


class TimeNode(ItemLink):
    """A time node (时间节点): the phrase as written and the date it means."""

    text = models.CharField(_("time node as written"), max_length=200)
    # The year the phrase is read in (第一季度 in 2027 ends 2027-03-31); defaults to the plan's
    # first year. kind, due and reading are derived from text and year on every save.
    year = models.PositiveSmallIntegerField(_("read in year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, blank=True, editable=False)
    due = models.DateField(_("due"), null=True, blank=True, db_index=True, editable=False)
    parsed = models.JSONField(_("reading"), null=True, blank=True, editable=False)
    # Set when an accepted report says the node was met (reporting).
    met_on = models.DateField(_("met on"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("time node")
        verbose_name_plural = _("time nodes")
        ordering = ["due", "sort_order", "id"]
        constraints = [_exactly_one_item("timenode_exactly_one_item")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_reading()
        super().save(*args, **kwargs)

    def refresh_reading(self) -> None:
        if self.year is None and self.item is not None:
            self.year = self.item.version.plan.start_year
        node = parse_timenode(self.text, self.year)
        self.parsed = node.to_dict()
        self.kind = node.kind
        self.due = node.due

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return items_of(unit_ids)
