"""Units (单位) in a tree, the people who work in them, and their roles and data scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantu.core.models import Region, TenantModel


class Unit(TenantModel):
    """A unit of the district: Party committee, government, department, street, town ...

    Units are visible region-wide (they are the directory of the government); what a role may
    do with them is decided by the permission rules. ``path`` holds the ids from the root down
    (``/1/5/23/``) so that "this unit and everything below it" is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        GOVERNMENT = "government", _("Government")
        CONGRESS = "congress", _("People's Congress")
        CPPCC = "cppcc", _("CPPCC")
        DEPARTMENT = "department", _("Department (部委办局)")
        COURT = "court", _("Court")
        PROCURATORATE = "procuratorate", _("Procuratorate")
        SUBDISTRICT = "subdistrict", _("Sub-district (街道)")
        TOWN = "town", _("Town (镇)")
        PEOPLES_ORGANISATION = "peoples_org", _("People's organisation")
        KEY_AREA = "key_area", _("Key area")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    code = models.CharField(_("code"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name

    def descendant_ids(self) -> list[int]:
        return list(Unit.objects.filter(path__startswith=self.path).values_list("pk", flat=True))


class Person(AbstractUser):
    """Someone who signs in. Roles come from memberships in units, never from flags here."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(_("post"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        from django.db.models import Exists, OuterRef

        return Q(Exists(Membership.objects.filter(person=OuterRef("pk"), unit_id__in=unit_ids)))


class Role(models.TextChoices):
    PLAN_ADMIN = "plan_admin", _("Plan administrator")
    REPORTER = "reporter", _("Unit reporter")
    REVIEWER = "reviewer", _("Unit reviewer")
    LEADER = "leader", _("Leader")
    CONGRESS = "congress", _("People's Congress")
    INSPECTOR = "inspector", _("Inspector")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


class Scope(models.TextChoices):
    OWN = "own", _("Own unit")
    SUBTREE = "subtree", _("Unit and below")
    ALL = "all", _("All units")
    CHOSEN = "chosen", _("Chosen units")


class Membership(TenantModel):
    """A person's role in a unit, with the data scope that role sees."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    scope = models.CharField(_("data scope"), max_length=10, choices=Scope.choices)
    chosen_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("chosen units / portfolio")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "role"], name="membership_unique_role_in_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.unit} · {self.get_role_display()}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(unit_id__in=unit_ids)
