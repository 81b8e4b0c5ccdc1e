"""Writing many rows at once, without skipping what a model derives when it is saved."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def insert_all(rows: Iterable[M]) -> list[M]:
    """Insert ``rows`` (all of one model) and return them with their ids.

    ``bulk_create`` does not call ``save()``, and some models derive fields there (an
    indicator's reading of its target phrase, a time node's due date). Those are saved one
    by one; every other model is inserted in bulk.
    """
    objs = list(rows)
    if not objs:
        return objs
    model = type(objs[0])
    if model.save is models.Model.save:
        return model._default_manager.bulk_create(objs)
    for obj in objs:
        obj.save(force_insert=True)
    return objs
