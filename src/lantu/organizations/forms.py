from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import ScopedModelForm
from lantu.organizations.models import Membership, Person, Role, Unit


class UnitForm(ScopedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "code", "sort_order"]


class UnitFilter(django_filters.FilterSet):
    class Meta:
        model = Unit
        fields = ["kind"]


class PersonForm(ScopedModelForm):
    password = forms.CharField(
        label=_("initial password"), widget=forms.PasswordInput, required=False, min_length=8
    )

    class Meta:
        model = Person
        fields = ["username", "full_name", "title", "phone", "email", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["password"].required = True
        else:
            del self.fields["password"]


class PersonFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        field_name="memberships__unit",
        queryset=Unit.objects.all(),
        label=_("unit"),
        distinct=True,
    )
    role = django_filters.ChoiceFilter(
        field_name="memberships__role", choices=Role.choices, label=_("role"), distinct=True
    )

    class Meta:
        model = Person
        fields = ["is_active"]


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = ["person", "unit", "role", "scope", "chosen_units"]


class MembershipFilter(django_filters.FilterSet):
    class Meta:
        model = Membership
        fields = ["role", "scope", "unit"]
