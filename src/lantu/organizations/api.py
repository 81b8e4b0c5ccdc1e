"""API for units, people and memberships (see ``lantu.api.crud`` for what each endpoint does)."""

from __future__ import annotations

from typing import Annotated, Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from ninja import Field, FilterLookup, FilterSchema, Schema
from ninja.errors import ValidationError

from lantu.api.crud import Resource, crud_router
from lantu.api.schemas import OneOf, Order
from lantu.core.permissions import DEFAULT_SCOPE
from lantu.core.services import create_object
from lantu.organizations.models import Membership, Person, Role, Scope, Unit
from lantu.organizations.services import create_person, save_unit

# ---------------------------------------------------------------- units


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent: int | None = Field(validation_alias="parent_id")
    code: str
    sort_order: int
    is_archived: bool


class UnitIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    short_name: str = Field("", max_length=50)
    kind: Annotated[str, OneOf(Unit.Kind)]
    parent: int | None = None
    code: str = Field("", max_length=30)
    sort_order: Order = 0


class UnitFilters(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "short_name__icontains"])] = None
    kind: Annotated[str | None, OneOf(Unit.Kind)] = None
    parent: Annotated[int | None, FilterLookup("parent_id")] = None
    is_archived: bool = False


def _create_unit(user: Any, data: dict[str, Any]) -> Unit:
    return save_unit(by=user, data=data, region=user.region)


def _update_unit(user: Any, unit: Any, data: dict[str, Any]) -> Unit:
    return save_unit(by=user, unit=unit, data=data)


# ---------------------------------------------------------------- people


class PersonOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    phone: str
    title: str
    is_active: bool


class PersonIn(Schema):
    username: str = Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(min_length=1, max_length=128, description="write-only")
    full_name: str = Field("", max_length=50)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)
    title: str = Field("", max_length=100)


class PersonPatch(Schema):
    full_name: str | None = Field(None, max_length=50)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=30)
    title: str | None = Field(None, max_length=100)
    is_active: bool | None = Field(None, description="false deactivates the account")


class PersonFilters(FilterSchema):
    q: Annotated[str | None, FilterLookup(["username__icontains", "full_name__icontains"])] = None
    unit: int | None = None
    role: Annotated[str | None, OneOf(Role)] = None
    is_active: bool | None = None

    def filter_unit(self, value: int | None) -> Q:
        return _member(unit_id=value, role=self.role) if value is not None else Q()

    def filter_role(self, value: str | None) -> Q:
        return _member(role=value) if value is not None and self.unit is None else Q()


def _member(**lookup: Any) -> Q:
    lookup = {k: v for k, v in lookup.items() if v is not None}
    return Q(Exists(Membership.objects.filter(person=OuterRef("pk"), **lookup)))


def _create_person(user: Any, data: dict[str, Any]) -> Person:
    password = data.pop("password")
    try:
        password_validation.validate_password(password, Person(**data))
    except DjangoValidationError as exc:
        loc = ["body", "payload", "password"]
        raise ValidationError(
            [{"type": "value_error", "loc": loc, "msg": " ".join(exc.messages)}]
        ) from exc
    return create_person(by=user, data=data, password=password, region=user.region)


# ---------------------------------------------------------------- memberships


class MembershipOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    person_name: str = Field(validation_alias="person.full_name")
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    scope: str
    chosen_units: list[int]

    @staticmethod
    def resolve_chosen_units(obj: Membership) -> list[int]:
        return [unit.pk for unit in obj.chosen_units.all()]


class MembershipIn(Schema):
    person: int
    unit: int
    role: Annotated[str, OneOf(Role)]
    scope: Annotated[str | None, OneOf(Scope)] = Field(
        None, description="default: the role's usual scope"
    )
    chosen_units: list[int] = Field(default_factory=list, description="for scope 'chosen'")


class MembershipPatch(Schema):
    role: Annotated[str | None, OneOf(Role)] = None
    scope: Annotated[str | None, OneOf(Scope)] = None
    chosen_units: list[int] | None = None


class MembershipFilters(FilterSchema):
    person: Annotated[int | None, FilterLookup("person_id")] = None
    unit: Annotated[int | None, FilterLookup("unit_id")] = None
    role: Annotated[str | None, OneOf(Role)] = None
    scope: Annotated[str | None, OneOf(Scope)] = None


def _create_membership(user: Any, data: dict[str, Any]) -> Membership:
    if data.get("scope") is None:
        data["scope"] = DEFAULT_SCOPE.get(data["role"], Scope.OWN)
    return create_object(model=Membership, data=data, by=user, region=user.region)


router = crud_router(
    Resource(
        model=Unit,
        path="/units",
        out=UnitOut,
        create=UnitIn,
        filters=UnitFilters,
        refs={"parent": Unit},
        ordering=("sort_order", "id"),
        creator=_create_unit,
        updater=_update_unit,
    ),
    Resource(
        model=Person,
        path="/people",
        out=PersonOut,
        create=PersonIn,
        patch=PersonPatch,
        filters=PersonFilters,
        ordering=("id",),
        creator=_create_person,
    ),
    Resource(
        model=Membership,
        path="/memberships",
        out=MembershipOut,
        create=MembershipIn,
        patch=MembershipPatch,
        filters=MembershipFilters,
        refs={"person": Person, "unit": Unit, "chosen_units": Unit},
        select_related=("person", "unit"),
        prefetch_related=("chosen_units",),
        ordering=("id",),
        creator=_create_membership,
    ),
)
