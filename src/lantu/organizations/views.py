"""Pages for units, people and memberships (declared; the generic layer renders them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Related, Resource, col, register, style_widgets
from lantu.core.permissions import get_for, restrict
from lantu.core.services import update_object
from lantu.organizations import forms, services
from lantu.organizations.models import Membership, Person, Unit


def _save_unit(*, by: Any, instance: Any, data: dict[str, Any], region: Any, model: Any) -> Unit:
    return services.save_unit(by=by, unit=instance, data=data, region=region)


def _save_person(*, by: Any, instance: Any, data: dict[str, Any], region: Any, model: Any) -> Any:
    password = data.pop("password", None)
    if instance is None:
        return services.create_person(by=by, data=data, password=password, region=region)
    return update_object(instance=instance, data=data, by=by)


def _memberships_text(person: Person) -> str:
    return ";".join(f"{m.unit.name} {m.get_role_display()}" for m in person.memberships.all())


units = register(
    Resource(
        model=Unit,
        slug="units",
        columns=[
            col("name", Unit, link=True),
            col("kind", Unit),
            Column(_("parent unit"), lambda u: u.parent, sort="parent__name"),
            col("code", Unit),
        ],
        form=forms.UnitForm,
        filters=forms.UnitFilter,
        search=["name", "short_name", "code"],
        select_related=["parent"],
        default_ordering=["path"],
        save=_save_unit,
        related=[
            Related(
                _("subordinate units"),
                lambda u, user: restrict(u.children.all(), user, "view"),
                [
                    Column(_("name"), lambda u: u, link=True),
                    Column(_("kind"), lambda u: u.get_kind_display()),
                ],
            ),
            Related(
                _("people"),
                lambda u, user: restrict(
                    Membership.objects.filter(unit=u).select_related("person"), user, "view"
                ),
                [
                    Column(_("person"), lambda m: m.person),
                    Column(_("role"), lambda m: m.get_role_display()),
                ],
            ),
        ],
    )
)

people = register(
    Resource(
        model=Person,
        slug="people",
        columns=[
            col("username", Person, link=True),
            col("full_name", Person),
            col("title", Person),
            Column(_("units and roles"), _memberships_text),
            col("is_active", Person),
        ],
        form=forms.PersonForm,
        filters=forms.PersonFilter,
        search=["username", "full_name", "title"],
        prefetch=[Prefetch("memberships", queryset=Membership.objects.select_related("unit"))],
        default_ordering=["id"],
        save=_save_person,
        detail_fields=[
            "username",
            "full_name",
            "title",
            "phone",
            "email",
            "is_active",
            "last_login",
        ],
        detail_template="organizations/person_detail.html",
        related=[
            Related(
                _("memberships"),
                lambda p, user: restrict(p.memberships.select_related("unit"), user, "view"),
                [
                    Column(_("unit"), lambda m: m.unit),
                    Column(_("role"), lambda m: m.get_role_display()),
                    Column(_("data scope"), lambda m: m.get_scope_display()),
                ],
            )
        ],
    )
)

memberships = register(
    Resource(
        model=Membership,
        slug="memberships",
        columns=[
            Column(_("person"), lambda m: m.person, sort="person__full_name", link=True),
            Column(_("unit"), lambda m: m.unit, sort="unit__name"),
            col("role", Membership),
            col("scope", Membership),
        ],
        form=forms.MembershipForm,
        filters=forms.MembershipFilter,
        search=["person__full_name", "person__username", "unit__name"],
        select_related=["person", "unit"],
        default_ordering=["unit__path", "id"],
    )
)


@login_required
def set_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A system administrator sets a new password for someone (only its hash is kept)."""
    person = get_for(Person.objects.all(), request.user, "change", pk=pk)
    form = SetPasswordForm(person, request.POST or None)
    style_widgets(form)
    if request.method == "POST" and form.is_valid():
        services.set_password(
            by=request.user, person=person, password=form.cleaned_data["new_password1"]
        )
        messages.success(request, _("The new password is set."))
        return redirect(people.url("detail", person))
    return render(request, "organizations/set_password.html", {"form": form, "object": person})
