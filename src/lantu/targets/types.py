"""Plain data for targets, time nodes and progress judgements.

This package is pure Python: no Django import anywhere under ``lantu.targets``. The parser
(``parse.py``, ``timenodes.py``) produces these objects; the progress engine (``progress.py``)
consumes them; the Django apps store ``to_dict()`` output beside the phrase as written.
The field meanings are fixed by ``shared/spec/targets.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Basis = Literal[
    "level",
    "growth",
    "annual_growth",
    "pp_change",
    "increment",
    "cumulative",
    "relative",
    "delegated",
    "qualitative",
    "compound",
]
Comparator = Literal["eq", "approx", "ge", "gt", "le", "lt", "between"]
Direction = Literal["increase", "decrease"]
TimeNodeKind = Literal["deadline", "recurring", "ongoing", "period", "duration", "unknown"]
Every = Literal["year", "half", "quarter", "month"]


def _number(value: Decimal | None) -> int | float | None:
    """JSON form of a decimal: an int when integral, else a float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True)
class Target:
    """One target phrase read into structure (see spec/targets.md, "Target object")."""

    text: str
    basis: Basis
    comparator: Comparator | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    direction: Direction | None = None
    hedged: bool = False
    year: int | None = None
    parts: tuple[Target, ...] = ()
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "basis": self.basis,
            "comparator": self.comparator,
            "value": _number(self.value),
            "upper": _number(self.upper),
            "unit": self.unit,
            "direction": self.direction,
            "hedged": self.hedged,
            "year": self.year,
            "parts": [part.to_dict() for part in self.parts],
        }
        if self.label is not None:
            data["label"] = self.label
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        def dec(v: Any) -> Decimal | None:
            return None if v is None else Decimal(str(v))

        return cls(
            text=data["text"],
            basis=data["basis"],
            comparator=data.get("comparator"),
            value=dec(data.get("value")),
            upper=dec(data.get("upper")),
            unit=data.get("unit"),
            direction=data.get("direction"),
            hedged=bool(data.get("hedged", False)),
            year=data.get("year"),
            parts=tuple(cls.from_dict(p) for p in data.get("parts") or ()),
            label=data.get("label"),
        )


@dataclass(frozen=True)
class TimeNode:
    """One time-node phrase read into structure (see spec/targets.md, "Time-node object")."""

    text: str
    kind: TimeNodeKind
    due: dt.date | None = None
    start: dt.date | None = None
    every: Every | None = None
    days: int | None = None
    working: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "start": self.start.isoformat() if self.start else None,
            "every": self.every,
            "days": self.days,
            "working": self.working,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeNode:
        def day(v: Any) -> dt.date | None:
            return None if v is None else dt.date.fromisoformat(v)

        return cls(
            text=data["text"],
            kind=data["kind"],
            due=day(data.get("due")),
            start=day(data.get("start")),
            every=data.get("every"),
            days=data.get("days"),
            working=bool(data.get("working", False)),
        )


__all__ = ["Target", "TimeNode"]
