"""Figures and the items behind them, for the dashboards.

A *bucket* is a filter on one kind of item with its count: every figure on a dashboard is one
bucket's count and links to it (``?show=<key>``), so the items behind a figure are always one
click away. A *chart* is a grid of buckets, drawn with ECharts and also shown as a table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from django.db.models import Q

from lantu.monitoring.palette import status_hex
from lantu.plans.models import PlanVersion


@dataclass
class Bucket:
    """The items behind one figure: a filter on one kind's items, and how many match."""

    key: str
    title: str
    kind: str  # indicator, task or project
    q: Q
    count: int = 0
    items: list[Any] = field(default_factory=list)  # read for the bucket being shown only


@dataclass
class Chart:
    """A chart and its table: rows are ``categories``, columns the series."""

    key: str
    title: str
    categories: list[str]
    series: list[dict[str, Any]]  # {"name", "color", "data": [{"value", "url"}]}
    row_urls: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, list[dict[str, Any]]]]:
        """(category, its list URL or "", one cell per series) for the table view."""
        urls = self.row_urls or [""] * len(self.categories)
        return [
            (cat, urls[i], [s["data"][i] for s in self.series])
            for i, cat in enumerate(self.categories)
        ]

    @property
    def total(self) -> int:
        """Every item the chart counts (each falls in one cell)."""
        return sum(cell["value"] for s in self.series for cell in s["data"])

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "categories": self.categories, "series": self.series}


class Buckets(dict[str, Bucket]):
    """Buckets by key; ``grid`` counts a chart's buckets in one ``GROUP BY``."""

    def add(self, key: str, title: Any, kind: str, q: Q, count: int) -> Bucket:
        self[key] = Bucket(key, str(title), kind, q, count)
        return self[key]

    def cell(self, bucket: Bucket) -> dict[str, Any]:
        n = bucket.count
        return {"value": n, "url": f"?show={quote(bucket.key)}#items" if n else ""}

    def grid(
        self,
        counts: Counter[tuple[Any, Any]],
        kind: str,
        prefix: str,
        rows: tuple[str, list[tuple[Any, Any]]],
        columns: tuple[str, list[tuple[str, Any, str]]],
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Buckets ``prefix:row:column`` from ``counts`` by (row key, column key), for a row
        field and a column field each with its (key, label[, colour]) list; the chart's
        categories and series."""
        row_field, row_keys = rows
        col_field, col_keys = columns
        series: list[dict[str, Any]] = [
            {"name": str(label), "color": color, "data": []} for _k, label, color in col_keys
        ]
        for row_key, row_label in row_keys:
            for i, (col_key, col_label, _color) in enumerate(col_keys):
                title = f"{row_label} · {col_label}" if row_label else str(col_label)
                q = Q(**{row_field: row_key, col_field: col_key})
                n = counts[(row_key, col_key)]
                bucket = self.add(f"{prefix}:{row_key}:{col_key}", title, kind, q, n)
                series[i]["data"].append(self.cell(bucket))
        return [str(label) for _k, label in row_keys], series


def tally(groups: list[dict[str, Any]], *fields: str) -> Counter[Any]:
    """Sum the counts ``n`` of ``GROUP BY`` rows by the values of ``fields``."""
    counts: Counter[Any] = Counter()
    for g in groups:
        key = tuple(g[f] for f in fields)
        counts[key if len(fields) > 1 else key[0]] += g["n"]
    return counts


def status_columns(order: Iterable[Any]) -> list[tuple[str, Any, str]]:
    """Chart columns for statuses in ``order``, each in its colour."""
    return [(str(s), str(s), status_hex(str(s))) for s in order]


def list_url(base: str, version: PlanVersion, **filters: str) -> str:
    """A link to an item list filtered by filters it has (see the lists' FilterSets)."""
    return f"{base}?{urlencode({'version': version.pk, **filters})}"
