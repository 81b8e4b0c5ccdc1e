"""Writes for units and people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.core import audit
from lantu.core.services import DomainError, create_object, update_object
from lantu.organizations.models import Person, Unit


def _path_for(unit: Unit) -> str:
    return f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"


@transaction.atomic
def save_unit(
    *, by: Any, unit: Unit | None = None, data: dict[str, Any], region: Any = None
) -> Unit:
    """Create or change a unit and keep the tree's paths right (descendants move with it)."""
    parent = data.get("parent", unit.parent if unit else None)
    if unit is not None and parent is not None and parent.path.startswith(unit.path):
        raise DomainError(_("A unit cannot be placed under itself or one of its own units."))
    if unit is None:
        unit = create_object(model=Unit, data=data, by=by, region=region)
    else:
        unit = update_object(instance=unit, data=data, by=by)
    old_path, new_path = unit.path, _path_for(unit)
    if old_path != new_path:
        Unit.objects.filter(pk=unit.pk).update(path=new_path)
        if old_path:
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
                Unit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])
        unit.path = new_path
    return unit


@transaction.atomic
def create_person(*, by: Any, data: dict[str, Any], password: str, region: Any) -> Person:
    """Create an account with an initial password (only its hash is kept or audited)."""
    if Person.objects.filter(username=data.get("username")).exists():
        raise DomainError(_("That user name is taken."))
    try:
        password_validation.validate_password(password, Person(**data))
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    # The hash goes in with the row (it is required); the audit snapshot leaves it out.
    return create_object(
        model=Person, data={**data, "password": make_password(password)}, by=by, region=region
    )


@transaction.atomic
def set_password(*, by: Any, person: Person, password: str) -> None:
    person.set_password(password)
    person.save(update_fields=["password"])
    audit.record("organizations.person.password_set", by=by, obj=person)
