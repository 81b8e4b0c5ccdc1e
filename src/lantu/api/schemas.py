"""Schema pieces shared by every app's API: choices, money and measures, nested assignments.

Conventions, the same on every endpoint:

- a foreign key is the related object's id under the field's own name (``"version": 3``),
  as ninja's ModelSchema writes it; a few are followed by the related name for reading
  (``"unit_name"``);
- decimals are strings on the way out (``"5.2000"``), so no precision is lost in a float, and
  strings or numbers on the way in;
- dates are ISO 8601 (``"2027-12-31"``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, get_args

from django.db import models
from ninja import Field, Schema
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

# Inputs are checked against the model's digits so that a bad figure is a 422 naming its field,
# not a database error. Outputs need no bounds.
Measure = Annotated[Decimal, Field(max_digits=20, decimal_places=4)]
Money = Annotated[Decimal, Field(max_digits=16, decimal_places=2, ge=0)]
Year = Annotated[int, Field(ge=1949, le=2100)]
Order = Annotated[int, Field(ge=0, le=32767)]


class OneOf:
    """Annotation metadata: a string that must be one of a model's choices.

    Written inline in the OpenAPI document as an ``enum``; Django's TextChoices classes would
    otherwise all be called ``Kind`` or ``Status`` there and collide.
    """

    def __init__(self, choices: type[models.TextChoices], *, blank: bool = False) -> None:
        self.values = [str(value) for value in choices.values] + ([""] if blank else [])

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = core_schema.literal_schema(self.values)
        if type(None) in get_args(source):
            return core_schema.nullable_schema(schema)
        return schema


class Error(Schema):
    detail: str


class AssignmentBrief(Schema):
    """A unit's part in an item, as listed inside the item."""

    id: int
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    note: str


class TimeNodeBrief(Schema):
    """A time node, as listed inside its item."""

    id: int
    text: str
    kind: str
    due: dt.date | None


def prefetch_assignments() -> models.Prefetch[Any, Any, Any]:
    """The assignments of listed items with their units: one query for the whole page."""
    from lantu.division.models import Assignment

    return models.Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
